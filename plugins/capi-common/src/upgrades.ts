import type { UpgradeStatus, VersionCount } from './types';
import {
  compareKubernetesVersions,
  normalizeKubernetesVersion,
  parseKubernetesVersion,
} from './versions';

/**
 * What runs in a cluster, as far as upgrades are concerned. Everything comes
 * from status (what runs), except `desiredVersion` (what was asked for).
 *
 * @public
 */
export interface RunningVersions {
  /** `spec.topology.version`, or the control plane's spec version. */
  desiredVersion?: string;
  /** Versions the control plane machines run. */
  controlPlaneVersions: readonly VersionCount[];
  /** Per node pool: the version its spec asks for and the versions its machines run. */
  pools: ReadonlyArray<{
    name: string;
    version?: string;
    versions: readonly VersionCount[];
  }>;
  /** Control plane and pools whose machines are being replaced for another change. */
  rollingOut: readonly string[];
  /** Machines being updated in place. */
  updatingInPlace: readonly string[];
  /** CAPI's upgrade plans (ClusterClass clusters), when an upgrade is in progress. */
  controlPlanePlan?: readonly string[];
  workersPlan?: readonly string[];
  /**
   * Classic mode (KubeadmControlPlane + MachineDeployments): `desiredVersion`
   * is the control plane's, and pools are raised in a second step once the
   * control plane runs it, so each pool is judged against its own version.
   */
  classic?: boolean;
}

/**
 * Which upgrades the profile allows.
 *
 * @public
 */
export interface UpgradePolicy {
  allowed: readonly string[];
  /** Targets more than one minor ahead, through each minor in between (ClusterClass clusters only). */
  chained?: boolean;
  /** The cluster uses a ClusterClass (chained upgrades need one). */
  clusterClass?: boolean;
}

function versionsText(versions: readonly VersionCount[]): string {
  return versions.map(v => v.version).join(' and ');
}

function lowest(versions: readonly VersionCount[]): string | undefined {
  return [...versions].map(v => v.version).sort(compareKubernetesVersions)[0];
}

/** Highest allowed version of each minor, keyed by `major.minor`. */
function highestPerMinor(allowed: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const raw of [...allowed].sort(compareKubernetesVersions)) {
    const v = parseKubernetesVersion(raw);
    if (v) result.set(`${v.major}.${v.minor}`, normalizeKubernetesVersion(raw));
  }
  return result;
}

/**
 * The path from `from` to `target`: the highest allowed version of each
 * minor in between, then the target — the plan CAPI computes from a
 * ClusterClass's `kubernetesVersions`. Undefined when a minor in between has
 * no allowed version.
 *
 * @public
 */
export function chainedUpgradePlan(
  from: string,
  target: string,
  allowed: readonly string[],
): string[] | undefined {
  const vf = parseKubernetesVersion(from);
  const vt = parseKubernetesVersion(target);
  if (!vf || !vt || vf.major !== vt.major) return undefined;
  const perMinor = highestPerMinor(allowed);
  const plan: string[] = [];
  for (let minor = vf.minor + 1; minor < vt.minor; minor++) {
    const step = perMinor.get(`${vf.major}.${minor}`);
    if (!step) return undefined;
    plan.push(step);
  }
  plan.push(normalizeKubernetesVersion(target));
  return plan;
}

/** Why nothing can be upgraded now, from what runs; undefined when all runs one version. */
function blockedReasonOf(
  running: RunningVersions,
  desired: string | undefined,
  from: string | undefined,
): string | undefined {
  if (!from) return 'The control plane does not run yet.';
  const behind: string[] = [];
  const cpVersions = running.controlPlaneVersions;
  if (
    desired &&
    (cpVersions.length > 1 || compareKubernetesVersions(from, desired) !== 0)
  ) {
    behind.push(`the control plane runs ${versionsText(cpVersions)}`);
  }
  const target = desired ?? from;
  for (const pool of running.pools) {
    const poolTarget = (running.classic && pool.version) || target;
    const stale = pool.versions.filter(
      v => compareKubernetesVersions(v.version, poolTarget) !== 0,
    );
    const specBehind =
      !running.classic &&
      pool.version &&
      compareKubernetesVersions(pool.version, target) !== 0;
    if (stale.length > 0) {
      behind.push(`node pool ${pool.name} runs ${versionsText(pool.versions)}`);
    } else if (specBehind) {
      behind.push(`node pool ${pool.name} waits for ${target}`);
    }
  }
  if (behind.length > 0) {
    return `An upgrade to ${target} is still rolling out: ${behind.join(
      ', ',
    )}. A new version can be chosen once every machine runs ${target} (Cluster API refuses one before).`;
  }
  const plan = [
    ...(running.controlPlanePlan ?? []),
    ...(running.workersPlan ?? []),
  ];
  if (plan.length > 0) {
    return `Cluster API is still working through an upgrade plan (${[
      ...new Set(plan),
    ].join(', ')}). A new version can be chosen once it is done.`;
  }
  if (running.updatingInPlace.length > 0) {
    return `Machines are being updated in place (${running.updatingInPlace.join(
      ', ',
    )}). A new version can be chosen once they are done.`;
  }
  if (running.rollingOut.length > 0) {
    return `A rollout is in progress (${running.rollingOut.join(
      ', ',
    )}). A new version can be chosen once every machine is up to date.`;
  }
  return undefined;
}

/**
 * Classic mode's second step: the control plane runs its new version
 * everywhere and nothing rolls out, but pools still ask for an older one.
 * Returns the version the pools are to be raised to.
 */
export function classicPoolsStep(
  running: RunningVersions,
): { target: string; pools: string[] } | undefined {
  if (!running.classic || !running.desiredVersion) return undefined;
  const desired = normalizeKubernetesVersion(running.desiredVersion);
  const behind = running.pools
    .filter(p => p.version && compareKubernetesVersions(p.version, desired) < 0)
    .map(p => p.name);
  if (behind.length === 0) return undefined;
  const cp = running.controlPlaneVersions;
  if (cp.length !== 1 || compareKubernetesVersions(cp[0].version, desired))
    return undefined;
  if (running.rollingOut.length > 0 || running.updatingInPlace.length > 0)
    return undefined;
  const settled = running.pools.every(p =>
    p.versions.every(
      v => compareKubernetesVersions(v.version, p.version ?? desired) === 0,
    ),
  );
  return settled ? { target: desired, pools: behind } : undefined;
}

/**
 * Which upgrades can be asked for now, judged on what runs (control plane
 * and pool versions from status, machines updating), not on what Git asks
 * for: no upgrade while a previous one, a rollout or an in-place update is
 * under way; one minor at a time, or several through every minor in between
 * when the profile allows chained upgrades of ClusterClass clusters.
 *
 * @public
 */
export function upgradeStatus(
  running: RunningVersions,
  policy: UpgradePolicy | undefined,
): UpgradeStatus {
  const desired = running.desiredVersion
    ? normalizeKubernetesVersion(running.desiredVersion)
    : undefined;
  const fromRaw = lowest(running.controlPlaneVersions);
  const from = fromRaw ? normalizeKubernetesVersion(fromRaw) : undefined;
  const status: UpgradeStatus = {
    available: [],
    controlPlaneVersions: [...running.controlPlaneVersions],
    workerVersions: mergeCounts(running.pools.flatMap(p => p.versions)),
    updatingInPlace: [...running.updatingInPlace],
  };
  if (from) status.from = from;
  if (running.controlPlanePlan?.length)
    status.controlPlanePlan = [...running.controlPlanePlan];
  if (running.workersPlan?.length)
    status.workersPlan = [...running.workersPlan];
  const poolsStep = classicPoolsStep(running);
  if (poolsStep) {
    // Offered as an upgrade to the version the control plane already runs.
    status.available = [poolsStep.target];
    return status;
  }
  const blockedReason = blockedReasonOf(running, desired, from);
  if (blockedReason) {
    status.blockedReason = blockedReason;
    return status;
  }
  if (!policy || !from) return status;
  const fromVersion = parseKubernetesVersion(from)!;
  const chained = Boolean(policy.chained && policy.clusterClass);
  const plans: Record<string, string[]> = {};
  const candidates = [
    ...new Set(policy.allowed.map(normalizeKubernetesVersion)),
  ].sort(compareKubernetesVersions);
  for (const target of candidates) {
    const vt = parseKubernetesVersion(target);
    if (!vt || compareKubernetesVersions(target, from) <= 0) continue;
    if (vt.major !== fromVersion.major) continue;
    if (vt.minor <= fromVersion.minor + 1) {
      status.available.push(target);
      continue;
    }
    if (!chained) continue;
    const plan = chainedUpgradePlan(from, target, policy.allowed);
    if (plan) {
      status.available.push(target);
      plans[target] = plan;
    }
  }
  if (Object.keys(plans).length > 0) status.plans = plans;
  if (status.available.length === 0) {
    status.blockedReason = `No newer version than ${from} is allowed by the cluster's profile${
      chained ? '' : ' within one minor version'
    }.`;
  }
  return status;
}

/** Sums replica counts per version, highest version first. */
export function mergeCounts(counts: readonly VersionCount[]): VersionCount[] {
  const byVersion = new Map<string, number>();
  for (const c of counts) {
    const v = normalizeKubernetesVersion(c.version);
    byVersion.set(v, (byVersion.get(v) ?? 0) + c.replicas);
  }
  return [...byVersion.entries()]
    .map(([version, replicas]) => ({ version, replicas }))
    .sort((a, b) => compareKubernetesVersions(b.version, a.version));
}
