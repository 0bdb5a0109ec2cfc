import {
  compareKubernetesVersions,
  IN_PROGRESS_STATUSES,
  wordsOf,
  type ArgoCdApplicationStatus,
  type ChangeRequestDesired,
  type ClusterSummary,
  type VersionCount,
} from '@capstan/plugin-capi-common';

/**
 * How far the management cluster got with a change:
 * `pending` (the live spec does not carry it yet), `applied` (it does,
 * machines are still changing) or `complete` (every replica up to date and
 * ready, the version reached, and neither the cluster nor a pool reads a
 * rollout in progress: CAPI's Cluster rolls its pools' state up a
 * reconcile later, so it can still read Scaling once the machines run).
 * "The version reached" is per part: the control plane runs the change's
 * version, each pool the version it asks for in the change.
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

const sameVersion = (a: string, b: string) =>
  compareKubernetesVersions(a, b) === 0;

function machines(n: number | undefined): string {
  return n === 1 ? '1 machine' : `${n ?? 'an unknown number of'} machines`;
}

/** `RollingOut` → "rolling out". */
function statusInWords(status: string): string {
  return wordsOf(status).toLocaleLowerCase('en-US');
}

/** The versions among `versions` other than `want`: "v1.33.2 on 2 machines". */
function behind(versions: VersionCount[] | undefined, want: string) {
  const other = (versions ?? []).filter(
    v => v.replicas > 0 && !sameVersion(v.version, want),
  );
  return other.length === 0
    ? undefined
    : other.map(v => `${v.version} on ${machines(v.replicas)}`).join(', ');
}

function specMismatch(
  desired: ChangeRequestDesired,
  s: ClusterSummary,
): string | undefined {
  if (
    desired.version &&
    !(s.desiredVersion && sameVersion(s.desiredVersion, desired.version))
  ) {
    return `the management cluster still asks for Kubernetes ${
      s.desiredVersion ?? '(no version)'
    }, not ${desired.version}`;
  }
  const cp = desired.controlPlaneReplicas;
  if (
    cp !== undefined &&
    s.controlPlane.desiredReplicas !== undefined &&
    s.controlPlane.desiredReplicas !== cp
  ) {
    return `the control plane still asks for ${machines(
      s.controlPlane.desiredReplicas,
    )}, not ${cp}`;
  }
  if (!desired.pools) return undefined;
  const live = new Map(s.nodePools.map(p => [p.name, p]));
  const wanted = new Set(desired.pools.map(p => p.name));
  for (const name of live.keys()) {
    if (!wanted.has(name)) return `node pool ${name} is still there`;
  }
  for (const pool of desired.pools) {
    const l = live.get(pool.name);
    if (!l) return `node pool ${pool.name} is not there yet`;
    if (pool.autoscaling) {
      if (
        l.autoscaling?.min !== pool.autoscaling.min ||
        l.autoscaling?.max !== pool.autoscaling.max
      ) {
        return `node pool ${pool.name} still ${
          l.autoscaling
            ? `scales between ${l.autoscaling.min} and ${l.autoscaling.max} machines`
            : 'has no autoscaling'
        }, not between ${pool.autoscaling.min} and ${pool.autoscaling.max}`;
      }
    } else if (
      pool.replicas !== undefined &&
      (l.desiredReplicas ?? l.replicas) !== pool.replicas
    ) {
      return `node pool ${pool.name} still asks for ${machines(
        l.desiredReplicas ?? l.replicas,
      )}, not ${pool.replicas}`;
    }
    // A classic pool's version is in Git itself; a topology's controller
    // passes its version on to the pools only after the control plane.
    if (
      !s.clusterClass &&
      pool.version &&
      !(l.version && sameVersion(l.version, pool.version))
    ) {
      return `node pool ${pool.name} still asks for Kubernetes ${
        l.version ?? '(no version)'
      }, not ${pool.version}`;
    }
  }
  return undefined;
}

function replicasWait(
  what: string,
  part: {
    replicas: number;
    upToDateReplicas: number;
    readyReplicas: number;
  },
  want: number,
): string | undefined {
  if (
    part.replicas === want &&
    part.upToDateReplicas === want &&
    part.readyReplicas === want
  ) {
    return undefined;
  }
  return `${what} has ${part.upToDateReplicas} of ${machines(
    want,
  )} up to date and ${part.readyReplicas} ready${
    part.replicas === want ? '' : ` (${part.replicas} exist)`
  }`;
}

/**
 * The versions the change asks each part to run: the control plane its
 * version, each pool its own (a classic cluster's pools follow in a second
 * upgrade). Requests recorded without pool versions want every machine
 * on the one version.
 */
function versionWait(
  desired: ChangeRequestDesired,
  s: ClusterSummary,
): string | undefined {
  if (!desired.version) return undefined;
  const cp = behind(s.controlPlane.versions, desired.version);
  if (cp) return `the control plane still runs Kubernetes ${cp}`;
  const pools = desired.pools ?? [];
  if (pools.length === 0 || pools.some(p => !p.version)) {
    const old = s.runningVersions.filter(
      v => !sameVersion(v, desired.version!),
    );
    return old.length > 0
      ? `machines still run Kubernetes ${old.join(', ')}`
      : undefined;
  }
  for (const pool of pools) {
    const l = s.nodePools.find(p => p.name === pool.name);
    if (!l || !pool.version) continue;
    if (!(l.version && sameVersion(l.version, pool.version))) {
      return `node pool ${pool.name} still asks for Kubernetes ${
        l.version ?? '(no version)'
      }, not ${pool.version}`;
    }
    const old = behind(l.versions, pool.version);
    if (old) return `node pool ${pool.name} still runs Kubernetes ${old}`;
  }
  return undefined;
}

function rolloutWait(
  desired: ChangeRequestDesired,
  s: ClusterSummary,
): string | undefined {
  const cp = s.controlPlane;
  const cpWant = cp.desiredReplicas ?? desired.controlPlaneReplicas;
  const cpWait =
    cpWant === undefined
      ? undefined
      : replicasWait('the control plane', cp, cpWant);
  if (cpWait) return cpWait;
  for (const pool of s.nodePools) {
    const wait = replicasWait(
      `node pool ${pool.name}`,
      pool,
      pool.desiredReplicas ?? pool.replicas,
    );
    if (wait) return wait;
  }
  const versions = versionWait(desired, s);
  if (versions) return versions;
  if (s.rollingOut) return 'Cluster API reports a rollout in progress';
  const busyPool = s.nodePools.find(
    p => p.status && IN_PROGRESS_STATUSES.includes(p.status),
  );
  if (busyPool?.status) {
    return `node pool ${busyPool.name} is still ${statusInWords(
      busyPool.status,
    )}`;
  }
  if (s.status && IN_PROGRESS_STATUSES.includes(s.status)) {
    return `the cluster is still ${statusInWords(s.status)}`;
  }
  return undefined;
}

const NOT_SYNCED = 'its management cluster has not been read yet';

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
        : { state: 'pending', mismatch: NOT_SYNCED };
    }
    return s.phase === 'Deleting'
      ? { state: 'applied', waitingFor: 'the cluster is being deleted' }
      : { state: 'pending', mismatch: 'the cluster still exists' };
  }
  if (!s) {
    return {
      state: 'pending',
      mismatch: live.synced ? 'the cluster is not live yet' : NOT_SYNCED,
    };
  }
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

/**
 * How much of a rollout is left, in machine steps (machines to add or
 * remove, to bring up to date, to make ready, on another version): the
 * tracker counts a fall as progress. Undefined when the cluster is not live.
 */
export function workLeft(
  desired: ChangeRequestDesired,
  s: ClusterSummary | undefined,
): number | undefined {
  if (!s) return undefined;
  const gap = (
    part: { replicas: number; upToDateReplicas: number; readyReplicas: number },
    want: number,
  ) =>
    Math.abs(part.replicas - want) +
    Math.max(0, want - part.upToDateReplicas) +
    Math.max(0, want - part.readyReplicas);
  const onOther = (versions: VersionCount[] | undefined, want?: string) =>
    want
      ? (versions ?? [])
          .filter(v => !sameVersion(v.version, want))
          .reduce((n, v) => n + v.replicas, 0)
      : 0;
  const cp = s.controlPlane;
  let left =
    gap(cp, cp.desiredReplicas ?? desired.controlPlaneReplicas ?? cp.replicas) +
    onOther(cp.versions, desired.version);
  for (const pool of s.nodePools) {
    const want = desired.pools?.find(p => p.name === pool.name);
    left +=
      gap(pool, pool.desiredReplicas ?? pool.replicas) +
      onOther(pool.versions, want?.version ?? desired.version);
  }
  return left;
}
