import { KubeObject } from '../types';
import { Condition, condition, conditionsOf } from './capiMeta';

/** Replica counters, version spreads and the replica conditions CAPI rolls up from machines. */

export interface ReplicaCounts {
  desired: number;
  replicas: number;
  ready: number;
  available: number;
  upToDate: number;
}

export function countMachines(
  machines: KubeObject[],
  desired: number,
  isUpToDate: (m: KubeObject) => boolean,
): ReplicaCounts {
  let ready = 0;
  let available = 0;
  let upToDate = 0;
  for (const m of machines) {
    const conditions = conditionsOf(m);
    if (conditions?.find(c => c.type === 'Ready')?.status === 'True') ready++;
    if (conditions?.find(c => c.type === 'Available')?.status === 'True')
      available++;
    if (isUpToDate(m)) upToDate++;
  }
  return { desired, replicas: machines.length, ready, available, upToDate };
}

/** CAPI v1.14 `status.versions`: how many machines run each Kubernetes version (spec.version). */
export function versionCounts(
  machines: KubeObject[],
): Array<{ version: string; replicas: number }> {
  const counts = new Map<string, number>();
  for (const m of machines) {
    const version = m.spec?.version;
    if (typeof version === 'string' && version)
      counts.set(version, (counts.get(version) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => b.localeCompare(a, 'en', { numeric: true }))
    .map(([version, replicas]) => ({ version, replicas }));
}

/** Sums `versions` lists of several objects. */
export function mergeVersionCounts(
  objects: Array<KubeObject | undefined>,
): Array<{ version: string; replicas: number }> {
  const counts = new Map<string, number>();
  for (const o of objects) {
    const versions = (o?.status as { versions?: unknown } | undefined)
      ?.versions;
    if (!Array.isArray(versions)) continue;
    for (const v of versions as Array<{ version: string; replicas: number }>)
      counts.set(v.version, (counts.get(v.version) ?? 0) + v.replicas);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => b.localeCompare(a, 'en', { numeric: true }))
    .map(([version, replicas]) => ({ version, replicas }));
}

export function unhealthyMessages(machines: KubeObject[]): string[] {
  return machines
    .filter(
      m =>
        m.status?.phase === 'Running' &&
        conditionsOf(m)?.find(c => c.type === 'Ready')?.status !== 'True',
    )
    .map(
      m =>
        `* Machine ${m.metadata.name}: ${
          conditionsOf(m)?.find(c => c.type === 'NodeHealthy')?.message ??
          'not ready'
        }`,
    );
}

export function replicaConditions(
  previous: Condition[] | undefined,
  counts: ReplicaCounts,
  now: Date,
  generation: number | undefined,
  what: string,
) {
  const rollingOut = counts.upToDate < counts.replicas;
  const scalingUp = counts.replicas < counts.desired;
  const scalingDown = counts.replicas > counts.desired && !rollingOut;
  return [
    condition(
      previous,
      'RollingOut',
      rollingOut,
      rollingOut ? 'RollingOut' : 'NotRollingOut',
      rollingOut
        ? `Rolling out ${
            counts.replicas - counts.upToDate
          } not up-to-date ${what}`
        : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'ScalingUp',
      scalingUp,
      scalingUp ? 'ScalingUp' : 'NotScalingUp',
      scalingUp
        ? `Scaling up from ${counts.replicas} to ${counts.desired} replicas`
        : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'ScalingDown',
      scalingDown,
      scalingDown ? 'ScalingDown' : 'NotScalingDown',
      scalingDown
        ? `Scaling down from ${counts.replicas} to ${counts.desired} replicas`
        : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'MachinesReady',
      counts.ready === counts.replicas,
      counts.ready === counts.replicas ? 'Ready' : 'NotReady',
      counts.ready === counts.replicas
        ? undefined
        : `${counts.replicas - counts.ready} of ${
            counts.replicas
          } ${what} not ready`,
      now,
      generation,
    ),
    condition(
      previous,
      'MachinesUpToDate',
      !rollingOut,
      rollingOut ? 'NotUpToDate' : 'UpToDate',
      rollingOut
        ? `${counts.replicas - counts.upToDate} of ${
            counts.replicas
          } ${what} not up-to-date`
        : undefined,
      now,
      generation,
    ),
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
      'Deleting',
      false,
      'NotDeleting',
      undefined,
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
  ];
}
