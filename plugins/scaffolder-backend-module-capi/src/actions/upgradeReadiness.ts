import { ConflictError } from '@backstage/errors';
import {
  classicPoolsStep,
  compareKubernetesVersions,
  normalizeKubernetesVersion,
  upgradeStatus,
  type ClusterSummary,
  type RunningVersions,
} from '@capstan/plugin-capi-common';
import type { ClusterManifests } from '../manifests/ClusterManifests';
import { classicPoolVersions } from '../day2/planClassicUpgrade';

/** What the upgrade check reads of the capi backend's view of a cluster. */
export type LiveUpgradeView = Pick<
  ClusterSummary,
  | 'stale'
  | 'staleReason'
  | 'desiredVersion'
  | 'status'
  | 'controlPlane'
  | 'nodePools'
  | 'upgrade'
>;

/** What Git asks for: the control plane's version and each pool's. */
export interface GitUpgradeView {
  classic: boolean;
  version: string;
  pools: Array<{ name: string; version?: string }>;
}

export function gitUpgradeView(manifests: ClusterManifests): GitUpgradeView {
  const version = manifests.kubernetesVersion;
  if (manifests.isTopology) {
    return {
      classic: false,
      version,
      pools: manifests.nodePools().map(p => ({ name: p.name, version })),
    };
  }
  return { classic: true, version, pools: classicPoolVersions(manifests) };
}

const IN_PROGRESS = new Set(['RollingOut', 'Scaling', 'Upgrading']);

/**
 * Why an upgrade to `target` cannot start now, judged on what runs against
 * what Git asks for (CAPI's webhook refuses a new topology version until the
 * previous one runs everywhere; classic pools wait for their control plane);
 * undefined when it can. A cluster that does not run yet has nothing to wait for.
 */
export function upgradeRefusal(
  live: LiveUpgradeView | undefined,
  git: GitUpgradeView,
  target: string,
): string | undefined {
  if (!live || !git.version) return undefined;
  if (live.stale) {
    return `Its management cluster has not been heard from (${
      live.staleReason ?? 'stale data'
    }), so Capstan cannot tell whether a rollout is in progress. Try again once it is connected.`;
  }
  if (
    live.desiredVersion &&
    compareKubernetesVersions(live.desiredVersion, git.version) !== 0
  ) {
    return `Git asks for ${normalizeKubernetesVersion(
      git.version,
    )} but the management cluster still has ${normalizeKubernetesVersion(
      live.desiredVersion,
    )}: the last change is not applied yet. Upgrade once it is.`;
  }
  const rollingOut = live.nodePools
    .filter(p => p.status && IN_PROGRESS.has(p.status))
    .map(p => `node pool ${p.name}`);
  if (IN_PROGRESS.has(live.status) && rollingOut.length === 0) {
    rollingOut.push('the control plane');
  }
  const running: RunningVersions = {
    desiredVersion: git.version,
    classic: git.classic,
    controlPlaneVersions:
      live.upgrade?.controlPlaneVersions ?? live.controlPlane.versions ?? [],
    pools: live.nodePools.map(p => ({
      name: p.name,
      version: git.pools.find(g => g.name === p.name)?.version ?? p.version,
      versions: p.versions ?? [],
    })),
    rollingOut,
    updatingInPlace: live.upgrade?.updatingInPlace ?? [],
    controlPlanePlan: live.upgrade?.controlPlanePlan,
    workersPlan: live.upgrade?.workersPlan,
  };
  const poolsStep =
    git.classic &&
    compareKubernetesVersions(target, git.version) === 0 &&
    git.pools.some(
      p => p.version && compareKubernetesVersions(p.version, git.version) < 0,
    );
  const blocked = upgradeStatus(running, undefined).blockedReason;
  if (poolsStep && !classicPoolsStep(running)) {
    return (
      blocked ??
      `The node pools follow once the control plane runs ${normalizeKubernetesVersion(
        git.version,
      )} everywhere; it does not yet.`
    );
  }
  return blocked;
}

/** Throws a ConflictError naming the cluster and the reason when the upgrade must wait. */
export function assertUpgradeCanStart(
  live: LiveUpgradeView | undefined,
  manifests: ClusterManifests,
  target: string,
): void {
  const reason = upgradeRefusal(live, gitUpgradeView(manifests), target);
  if (reason) {
    throw new ConflictError(
      `Cannot upgrade cluster "${manifests.name}" now: ${reason}`,
    );
  }
}
