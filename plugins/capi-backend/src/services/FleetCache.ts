import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterProfile,
  CapiPatchStateProvider,
  GitopsConfig,
} from '@capstan/plugin-capi-node';
import { gitopsWebUrl } from '@capstan/plugin-capi-node';
import {
  KubernetesClient,
  KubernetesTransport,
} from '../kubernetes/KubernetesClient';
import type { ResourceWatcherTimings } from '../kubernetes/ResourceWatcher';
import {
  AnnotationPatchStateProvider,
  PatchAnnotationKeys,
} from './AnnotationPatchStateProvider';
import { FleetIndex } from './FleetIndex';
import { FleetReader, type GitFolderLookup } from './FleetReader';
import type { ManagementClusterSpec } from './ManagementClusterConfig';
import { ManagementClusterWatcher } from './ManagementClusterWatcher';
import { PatchPolicy } from './PatchPolicy';
import {
  ClusterSummary,
  DEFAULT_PATCH_ANNOTATIONS,
  ManagementClusterHealth,
} from '@capstan/plugin-capi-common';

/**
 * Options of {@link createFleetCache}.
 *
 * @public
 */
export interface FleetCacheOptions {
  managementClusters: ManagementClusterSpec[];
  logger: LoggerService;
  /** Default 5 minutes. */
  staleAfterMs?: number;
  /** Default 30 minutes. */
  rediscoverIntervalMs?: number;
  timings?: Partial<ResourceWatcherTimings>;
  patchAnnotations?: PatchAnnotationKeys;
  /** Providers after the built-in annotation provider; later ones win. */
  patchStateProviders?: CapiPatchStateProvider[];
  securityOverdueAfterMs?: number;
  updatesOverdueAfterMs?: number;
  profiles?: ClusterProfile[];
  gitops?: GitopsConfig;
  /** Which cluster folders are in the GitOps repository; summaries say so in `gitManaged`. */
  gitFolders?: GitFolderLookup;
  /** Replaces the HTTPS transport, e.g. to count API calls in benchmarks. */
  transportFactory?: (
    spec: ManagementClusterSpec,
  ) => Promise<KubernetesTransport>;
  now?: () => number;
  /** Called when a management cluster's state (connecting, synced, ...) changes. */
  onHealthChange?(health: ManagementClusterHealth): void;
  /** More watches per management cluster on its connection (Argo CD Applications). */
  extraWatches?: (
    managementCluster: string,
    transport: KubernetesTransport,
  ) => { stop(): Promise<void> } | undefined;
  /** Adds to each cluster summary as it is read (drift). */
  decorateSummary?: (summary: ClusterSummary) => ClusterSummary;
}

/**
 * The watch-based cache without the Backstage plugin around it: index,
 * reader and one watcher per management cluster. The plugin uses it; so can
 * benchmarks.
 *
 * @public
 */
export interface FleetCache {
  index: FleetIndex;
  reader: FleetReader;
  policy: PatchPolicy;
  watchers: ManagementClusterWatcher[];
  start(): void;
  stop(): Promise<void>;
}

/** @public */
export function createFleetCache(options: FleetCacheOptions): FleetCache {
  const annotationProvider = new AnnotationPatchStateProvider(
    options.patchAnnotations ?? { ...DEFAULT_PATCH_ANNOTATIONS },
  );
  const policy = new PatchPolicy({
    securityOverdueAfterMs: options.securityOverdueAfterMs ?? 48 * 3_600_000,
    updatesOverdueAfterMs: options.updatesOverdueAfterMs,
    providers: [annotationProvider, ...(options.patchStateProviders ?? [])],
  });
  const profiles = new Map((options.profiles ?? []).map(p => [p.name, p]));
  const watchersByName = new Map<string, ManagementClusterWatcher>();
  const titles = new Map(
    options.managementClusters.map(s => [s.name, s.title]),
  );
  const gitops = options.gitops;
  const index = new FleetIndex({
    managementClusterTitle: mc => titles.get(mc),
    apiVersion: mc => watchersByName.get(mc)?.apiVersion,
    patchStateOf: (mc, machine, now) =>
      policy.evaluate({ ...machine, managementCluster: mc }, now),
    allowedVersions: profile => profiles.get(profile)?.kubernetesVersions,
    chainedUpgrades: profile =>
      profiles.get(profile)?.clusterClass?.chainedUpgrades === true,
    machineSizes: profile => profiles.get(profile)?.machineSizes,
    gitopsUrl: gitops ? path => gitopsWebUrl(gitops, path) : undefined,
    now: options.now,
  });
  const transportFactory =
    options.transportFactory ??
    ((spec: ManagementClusterSpec) => KubernetesClient.create(spec));
  const watchers = options.managementClusters.map(spec => {
    const watcher = ManagementClusterWatcher.create({
      name: spec.name,
      title: spec.title,
      transport: () => transportFactory(spec),
      index,
      logger: options.logger.child({ managementCluster: spec.name }),
      staleAfterMs: options.staleAfterMs ?? 5 * 60_000,
      timings: options.timings,
      trim: {
        keepMachineAnnotation: key => annotationProvider.isPatchAnnotation(key),
      },
      now: options.now,
      onHealthChange: health => options.onHealthChange?.(health),
      rediscoverIntervalMs: options.rediscoverIntervalMs,
      extraWatches: options.extraWatches
        ? transport =>
            options.extraWatches!(spec.name, transport) ?? {
              stop: async () => {},
            }
        : undefined,
    });
    watchersByName.set(spec.name, watcher);
    return watcher;
  });
  const reader = new FleetReader({
    index,
    watchers,
    policy,
    gitFolders: options.gitFolders,
    decorate: options.decorateSummary,
  });
  return {
    index,
    reader,
    policy,
    watchers,
    start: () => watchers.forEach(w => w.start()),
    stop: async () => {
      await Promise.all(watchers.map(w => w.stop()));
    },
  };
}
