import {
  IN_PROGRESS_STATUSES,
  type ArgoCdApplicationStatus,
  type ChangeRequestDesired,
  type ClusterSummary,
} from '@capstan/plugin-capi-common';

/**
 * How far the management cluster got with a change:
 * `pending` (the live spec does not carry it yet), `applied` (it does,
 * machines are still changing) or `complete` (every replica up to date and
 * ready, the version reached, and neither the cluster nor a pool reads a
 * rollout in progress: CAPI's Cluster rolls its pools' state up a
 * reconcile later, so it can still read Scaling once the machines run).
 * `mismatch` names what differs.
 */
export type LiveProgress =
  | { state: 'pending'; mismatch: string }
  | { state: 'applied'; waitingFor: string }
  | { state: 'complete' };

/** What the tracker knows of one live cluster. */
export interface LiveCluster {
  /** Undefined when the cluster is not in the cache. */
  summary?: ClusterSummary;
  /** Whether the cache has synced the cluster's management cluster. */
  synced: boolean;
  /**
   * Whether the controllers observed the latest spec of the Cluster
   * (status.observedGeneration ≥ metadata.generation); undefined when the
   * objects do not say.
   */
  observed?: boolean;
  /**
   * The Argo CD Application covering the cluster's folder, where Argo CD is
   * read; also for a cluster that is not (or no longer) live.
   */
  argocd?: ArgoCdApplicationStatus;
}

function specMismatch(
  desired: ChangeRequestDesired,
  s: ClusterSummary,
): string | undefined {
  if (desired.version && s.desiredVersion !== desired.version) {
    return `version ${s.desiredVersion ?? 'unknown'}, want ${desired.version}`;
  }
  const cp = desired.controlPlaneReplicas;
  if (
    cp !== undefined &&
    s.controlPlane.desiredReplicas !== undefined &&
    s.controlPlane.desiredReplicas !== cp
  ) {
    return `control plane replicas ${s.controlPlane.desiredReplicas}, want ${cp}`;
  }
  if (!desired.pools) return undefined;
  const live = new Map(s.nodePools.map(p => [p.name, p]));
  const wanted = new Set(desired.pools.map(p => p.name));
  for (const name of live.keys()) {
    if (!wanted.has(name)) return `pool ${name} still present`;
  }
  for (const pool of desired.pools) {
    const l = live.get(pool.name);
    if (!l) return `pool ${pool.name} not present yet`;
    if (pool.autoscaling) {
      if (
        l.autoscaling?.min !== pool.autoscaling.min ||
        l.autoscaling?.max !== pool.autoscaling.max
      ) {
        return `pool ${pool.name} autoscaling ${
          l.autoscaling ? `${l.autoscaling.min}-${l.autoscaling.max}` : 'off'
        }, want ${pool.autoscaling.min}-${pool.autoscaling.max}`;
      }
    } else if (
      pool.replicas !== undefined &&
      (l.desiredReplicas ?? l.replicas) !== pool.replicas
    ) {
      return `pool ${pool.name} replicas ${
        l.desiredReplicas ?? l.replicas
      }, want ${pool.replicas}`;
    }
  }
  return undefined;
}

function rolloutWait(
  desired: ChangeRequestDesired,
  s: ClusterSummary,
): string | undefined {
  const cp = s.controlPlane;
  const cpWant = cp.desiredReplicas ?? desired.controlPlaneReplicas;
  if (
    cpWant !== undefined &&
    (cp.replicas !== cpWant ||
      cp.upToDateReplicas !== cpWant ||
      cp.readyReplicas !== cpWant)
  ) {
    return `control plane ${cp.upToDateReplicas}/${cpWant} up to date, ${cp.readyReplicas} ready`;
  }
  for (const pool of s.nodePools) {
    const want = pool.desiredReplicas ?? pool.replicas;
    if (
      pool.replicas !== want ||
      pool.upToDateReplicas !== want ||
      pool.readyReplicas !== want
    ) {
      return `pool ${pool.name} ${pool.upToDateReplicas}/${want} up to date, ${pool.readyReplicas} ready`;
    }
  }
  if (desired.version) {
    const behind = s.runningVersions.filter(v => v !== desired.version);
    if (behind.length > 0) {
      return `machines still run ${behind.join(', ')}`;
    }
  }
  if (s.rollingOut) return 'Cluster API reports a rollout in progress';
  const busyPool = s.nodePools.find(
    p => p.status && IN_PROGRESS_STATUSES.includes(p.status),
  );
  if (busyPool) return `pool ${busyPool.name} reads ${busyPool.status}`;
  if (s.status && IN_PROGRESS_STATUSES.includes(s.status)) {
    return `the cluster reads ${s.status}`;
  }
  return undefined;
}

/** Compares a change's desired values with the live cluster. */
export function liveProgressOf(
  desired: ChangeRequestDesired,
  live: LiveCluster,
): LiveProgress {
  const s = live.summary;
  if (!desired.present) {
    if (!s) {
      return live.synced
        ? { state: 'complete' }
        : { state: 'pending', mismatch: 'management cluster not synced' };
    }
    return s.phase === 'Deleting'
      ? { state: 'applied', waitingFor: 'the cluster is being deleted' }
      : { state: 'pending', mismatch: 'the cluster still exists' };
  }
  if (!s) return { state: 'pending', mismatch: 'the cluster is not live yet' };
  const mismatch = specMismatch(desired, s);
  if (mismatch) return { state: 'pending', mismatch };
  if (live.observed === false) {
    return {
      state: 'pending',
      mismatch: 'the controllers have not observed the new spec yet',
    };
  }
  const waitingFor = rolloutWait(desired, s);
  return waitingFor ? { state: 'applied', waitingFor } : { state: 'complete' };
}
