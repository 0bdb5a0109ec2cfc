import {
  parseClusterRef,
  type ClusterDetailResponse,
  type NodePoolSummary,
} from '@capstan/plugin-capi-common';
import type { CapiApi } from '../../api';
import { templatePoolName } from '../../templateLinks';

/** How the Scale template's `scaling` field names a pool's mode. */
export type ScalingMode = 'fixed' | 'autoscaled';

/** What the Scale form starts from: the pool as it runs now. */
export interface PoolStartValues {
  scaling: ScalingMode;
  /** The machines the pool is asked for now (an autoscaled pool: what the autoscaler set). */
  replicas: number;
  /** The autoscaler's bounds; for a fixed pool only a minimum (its count), the maximum is the user's. */
  autoscaling: { min: number; max?: number };
}

/** The form's start values from a pool of the capi API. */
export function poolStartValues(pool: NodePoolSummary): PoolStartValues {
  const replicas = pool.desiredReplicas ?? pool.replicas;
  return pool.autoscaling
    ? {
        scaling: 'autoscaled',
        replicas,
        autoscaling: { ...pool.autoscaling },
      }
    : { scaling: 'fixed', replicas, autoscaling: { min: replicas } };
}

/** The pool's settings now, in words, for the Scaling field's help. */
export function poolNowInWords(pool: NodePoolSummary): string {
  const replicas = pool.desiredReplicas ?? pool.replicas;
  const machines = (n: number) => `${n} ${n === 1 ? 'machine' : 'machines'}`;
  return pool.autoscaling
    ? `Now: the cluster autoscaler keeps ${pool.autoscaling.min} to ${machines(
        pool.autoscaling.max,
      )} (${replicas} now).`
    : `Now: a fixed number of ${machines(replicas)}.`;
}

let last: { ref: string; cluster: Promise<ClusterDetailResponse> } | undefined;

/**
 * The cluster a day-2 form names, fetched once for all its fields (the
 * scaling mode and each number start from the same answer); a failed
 * answer is asked again next time.
 */
function clusterOf(api: CapiApi, ref: string): Promise<ClusterDetailResponse> {
  if (last?.ref === ref) return last.cluster;
  // Only the pools are needed, not the machines.
  const cluster = api.getCluster(parseClusterRef(ref), { limit: 1 });
  last = { ref, cluster };
  cluster.catch(() => {
    if (last?.ref === ref) last = undefined;
  });
  return cluster;
}

/** Forgets the last answer (tests). */
export function forgetCurrentPool(): void {
  last = undefined;
}

/** A pool of a cluster by the name the day-2 templates take (see templatePoolName). */
export interface NamedPool {
  name: string;
  pool: NodePoolSummary;
}

/** The cluster a day-2 form names (its name) and its pools, by the names the templates take. */
export async function loadClusterPools(
  api: CapiApi,
  clusterRef: string,
): Promise<{ clusterName: string; pools: NamedPool[] }> {
  const cluster = await clusterOf(api, clusterRef);
  return {
    clusterName: cluster.name,
    pools: cluster.nodePools.map(pool => ({
      name: templatePoolName(cluster.name, pool.name),
      pool,
    })),
  };
}

/**
 * The pool a Scale form names (by the name the templates take, see
 * templatePoolName), as the capi API reports it now; undefined when the
 * cluster has no such pool.
 */
export async function loadCurrentPool(
  api: CapiApi,
  clusterRef: string,
  poolName: string,
): Promise<NodePoolSummary | undefined> {
  const { pools } = await loadClusterPools(api, clusterRef);
  return pools.find(p => p.name === poolName)?.pool;
}
