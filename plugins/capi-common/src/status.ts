import {
  ConditionHealth,
  conditionHealth,
  findCondition,
  pickHeadlineCondition,
} from './conditions';
import {
  availabilityLost,
  machinesComingUp,
  replacementCovered,
  rollUpBehind,
} from './statusCoverage';
import type { ClusterCondition, ClusterStatus } from './types';

/**
 * Statuses that mean "work in progress": a summary condition that is `False`
 * only because of that work is not a failure.
 *
 * @public
 */
export const IN_PROGRESS_STATUSES: readonly ClusterStatus[] = [
  'Provisioning',
  'Upgrading',
  'RollingOut',
  'Scaling',
  'Deleting',
];

/**
 * Summary condition types that follow the replica count: `False` while
 * machines are still being created or replaced, even when nothing is wrong
 * (a MachineDeployment with `maxUnavailable: 0` is not `Available` until a
 * scale-up is done, and `WorkersAvailable`/`Available` of its Cluster repeat
 * that).
 */
const REPLICA_SUMMARIES = ['Available', 'Ready', 'WorkersAvailable'];

/**
 * Condition types that new machines make `False` until they are available:
 * the replica summaries, and what a control plane and its Cluster derive
 * from its machines (CAPI's KubeadmControlPlane counts an etcd member or
 * control plane pod of a machine still coming up against `EtcdClusterHealthy`,
 * `ControlPlaneComponentsHealthy` and `Available`, and the Cluster mirrors
 * that as `ControlPlaneAvailable`).
 */
const STARTUP_SUMMARIES = [
  ...REPLICA_SUMMARIES,
  'ControlPlaneAvailable',
  'EtcdClusterHealthy',
  'EtcdClusterAvailable',
  'ControlPlaneComponentsHealthy',
  // v1beta1: a MachineDeployment's newest MachineSet not ready yet.
  'MachineSetReady',
];

/**
 * The health of a condition as the object's status reads it: a condition
 * that machines being added or replaced make `False` (`Available`, `Ready`,
 * `WorkersAvailable`, `ControlPlaneAvailable`, `EtcdClusterHealthy`,
 * `ControlPlaneComponentsHealthy`) on an object whose status is in progress
 * reads `active`, not `failing`: the status rules only leave it so when that
 * work explains it.
 *
 * @public
 */
export function conditionHealthIn(
  condition: ClusterCondition,
  status: ClusterStatus | undefined,
): ConditionHealth {
  const health = conditionHealth(condition);
  if (
    health === 'failing' &&
    status &&
    IN_PROGRESS_STATUSES.includes(status) &&
    STARTUP_SUMMARIES.includes(condition.type)
  ) {
    return 'active';
  }
  return health;
}

/** What excuses a summary condition that is `False` during work in progress. */
interface Excuses {
  /** Machines coming up, or old ones leaving, account for it. */
  replacement: boolean;
  /** Availability is actually lost: nothing excuses a replica summary. */
  lost: boolean;
}

/**
 * The stricter reading the status rules use: a replica summary is excused
 * by work in progress unless availability is actually lost, the other
 * startup summaries only by machines coming up or leaving that account for
 * what is missing.
 */
function healthWhile(
  condition: ClusterCondition,
  activity: ClusterStatus | undefined,
  excuses: Excuses,
): ConditionHealth {
  const health = conditionHealth(condition);
  if (health !== 'failing' || !activity) return health;
  if (REPLICA_SUMMARIES.includes(condition.type) && !excuses.lost)
    return 'active';
  if (excuses.replacement && STARTUP_SUMMARIES.includes(condition.type))
    return 'active';
  return health;
}

/**
 * What the status of a control plane or node pool is computed from.
 *
 * @public
 */
export interface ReplicaSetStatusInput {
  conditions: readonly ClusterCondition[];
  deleting?: boolean;
  replicas: number;
  desiredReplicas?: number;
  availableReplicas: number;
  upToDateReplicas: number;
  /** The machines are moving to another Kubernetes version. */
  versionChanging?: boolean;
  /**
   * Machines still coming up: never available since they were created (no
   * Node yet, or a Node not ready yet). CAPI stops reporting `ScalingUp`
   * once they exist, but they are not available until their node is ready.
   * A machine that was available and lost its node is not one of them.
   */
  machinesStarting?: number;
  /**
   * Machines that report `Available=True` themselves. The object's counters
   * and `Available` roll them up one reconcile later: more machines
   * available than the counters say is CAPI catching up, not a loss.
   */
  machinesAvailable?: number;
  /**
   * Machines being deleted (a rollout replacing them, a scale-down). While
   * the available machines cover the wanted replicas, what they make
   * `False` on their way out (`EtcdClusterHealthy`,
   * `ControlPlaneComponentsHealthy`) is the replacement, not a loss.
   */
  machinesLeaving?: number;
  /**
   * Machines that were available and are not any more, neither leaving nor
   * coming up (a node lost, or a machine not up within the node startup
   * timeout). With fewer available (and coming up) than wanted, that is a
   * loss whatever else is in progress.
   */
  machinesLost?: number;
}

/**
 * A status and the condition behind it.
 *
 * @public
 */
export interface StatusVerdict {
  status: ClusterStatus;
  headline?: ClusterCondition;
}

function isTrue(conditions: readonly ClusterCondition[], type: string) {
  return findCondition(conditions, type)?.status === 'True';
}

/** Work in progress on a control plane or pool: conditions first (v1beta2), counters for v1beta1. */
function activityOf(input: ReplicaSetStatusInput): ClusterStatus | undefined {
  const { conditions } = input;
  const hasRolloutConditions = Boolean(
    findCondition(conditions, 'RollingOut') ??
      findCondition(conditions, 'ScalingUp'),
  );
  const rollingOut = hasRolloutConditions
    ? isTrue(conditions, 'RollingOut')
    : input.replicas > 0 && input.upToDateReplicas < input.replicas;
  const desired = input.desiredReplicas ?? input.replicas;
  const scaling = hasRolloutConditions
    ? isTrue(conditions, 'ScalingUp') || isTrue(conditions, 'ScalingDown')
    : input.replicas !== desired;
  if (input.versionChanging && (rollingOut || scaling)) return 'Upgrading';
  if (rollingOut) return 'RollingOut';
  if (scaling) return 'Scaling';
  // New machines booting make up for what is not available yet, or the
  // machines are up and the counters not yet: still scaling.
  if (machinesComingUp(input) || rollUpBehind(input))
    return input.versionChanging ? 'Upgrading' : 'Scaling';
  return undefined;
}

/**
 * Status of a node pool (MachineDeployment, MachinePool) or control plane by
 * CAPI's rules: `Available=False` while the pool rolls out or scales is the
 * rollout, not a failure (CAPI itself reports `Available=False` during a
 * scale-up with `maxUnavailable: 0`); `Degraded` only when availability is
 * lost with nothing in progress that explains it, or when a condition other
 * than a replica summary fails.
 *
 * @public
 */
export function replicaSetStatus(input: ReplicaSetStatusInput): StatusVerdict {
  const { conditions } = input;
  const verdict = (status: ClusterStatus, type?: string): StatusVerdict => {
    const headline = type
      ? findCondition(conditions, type)
      : pickHeadlineCondition(conditions, c => conditionHealthIn(c, status));
    return headline ? { status, headline } : { status };
  };
  if (input.deleting || isTrue(conditions, 'Deleting'))
    return verdict('Deleting', 'Deleting');
  if (isTrue(conditions, 'Paused')) return verdict('Paused', 'Paused');
  const activity = activityOf(input);
  const excuses: Excuses = {
    replacement:
      machinesComingUp(input) ||
      rollUpBehind(input) ||
      replacementCovered(input),
    lost: availabilityLost(input),
  };
  const failing = conditions.filter(
    c => healthWhile(c, activity, excuses) === 'failing',
  );
  if (failing.length > 0) return verdict('Degraded');
  if (activity) {
    // The work itself (RollingOut, ScalingUp, ...), not the summaries it makes False.
    const active = pickHeadlineCondition(conditions, c =>
      conditionHealth(c) === 'active' ? 'active' : 'healthy',
    );
    return active ? { status: activity, headline: active } : verdict(activity);
  }
  const desired = input.desiredReplicas ?? input.replicas;
  const available = findCondition(conditions, 'Available');
  if (
    available?.status === 'True' ||
    (!available && input.availableReplicas >= desired)
  ) {
    return verdict('Available');
  }
  return verdict('Unknown');
}

/**
 * What the status of a cluster is computed from.
 *
 * @public
 */
export interface ClusterStatusInput {
  phase: string;
  deleting: boolean;
  /** v1beta1 `failureReason`/`failureMessage`, when set. */
  failureMessage?: string;
  paused?: boolean;
  controlPlaneInitialized: boolean;
  conditions: readonly ClusterCondition[];
  /** The control plane's status (from {@link replicaSetStatus}), when there is one. */
  controlPlane?: StatusVerdict;
  /** Each node pool's status (from {@link replicaSetStatus}). */
  pools: readonly StatusVerdict[];
  /** Machines run, or are asked to run, another Kubernetes version than the cluster's. */
  versionChanging: boolean;
}

/** The Cluster's own conditions: its control plane and pools say the rest. */
const CLUSTER_EXCUSES: Excuses = { replacement: false, lost: false };

const PROGRESS_ORDER: ClusterStatus[] = ['Upgrading', 'RollingOut', 'Scaling'];

/**
 * Status of a cluster by CAPI's rules:
 *
 * 1. `Deleting`, then `Failed` (v1beta1 failure fields), then `Paused`.
 * 2. `Provisioning` until the control plane is initialised.
 * 3. `Degraded` when a condition fails (CAPI's `Available` or one of its
 *    gates — `RemoteConnectionProbe`, `InfrastructureReady`,
 *    `ControlPlaneAvailable`, `WorkersAvailable`, `TopologyReconciled` with a
 *    failure reason — or any other positive-polarity condition), unless it
 *    is a replica summary (`Available`, `WorkersAvailable`) that is `False`
 *    only because the control plane or pools are rolling out or scaling, or
 *    `ControlPlaneAvailable` while the control plane itself is; or when the
 *    control plane or a pool is itself Degraded. `ControlPlaneInitialized`
 *    `False` is step 2, whatever the phase.
 * 4. `Upgrading`, `RollingOut` or `Scaling` while that work is under way.
 * 5. `Available` otherwise (warnings such as `Remediating` show as the
 *    headline without changing the status).
 *
 * @public
 */
export function clusterStatus(input: ClusterStatusInput): StatusVerdict {
  const { conditions } = input;
  const verdict = (status: ClusterStatus, type?: string): StatusVerdict => {
    const headline = type
      ? findCondition(conditions, type)
      : pickHeadlineCondition(conditions, c => conditionHealthIn(c, status));
    return headline ? { status, headline } : { status };
  };
  const phase = input.phase;
  if (input.deleting || phase === 'Deleting' || isTrue(conditions, 'Deleting'))
    return verdict('Deleting', 'Deleting');
  if (phase === 'Failed' || input.failureMessage) return verdict('Failed');
  if (input.paused || isTrue(conditions, 'Paused'))
    return verdict('Paused', 'Paused');
  // ControlPlaneInitialized never turns False again once True (CAPI keeps
  // it): False is a cluster still being created, whatever the phase says.
  if (
    phase === 'Pending' ||
    phase === 'Provisioning' ||
    !input.controlPlaneInitialized ||
    findCondition(conditions, 'ControlPlaneInitialized')?.status === 'False'
  )
    return verdict('Provisioning');

  const parts = [
    ...(input.controlPlane ? [input.controlPlane] : []),
    ...input.pools,
  ];
  let activity: ClusterStatus | undefined = input.versionChanging
    ? 'Upgrading'
    : undefined;
  for (const candidate of PROGRESS_ORDER) {
    if (activity) break;
    if (parts.some(p => p.status === candidate)) activity = candidate;
  }
  if (!activity && isTrue(conditions, 'RollingOut')) activity = 'RollingOut';
  if (
    !activity &&
    (isTrue(conditions, 'ScalingUp') || isTrue(conditions, 'ScalingDown'))
  )
    activity = 'Scaling';

  // ControlPlaneAvailable and WorkersAvailable repeat the control plane's
  // and the pools' own status one reconcile later: when those are available
  // or busy, a False here is the roll-up catching up (the end of a scale-up).
  const fine = (p: StatusVerdict) =>
    p.status === 'Available' || IN_PROGRESS_STATUSES.includes(p.status);
  const controlPlaneFine = Boolean(
    input.controlPlane && fine(input.controlPlane),
  );
  const workersFine = input.pools.length > 0 && input.pools.every(fine);
  const rolledUp = (c: ClusterCondition) =>
    c.status === 'False' &&
    (((c.type === 'ControlPlaneAvailable' || c.type === 'ControlPlaneReady') &&
      controlPlaneFine) ||
      (c.type === 'WorkersAvailable' && workersFine));
  const catchingUp = !activity && conditions.some(rolledUp);
  const failing = conditions.filter(
    c =>
      !rolledUp(c) &&
      healthWhile(c, activity, CLUSTER_EXCUSES) === 'failing' &&
      // The Cluster's Available only repeats its gates: behind with them.
      !(
        catchingUp &&
        REPLICA_SUMMARIES.includes(c.type) &&
        c.type !== 'WorkersAvailable'
      ),
  );
  if (failing.length > 0) {
    const headline = pickHeadlineCondition(failing);
    return headline ? { status: 'Degraded', headline } : { status: 'Degraded' };
  }
  const degradedPart = parts.find(p => p.status === 'Degraded');
  if (degradedPart) {
    return degradedPart.headline
      ? { status: 'Degraded', headline: degradedPart.headline }
      : { status: 'Degraded' };
  }
  if (catchingUp) activity = 'Scaling';
  if (activity) {
    // The work itself (RollingOut, ScalingUp, ...), not the summaries it makes False.
    const active = pickHeadlineCondition(conditions, c =>
      conditionHealth(c) === 'active' ? 'active' : 'healthy',
    );
    const fromPart = parts.find(p => p.status === activity)?.headline;
    const headline = active ?? fromPart;
    return headline ? { status: activity, headline } : { status: activity };
  }
  const available = findCondition(conditions, 'Available');
  if (available?.status === 'True' || (!available && phase === 'Provisioned'))
    return verdict('Available');
  if (!available && isTrue(conditions, 'Ready')) return verdict('Available');
  return verdict('Unknown');
}
