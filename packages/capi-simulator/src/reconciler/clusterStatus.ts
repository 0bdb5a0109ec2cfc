import { KubeObject } from '../types';
import {
  Condition,
  condition,
  conditionsOf,
  legacyCondition,
} from './capiMeta';
import { mergeVersionCounts } from './replicaRollups';

/**
 * The Cluster's `ControlPlaneMachinesReady`, `WorkerMachinesReady`,
 * `ControlPlaneMachinesUpToDate` and `WorkerMachinesUpToDate`, aggregated
 * from the same conditions of the control plane and pools as CAPI does from
 * their machines.
 */
function machineSummaries(
  previous: Condition[] | undefined,
  controlPlane: KubeObject | undefined,
  workers: KubeObject[],
  now: Date,
  generation: number | undefined,
): Condition[] {
  const aggregate = (
    type: string,
    from: Array<KubeObject | undefined>,
    source: string,
    okReason: string,
    badReason: string,
  ) => {
    const bad = from.filter(
      o =>
        o && conditionsOf(o)?.find(c => c.type === source)?.status === 'False',
    ) as KubeObject[];
    if (from.filter(Boolean).length === 0)
      return condition(
        previous,
        type,
        true,
        'NoReplicas',
        undefined,
        now,
        generation,
      );
    return condition(
      previous,
      type,
      bad.length === 0,
      bad.length === 0 ? okReason : badReason,
      bad.length === 0
        ? undefined
        : bad
            .map(
              o =>
                `* ${o.kind} ${o.metadata.name}: ${
                  conditionsOf(o)?.find(c => c.type === source)?.message ??
                  source
                }`,
            )
            .join('\n'),
      now,
      generation,
    );
  };
  return [
    aggregate(
      'ControlPlaneMachinesReady',
      [controlPlane],
      'MachinesReady',
      'Ready',
      'NotReady',
    ),
    aggregate(
      'WorkerMachinesReady',
      workers,
      'MachinesReady',
      'Ready',
      'NotReady',
    ),
    aggregate(
      'ControlPlaneMachinesUpToDate',
      [controlPlane],
      'MachinesUpToDate',
      'UpToDate',
      'NotUpToDate',
    ),
    aggregate(
      'WorkerMachinesUpToDate',
      workers,
      'MachinesUpToDate',
      'UpToDate',
      'NotUpToDate',
    ),
  ];
}

/** Cluster status from its control plane and worker sets. */
export function clusterStatus(
  cluster: KubeObject,
  infrastructureProvisioned: boolean,
  controlPlane: KubeObject | undefined,
  workers: KubeObject[],
  now: Date,
): Record<string, unknown> {
  const previous = conditionsOf(cluster);
  const generation = cluster.metadata.generation;
  const kcp = (controlPlane?.status ?? {}) as Record<
    string,
    number | undefined
  > & { initialization?: { controlPlaneInitialized?: boolean } };
  const cpInitialized = kcp.initialization?.controlPlaneInitialized === true;
  const cpConditions = conditionsOf(controlPlane);
  const cpAvailable =
    cpConditions?.find(c => c.type === 'Available')?.status === 'True';
  const sum = (key: string) =>
    workers.reduce(
      (total, md) =>
        total +
        Number((md.status as Record<string, unknown> | undefined)?.[key] ?? 0),
      0,
    );
  const workerCounts = {
    desiredReplicas: workers.reduce(
      (total, md) => total + Number(md.spec?.replicas ?? 0),
      0,
    ),
    replicas: sum('replicas'),
    readyReplicas: sum('readyReplicas'),
    availableReplicas: sum('availableReplicas'),
    upToDateReplicas: sum('upToDateReplicas'),
  };
  const failingWorkers = workers.filter(
    md =>
      conditionsOf(md)?.find(c => c.type === 'Available')?.status !== 'True',
  );
  const workersAvailable = failingWorkers.length === 0;
  const rollingOut = [controlPlane, ...workers].filter(
    o => conditionsOf(o)?.find(c => c.type === 'RollingOut')?.status === 'True',
  );
  const scalingUp = [controlPlane, ...workers].filter(
    o => conditionsOf(o)?.find(c => c.type === 'ScalingUp')?.status === 'True',
  );
  const scalingDown = [controlPlane, ...workers].filter(
    o =>
      conditionsOf(o)?.find(c => c.type === 'ScalingDown')?.status === 'True',
  );
  const available =
    infrastructureProvisioned && cpAvailable && workersAvailable;
  const phase = !infrastructureProvisioned ? 'Provisioning' : 'Provisioned';
  const problems: string[] = [];
  if (!infrastructureProvisioned)
    problems.push('* InfrastructureReady: infrastructure is being provisioned');
  if (!cpAvailable)
    problems.push(
      `* ControlPlaneAvailable: ${
        cpConditions?.find(c => c.type === 'Available')?.message ??
        'control plane not available yet'
      }`,
    );
  for (const md of failingWorkers) {
    problems.push(
      `* WorkersAvailable: MachineDeployment ${md.metadata.name}: ${
        conditionsOf(md)?.find(c => c.type === 'Available')?.message ??
        'not available'
      }`,
    );
  }
  const names = (objs: Array<KubeObject | undefined>) =>
    objs.map(o => `${o!.kind} ${o!.metadata.name}`).join(', ');
  const conditions: Condition[] = [
    condition(
      previous,
      'Available',
      available,
      available ? 'Available' : 'NotAvailable',
      available ? undefined : problems.join('\n'),
      now,
      generation,
    ),
    condition(
      previous,
      'InfrastructureReady',
      infrastructureProvisioned,
      infrastructureProvisioned ? 'Ready' : 'NotReady',
      infrastructureProvisioned
        ? undefined
        : 'Infrastructure is being provisioned',
      now,
      generation,
    ),
    condition(
      previous,
      'ControlPlaneInitialized',
      cpInitialized,
      cpInitialized ? 'Initialized' : 'NotInitialized',
      cpInitialized ? undefined : 'Control plane not yet initialized',
      now,
      generation,
    ),
    condition(
      previous,
      'ControlPlaneAvailable',
      cpAvailable,
      cpAvailable ? 'Available' : 'NotAvailable',
      cpAvailable
        ? undefined
        : cpConditions?.find(c => c.type === 'Available')?.message,
      now,
      generation,
    ),
    condition(
      previous,
      'WorkersAvailable',
      workersAvailable,
      workersAvailable ? 'Available' : 'NotAvailable',
      workersAvailable
        ? undefined
        : failingWorkers
            .map(
              md =>
                `* MachineDeployment ${md.metadata.name}: ${
                  conditionsOf(md)?.find(c => c.type === 'Available')
                    ?.message ?? 'not available'
                }`,
            )
            .join('\n'),
      now,
      generation,
    ),
    condition(
      previous,
      'RemoteConnectionProbe',
      cpInitialized,
      cpInitialized ? 'ProbeSucceeded' : 'ProbeFailed',
      cpInitialized ? undefined : 'Remote connection not established yet',
      now,
      generation,
    ),
    ...machineSummaries(previous, controlPlane, workers, now, generation),
    condition(
      previous,
      'Remediating',
      false,
      'NotRemediating',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'RollingOut',
      rollingOut.length > 0,
      rollingOut.length ? 'RollingOut' : 'NotRollingOut',
      rollingOut.length ? `Rolling out ${names(rollingOut)}` : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'ScalingUp',
      scalingUp.length > 0,
      scalingUp.length ? 'ScalingUp' : 'NotScalingUp',
      scalingUp.length ? `Scaling up ${names(scalingUp)}` : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'ScalingDown',
      scalingDown.length > 0,
      scalingDown.length ? 'ScalingDown' : 'NotScalingDown',
      scalingDown.length ? `Scaling down ${names(scalingDown)}` : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Paused',
      false,
      'NotPaused',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Deleting',
      false,
      'NotDeleting',
      undefined,
      now,
      generation,
    ),
  ];
  if (cluster.spec?.topology) {
    // Only a version change is an upgrade (ClusterUpgrading); a machine size rollout is not.
    const wanted = (cluster.spec.topology as { version?: string }).version;
    const runs = (o: KubeObject | undefined) =>
      (
        (o?.status as { versions?: Array<{ version: string }> } | undefined)
          ?.versions ?? []
      ).every(v => v.version === wanted);
    const upgrading =
      controlPlane?.spec?.version !== wanted ||
      !runs(controlPlane) ||
      workers.some(
        md =>
          (md.spec as { template?: { spec?: { version?: string } } })?.template
            ?.spec?.version !== wanted || !runs(md),
      );
    conditions.push(
      condition(
        previous,
        'TopologyReconciled',
        !upgrading,
        upgrading ? 'ClusterUpgrading' : 'ReconcileSucceeded',
        upgrading
          ? `Cluster is upgrading to ${
              (cluster.spec.topology as { version?: string }).version
            }`
          : undefined,
        now,
        generation,
      ),
    );
  }
  // CAPI v1.14 reports the versions running and, for ClusterClass clusters, the versions still to apply.
  const topologyVersion = (
    cluster.spec?.topology as { version?: string } | undefined
  )?.version;
  const workersBehind =
    topologyVersion !== undefined &&
    workers.some(
      md =>
        (md.spec as { template?: { spec?: { version?: string } } } | undefined)
          ?.template?.spec?.version !== topologyVersion,
    );
  const controlPlaneBehind =
    topologyVersion !== undefined &&
    controlPlane?.spec?.version !== topologyVersion;
  return {
    observedGeneration: generation,
    phase,
    initialization: {
      infrastructureProvisioned,
      controlPlaneInitialized: cpInitialized,
    },
    controlPlane: {
      desiredReplicas: Number(controlPlane?.spec?.replicas ?? 0),
      replicas: kcp.replicas ?? 0,
      readyReplicas: kcp.readyReplicas ?? 0,
      availableReplicas: kcp.availableReplicas ?? 0,
      upToDateReplicas: kcp.upToDateReplicas ?? 0,
      versions: mergeVersionCounts([controlPlane]),
      ...(controlPlaneBehind
        ? { upgradePlan: [{ version: topologyVersion }] }
        : {}),
    },
    workers: {
      ...workerCounts,
      versions: mergeVersionCounts(workers),
      ...(workersBehind ? { upgradePlan: [{ version: topologyVersion }] } : {}),
    },
    conditions,
    deprecated: {
      v1beta1: {
        // v1beta1 condition type → the v1beta2 condition it is derived from.
        conditions: Object.entries({
          Ready: 'Available',
          InfrastructureReady: 'InfrastructureReady',
          ControlPlaneInitialized: 'ControlPlaneInitialized',
          ControlPlaneReady: 'ControlPlaneAvailable',
        }).map(([type, from]) =>
          legacyCondition(
            { ...conditions.find(c => c.type === from)!, type },
            'Warning',
          ),
        ),
      },
    },
  };
}
