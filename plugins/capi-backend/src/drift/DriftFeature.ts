import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  gitopsClusterPath,
  parseClusterRef,
  type ArgoCdApplicationStatus,
  type ClusterSummary,
} from '@capstan/plugin-capi-common';
import type { EventsService } from '@backstage/plugin-events-node';
import type { KubernetesTransport } from '../kubernetes/KubernetesClient';
import type { ClusterAccess } from '../services/ClusterAccess';
import type { FleetIndex } from '../services/FleetIndex';
import type { GitopsMirror } from '../services/GitopsMirror';
import { ArgoApplicationIndex } from './ArgoApplicationIndex';
import { watchArgoApplications } from './ArgoApplicationWatcher';
import { readDriftSettings } from './DriftConfig';
import { createDriftRouter } from './driftRouter';
import { DriftTracker } from './DriftTracker';
import { GitClusterManifests } from './GitClusterManifests';

/** Topics of Git hosts' push webhooks (Backstage's GitHub and GitLab events modules). */
const PUSH_TOPICS = ['github.push', 'gitlab.push'];

/**
 * Git ↔ live drift and Argo CD sync status, wired together: the GitOps
 * mirror's folders parsed, Argo CD Applications watched where configured,
 * a tracker comparing them with the cache, summaries decorated, and
 * `GET /fleet/drift`. Without a GitOps repository there is no drift, and
 * the Argo CD status (shown as part of the drift) is not shown either.
 */
export class DriftFeature {
  readonly #logger: LoggerService;
  readonly #mirror?: GitopsMirror;
  readonly #settings: ReturnType<typeof readDriftSettings>;
  readonly #argo = new ArgoApplicationIndex();
  readonly #manifests?: GitClusterManifests;
  #tracker?: DriftTracker;
  #sweepTimer?: NodeJS.Timeout;
  /** Clusters with an open change request, as last read. */
  #inFlight = new Set<string>();
  #listOpenChangeRequests?: () => Promise<Array<{ clusterId: string }>>;
  #onStateChange?: (managementClusters: string[]) => void;

  static create(options: {
    config: Config;
    logger: LoggerService;
    mirror?: GitopsMirror;
  }): DriftFeature {
    return new DriftFeature(options);
  }

  private constructor(options: {
    config: Config;
    logger: LoggerService;
    mirror?: GitopsMirror;
  }) {
    this.#logger = options.logger;
    this.#mirror = options.mirror;
    this.#settings = readDriftSettings(options.config);
    if (options.mirror) {
      this.#manifests = new GitClusterManifests({
        source: options.mirror,
        logger: options.logger,
      });
    }
  }

  /** For the fleet cache: an Argo CD watch on each management cluster that has it configured. */
  readonly extraWatches = (mc: string, transport: KubernetesTransport) => {
    const settings = this.#settings.argocd.get(mc);
    if (!settings) return undefined;
    return watchArgoApplications({
      managementCluster: mc,
      transport,
      index: this.#argo,
      settings,
      logger: this.#logger,
    });
  };

  /** For the fleet reader: each summary with its drift. */
  readonly decorate = (summary: ClusterSummary): ClusterSummary =>
    this.#tracker ? this.#tracker.decorate(summary) : summary;

  /**
   * The Argo CD Application covering a cluster's folder (its own `folder`,
   * else `clusters/<mc>/<namespace>/<name>`), live or not: change requests
   * fail on a refused sync of a cluster not created yet too.
   */
  readonly argocdFor = (
    clusterId: string,
    folder?: string,
  ): ArgoCdApplicationStatus | undefined => {
    // Stored ids were checked as DNS labels when the request was recorded.
    const ref = parseClusterRef(clusterId);
    return this.#argo.forFolder(
      ref.managementCluster,
      folder ?? gitopsClusterPath(ref),
    );
  };

  /** Connects to the cache once it exists. */
  attach(options: {
    index: FleetIndex;
    syncedManagementClusters: () => Iterable<string>;
    events?: EventsService;
    /** Told about management clusters whose clusters changed drift state by time alone. */
    onStateChange?: (managementClusters: string[]) => void;
  }): void {
    this.#onStateChange = options.onStateChange;
    const manifests = this.#manifests;
    if (!manifests || !this.#mirror) return;
    const tracker = new DriftTracker({
      index: options.index,
      manifests,
      argo: this.#argo,
      gracePeriodMs: this.#settings.gracePeriodMs,
      syncedManagementClusters: options.syncedManagementClusters,
      changeInFlight: id => this.#inFlight.has(id),
    });
    this.#tracker = tracker;
    this.#mirror.onChange(() => {
      manifests
        .update()
        .then(() => tracker.gitChanged())
        .catch(error =>
          this.#logger.warn(
            `Reading the GitOps cluster folders failed: ${error}`,
          ),
        );
    });
    // A push to the GitOps repository: read it now rather than at the next poll.
    const mirror = this.#mirror;
    const events = options.events;
    if (events) {
      Promise.resolve()
        .then(() =>
          events.subscribe({
            id: 'capi-drift-gitops-push',
            topics: PUSH_TOPICS,
            onEvent: async () => mirror.refreshSoon(),
          }),
        )
        .catch(error =>
          this.#logger.warn(`Subscribing to Git push events failed: ${error}`),
        );
    }
  }

  /** The fleet's drift report; empty until Git has been read. */
  fleet(query: Parameters<DriftTracker['fleet']>[0]) {
    return (
      this.#tracker?.fleet(query) ?? {
        counts: {
          'in-sync': 0,
          pending: 0,
          drifted: 0,
          missing: 0,
          unmanaged: 0,
        },
        total: 0,
        offset: query.offset ?? 0,
        limit: query.limit ?? 50,
        items: [],
      }
    );
  }

  router(options: {
    httpAuth: HttpAuthService;
    access: Pick<ClusterAccess, 'requireFleet'>;
  }) {
    return createDriftRouter({
      ...options,
      fleet: query => this.fleet(query),
      unavailableReason: () => {
        if (!this.#mirror) return 'No GitOps repository is configured.';
        if (this.#manifests?.revision === undefined) {
          return this.#mirror.lastError
            ? `The GitOps repository cannot be read: ${this.#mirror.lastError}`
            : 'The GitOps repository has not been read yet.';
        }
        return undefined;
      },
    });
  }

  /**
   * Open change requests make a difference `pending` (a change in flight)
   * however old it is; read again at every sweep.
   */
  followChangeRequests(
    listOpen: () => Promise<Array<{ clusterId: string }>>,
  ): void {
    this.#listOpenChangeRequests = listOpen;
  }

  async #readInFlight(): Promise<void> {
    if (!this.#listOpenChangeRequests) return;
    try {
      const open = await this.#listOpenChangeRequests();
      this.#inFlight = new Set(open.map(r => r.clusterId));
    } catch (error) {
      this.#logger.warn(`Reading open change requests failed: ${error}`);
    }
  }

  /** Compares changed clusters every few seconds, so drift is timed even when nobody looks. */
  start(intervalMs = 5_000): void {
    this.#sweepTimer ??= setInterval(() => {
      this.#readInFlight().catch(() => {});
      try {
        this.#tracker?.sweep();
        const changed = this.#tracker?.changedByTime() ?? [];
        if (changed.length > 0) this.#onStateChange?.(changed);
      } catch (error) {
        this.#logger.warn(`Comparing clusters with Git failed: ${error}`);
      }
    }, intervalMs);
    this.#sweepTimer.unref?.();
  }

  stop(): void {
    clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }
}
