import {
  ClusterCondition,
  ClusterStatus,
  clusterStatus,
  compareKubernetesVersions,
  ConditionExplanation,
  ControlPlaneSummary,
  explainCondition,
  NodePoolSummary,
  normalizeKubernetesVersion,
  replicaSetStatus,
  UpgradeStatus,
  upgradeStatus,
  VersionCount,
} from '@capstan/plugin-capi-common';
import type {
  TrimmedCluster,
  TrimmedControlPlane,
  TrimmedMachine,
  TrimmedPool,
} from '../normalise/types';

function toCounts(tally: Map<string, number> | undefined): VersionCount[] {
  return [...(tally ?? new Map<string, number>()).entries()]
    .map(([version, replicas]) => ({ version, replicas }))
    .sort((a, b) => compareKubernetesVersions(b.version, a.version));
}

/**
 * CAPI's default MachineHealthCheck `nodeStartupTimeout`: a machine that has
 * not come up within it is stuck, and counts as missing, not as starting.
 */
export const NODE_STARTUP_TIMEOUT_MS = 10 * 60_000;

/**
 * Kubernetes versions the machines run, per control plane and pool, and the
 * machines updating in place: the fallback for CAPI older than v1.14, which
 * reports no `status.versions`.
 */
export class VersionTally {
  readonly #controlPlane = new Map<string, number>();
  /** By pool name: machines whose pool object is not in the cache count too. */
  readonly #pools = new Map<string, Map<string, number>>();
  readonly updatingInPlace: string[] = [];
  /** Machines still coming up (not deleting), by pool name; `control-plane` for the control plane. */
  readonly #starting = new Map<string, number>();
  /** Machines that report Available themselves (not deleting), keyed like `#starting`. */
  readonly #available = new Map<string, number>();
  /** Machines being deleted, and machines that were available and are not (neither deleting, starting nor updating in place), keyed like `#starting`. */
  readonly #leaving = new Map<string, number>();
  readonly #lost = new Map<string, number>();
  /** When the first starting machine counted here reaches its startup timeout. */
  validUntil = Infinity;

  readonly #now: number;

  constructor(now: number = Date.now()) {
    this.#now = now;
  }

  /** Never available yet, and created less than the startup timeout ago. */
  #isStarting(machine: TrimmedMachine): boolean {
    if (machine.deleting || !machine.starting) return false;
    const created = machine.createdAt ? Date.parse(machine.createdAt) : NaN;
    if (Number.isNaN(created)) return true;
    const until = created + NODE_STARTUP_TIMEOUT_MS;
    if (until <= this.#now) return false;
    this.validUntil = Math.min(this.validUntil, until);
    return true;
  }

  add(machine: TrimmedMachine, poolName: string) {
    if (machine.updating) this.updatingInPlace.push(machine.name);
    const key = machine.controlPlane ? 'control-plane' : poolName;
    const count = (map: Map<string, number>) =>
      map.set(key, (map.get(key) ?? 0) + 1);
    if (machine.deleting) count(this.#leaving);
    else if (this.#isStarting(machine)) count(this.#starting);
    // Updating in place is the update, not a loss.
    else if (machine.available === false && !machine.updating)
      count(this.#lost);
    if (!machine.deleting && machine.available) {
      this.#available.set(key, (this.#available.get(key) ?? 0) + 1);
    }
    const raw = machine.kubeletVersion ?? machine.version;
    if (!raw) return;
    const version = normalizeKubernetesVersion(raw);
    let counts: Map<string, number> | undefined;
    if (machine.controlPlane) {
      counts = this.#controlPlane;
    } else {
      counts = this.#pools.get(poolName) ?? new Map<string, number>();
      this.#pools.set(poolName, counts);
    }
    counts?.set(version, (counts.get(version) ?? 0) + 1);
  }

  controlPlane(): VersionCount[] {
    return toCounts(this.#controlPlane);
  }

  pool(name: string): VersionCount[] {
    return toCounts(this.#pools.get(name));
  }

  starting(poolName: string): number {
    return this.#starting.get(poolName) ?? 0;
  }

  available(poolName: string): number {
    return this.#available.get(poolName) ?? 0;
  }

  leaving(poolName: string): number {
    return this.#leaving.get(poolName) ?? 0;
  }

  lost(poolName: string): number {
    return this.#lost.get(poolName) ?? 0;
  }

  poolNames(): string[] {
    return [...this.#pools.keys()];
  }
}

/** Without machines or status.versions: status.version, else spec.version when every replica is up to date. */
function fallbackControlPlaneVersions(
  cp: TrimmedControlPlane | undefined,
): VersionCount[] {
  if (!cp || cp.replicas === 0) return [];
  if (cp.statusVersion)
    return [{ version: cp.statusVersion, replicas: cp.replicas }];
  if (cp.version && cp.upToDateReplicas === cp.replicas)
    return [{ version: cp.version, replicas: cp.replicas }];
  return [];
}

/** What the status of a cluster is summarised from. */
export interface StatusSummaryInput {
  cluster: TrimmedCluster;
  controlPlaneInput?: TrimmedControlPlane;
  /** Filled in here: versions. */
  controlPlane: ControlPlaneSummary;
  /** Filled in here: status, headline, explanation, versions. */
  nodePools: NodePoolSummary[];
  poolInputs: Map<NodePoolSummary, TrimmedPool>;
  tally: VersionTally;
  desiredVersion?: string;
  versionMismatch: boolean;
  allowedVersions?: readonly string[];
  chainedUpgrades?: boolean;
}

function differs(versions: readonly VersionCount[], version?: string) {
  return Boolean(
    version &&
      versions.some(v => compareKubernetesVersions(v.version, version) !== 0),
  );
}

function explained(headline: ClusterCondition | undefined) {
  return headline ? explainCondition(headline) : undefined;
}

/**
 * Status, headline and upgrade state of one cluster by CAPI's rules (see
 * `clusterStatus` in capi-common): versions from status where CAPI v1.14
 * reports them, else from the machines.
 */
export function summariseStatus(input: StatusSummaryInput): {
  status: ClusterStatus;
  headline?: ClusterCondition;
  explanation?: ConditionExplanation;
  upgrade: UpgradeStatus;
} {
  const { cluster, controlPlane, tally } = input;
  const cpInput = input.controlPlaneInput;
  const cpVersions: VersionCount[] =
    cpInput?.versions ??
    cluster.controlPlaneVersions ??
    (tally.controlPlane().length > 0
      ? tally.controlPlane()
      : fallbackControlPlaneVersions(cpInput));
  if (cpVersions.length > 0) controlPlane.versions = cpVersions;

  const rollingOut: string[] = [];
  const cpVerdict = cpInput
    ? replicaSetStatus({
        conditions: cpInput.conditions,
        deleting: cpInput.deleting,
        replicas: cpInput.replicas,
        desiredReplicas: cpInput.desiredReplicas,
        availableReplicas: cpInput.availableReplicas,
        upToDateReplicas: cpInput.upToDateReplicas,
        machinesStarting: tally.starting('control-plane'),
        machinesAvailable: tally.available('control-plane'),
        machinesLeaving: tally.leaving('control-plane'),
        machinesLost: tally.lost('control-plane'),
        versionChanging:
          differs(cpVersions, cpInput.version) || cpVersions.length > 1,
      })
    : undefined;
  // Machines being replaced or added: Capstan starts no upgrade on top of that.
  if (cpVerdict?.status === 'RollingOut') rollingOut.push('the control plane');
  if (cpVerdict?.status === 'Scaling')
    rollingOut.push('the control plane scaling');

  const poolVerdicts = input.nodePools.map(pool => {
    const source = input.poolInputs.get(pool);
    if (!pool.versions) {
      const fromMachines = tally.pool(pool.name);
      if (fromMachines.length > 0) pool.versions = fromMachines;
    }
    if (!source) {
      // Declared in the topology, not created yet: CAPI reports nothing on it.
      pool.status = 'Provisioning';
      return undefined;
    }
    const verdict = replicaSetStatus({
      conditions: source.conditions,
      deleting: source.deleting,
      replicas: source.replicas,
      desiredReplicas: source.desiredReplicas,
      availableReplicas: source.availableReplicas,
      upToDateReplicas: source.upToDateReplicas,
      machinesStarting: tally.starting(pool.name),
      machinesAvailable: tally.available(pool.name),
      machinesLeaving: tally.leaving(pool.name),
      machinesLost: tally.lost(pool.name),
      versionChanging:
        differs(pool.versions ?? [], source.version) ||
        (pool.versions?.length ?? 0) > 1,
    });
    pool.status = verdict.status;
    if (verdict.headline) {
      pool.headline = verdict.headline;
      pool.explanation = explained(verdict.headline);
    }
    if (verdict.status === 'RollingOut')
      rollingOut.push(`node pool ${pool.name}`);
    if (verdict.status === 'Scaling')
      rollingOut.push(`node pool ${pool.name} scaling`);
    return verdict;
  });

  const verdict = clusterStatus({
    phase: cluster.phase,
    deleting: cluster.deleting,
    failureMessage: cluster.failureMessage,
    paused: cluster.paused,
    controlPlaneInitialized:
      cluster.controlPlaneInitialized ?? controlPlane.initialized,
    conditions: cluster.conditions,
    controlPlane: cpVerdict,
    pools: poolVerdicts.filter(
      (v): v is NonNullable<typeof v> => v !== undefined,
    ),
    versionChanging:
      input.versionMismatch ||
      differs(cpVersions, input.desiredVersion) ||
      Boolean(cluster.controlPlanePlan?.length || cluster.workersPlan?.length),
  });

  // The cluster as a whole still moving (e.g. machines the control plane's status no longer counts).
  if (
    rollingOut.length === 0 &&
    (verdict.status === 'Upgrading' || verdict.status === 'RollingOut')
  ) {
    rollingOut.push('the cluster');
  }
  const upgrade = upgradeStatus(
    {
      desiredVersion: input.desiredVersion,
      controlPlaneVersions: cpVersions,
      pools: [
        ...input.nodePools.map(pool => ({
          name: pool.name,
          version: pool.version,
          versions: pool.versions ?? [],
        })),
        // Machines of pools the cache has no object for still run something.
        ...tally
          .poolNames()
          .filter(name => !input.nodePools.some(p => p.name === name))
          .map(name => ({ name, versions: tally.pool(name) })),
      ],
      rollingOut,
      updatingInPlace: tally.updatingInPlace,
      controlPlanePlan: cluster.controlPlanePlan,
      workersPlan: cluster.workersPlan,
      classic: !cluster.clusterClass,
    },
    input.allowedVersions
      ? {
          allowed: input.allowedVersions,
          chained: input.chainedUpgrades,
          clusterClass: Boolean(cluster.clusterClass),
        }
      : undefined,
  );
  // upgradeStatus merged the pools' versions; CAPI's own aggregate wins when reported.
  if (cluster.workerVersions) upgrade.workerVersions = cluster.workerVersions;
  const result: ReturnType<typeof summariseStatus> = {
    status: verdict.status,
    upgrade,
  };
  if (verdict.headline) {
    result.headline = verdict.headline;
    result.explanation = explained(verdict.headline);
  }
  return result;
}
