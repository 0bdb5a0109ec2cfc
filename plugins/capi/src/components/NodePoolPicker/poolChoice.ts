import type { NodePoolSummary } from '@capstan/plugin-capi-common';
import type { NamedPool } from '../ChangeCountField/currentPool';
import { machineSizeText } from '../MachineSize/MachineSize';

const machines = (n: number) => `${n} ${n === 1 ? 'machine' : 'machines'}`;

/** A pool's size and how many machines it runs, for its option ("Large · autoscaled, 3 to 8 machines (4 now)"). */
export function poolDetails(pool: NodePoolSummary): string {
  const replicas = pool.desiredReplicas ?? pool.replicas;
  const count = pool.autoscaling
    ? `autoscaled, ${pool.autoscaling.min} to ${machines(
        pool.autoscaling.max,
      )} (${replicas} now)`
    : machines(replicas);
  const size = machineSizeText(pool);
  return size ? `${size} · ${count}` : count;
}

/** What the picker and its check say when the form names a pool the cluster does not have. */
export function unknownPoolMessage(
  clusterName: string,
  poolName: string,
  pools: readonly NamedPool[],
): string {
  const has =
    pools.length > 0
      ? `Its node pools: ${pools.map(p => p.name).join(', ')}.`
      : 'It has no node pools.';
  return `Cluster ${clusterName} has no node pool "${poolName}". ${has}`;
}
