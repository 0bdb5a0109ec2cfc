import type {
  DatabaseService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import type { ArgoCdApplicationStatus } from '@capstan/plugin-capi-common';
import type express from 'express';
import type { ClusterAccess } from '../services/ClusterAccess';
import { readOptionalDuration } from '../services/duration';
import type { EntityClusterResolver } from '../services/EntityClusterResolver';
import type { FleetReader } from '../services/FleetReader';
import type { GitopsMirror } from '../services/GitopsMirror';
import { ChangeRequestStore } from './ChangeRequestStore';
import { ChangeRequestTracker } from './ChangeRequestTracker';
import { createChangeRequestRouter } from './changeRequestRouter';
import type { LiveCluster } from './liveProgress';
import { PullRequestStateReader } from './PullRequestStateReader';

/** `capi.changeRequests` */
export interface ChangeRequestSettings {
  stuckAfterMs?: number;
  pollIntervalMs: number;
  pullRequestPollMs?: number;
}

export function readChangeRequestSettings(
  config: RootConfigService,
): ChangeRequestSettings {
  return {
    stuckAfterMs: readOptionalDuration(
      config,
      'capi.changeRequests.stuckAfter',
    ),
    pollIntervalMs:
      readOptionalDuration(config, 'capi.changeRequests.pollInterval') ?? 5_000,
    pullRequestPollMs: readOptionalDuration(
      config,
      'capi.changeRequests.pullRequestPollInterval',
    ),
  };
}

/** The Argo CD Application covering a cluster's folder (`folder` when the cluster names its own). */
export type ArgoApplicationLookup = (
  clusterId: string,
  folder?: string,
) => ArgoCdApplicationStatus | undefined;

/** The live cluster of a request, as the watch cache has it. */
export function liveClusterFrom(
  reader: FleetReader,
  argocdFor?: ArgoApplicationLookup,
) {
  return (clusterId: string): LiveCluster => {
    const mc = clusterId.split('/')[0];
    const synced = Boolean(
      reader.health().find(h => h.name === mc)?.lastSyncAt,
    );
    const object = reader.index.clusterObject(clusterId);
    const summary = reader.cluster(clusterId);
    const live: LiveCluster = { summary, synced };
    const argocd = argocdFor?.(clusterId, summary?.gitopsPath);
    if (argocd) live.argocd = argocd;
    if (
      object?.generation !== undefined &&
      object.observedGeneration !== undefined
    ) {
      live.observed = object.observedGeneration >= object.generation;
    }
    return live;
  };
}

/**
 * Change requests: the store, the tracker (scheduled) and the routes. The
 * plugin only wires this in.
 */
export async function createChangeRequestTracking(options: {
  config: RootConfigService;
  database: DatabaseService;
  logger: LoggerService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  access: ClusterAccess;
  resolver: EntityClusterResolver;
  reader: FleetReader;
  gitopsMirror?: GitopsMirror;
  /** Argo CD's Application of a cluster's folder, when Argo CD is read. */
  argocdFor?: ArgoApplicationLookup;
  /** Signals the cards of these clusters. */
  clustersChanged(clusterIds: string[]): void;
}): Promise<{
  router: express.Router;
  tracker: ChangeRequestTracker;
  store: ChangeRequestStore;
}> {
  const settings = readChangeRequestSettings(options.config);
  const store = await ChangeRequestStore.create({ database: options.database });
  const mirror = options.gitopsMirror;
  const tracker = ChangeRequestTracker.create({
    store,
    logger: options.logger,
    live: liveClusterFrom(options.reader, options.argocdFor),
    git: () => {
      if (!mirror) return 'unmirrored';
      const snapshot = mirror.snapshot();
      return snapshot
        ? {
            revision: snapshot.revision,
            fetchedAt: Date.parse(snapshot.fetchedAt),
          }
        : undefined;
    },
    refreshGit: () => mirror?.refreshSoon(),
    pullRequests: PullRequestStateReader.create({
      integrations: ScmIntegrations.fromConfig(options.config),
    }),
    onChange: ids => options.clustersChanged(ids),
    stuckAfterMs: settings.stuckAfterMs,
    pullRequestPollMs: settings.pullRequestPollMs,
  });
  await tracker.schedule(options.scheduler, settings.pollIntervalMs);
  const router = createChangeRequestRouter({
    httpAuth: options.httpAuth,
    access: options.access,
    resolver: options.resolver,
    store,
    onRecorded: id => {
      options.clustersChanged([id]);
      // A fresh branch read, so `in-git` follows soon after the push.
      mirror?.refreshSoon();
    },
  });
  return { router, tracker, store };
}
