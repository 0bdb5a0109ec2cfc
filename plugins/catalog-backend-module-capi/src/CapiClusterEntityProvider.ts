import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  CAPI_EVENT_TOPICS,
  CLUSTER_LABELS,
  ClusterRef,
  ClusterWithoutMachines,
  parseClusterRef,
  stringifyClusterRef,
} from '@capstan/plugin-capi-common';
import { CapiFleetClient, CapiFleetReader } from './CapiFleetClient';
import {
  CAPI_LOCATION_KEY,
  clusterEntityRef,
  clusterToEntity,
} from './clusterToEntity';
import { EmittedClusterEntities, EmittedRefs } from './EmittedClusterEntities';
import { CapiProviderConfig, readCapiProviderConfig } from './providerConfig';

/** Above this many changed clusters in one event, a full read is cheaper. */
const MAX_DELTA_FETCHES = 100;
const FETCH_CONCURRENCY = 8;

/**
 * Emits every Cluster API workload cluster the capi backend knows as a
 * catalog `Resource` entity of type `kubernetes-cluster`: a full refresh on
 * a schedule, deltas when the capi backend publishes cluster changes.
 *
 * @public
 */
export class CapiClusterEntityProvider implements EntityProvider {
  readonly #config: CapiProviderConfig;
  readonly #logger: LoggerService;
  readonly #reader: CapiFleetReader;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #events?: EventsService;
  #connection?: EntityProviderConnection;
  /** Full refreshes and deltas run one after another, in arrival order. */
  #queue: Promise<void> = Promise.resolve();
  readonly #emitted = new EmittedClusterEntities();

  static create(options: {
    config: Config;
    logger: LoggerService;
    discovery: DiscoveryService;
    auth: AuthService;
    /** Needed unless a taskRunner is given. */
    scheduler?: SchedulerService;
    /** Overrides the runner built from `catalog.providers.capi.schedule`. */
    taskRunner?: SchedulerServiceTaskRunner;
    /** Without it, changes show up on the next scheduled refresh only. */
    events?: EventsService;
    /** Overrides the HTTP client of the capi backend. */
    reader?: CapiFleetReader;
  }): CapiClusterEntityProvider {
    const config = readCapiProviderConfig(options.config);
    let taskRunner = options.taskRunner;
    if (!taskRunner) {
      if (!options.scheduler) {
        throw new Error(
          'CapiClusterEntityProvider needs either a scheduler or a taskRunner',
        );
      }
      taskRunner = options.scheduler.createScheduledTaskRunner(config.schedule);
    }
    const reader =
      options.reader ??
      CapiFleetClient.create({
        discovery: options.discovery,
        auth: options.auth,
        pageSize: config.pageSize,
      });
    return new CapiClusterEntityProvider(
      config,
      options.logger.child({ target: 'CapiClusterEntityProvider' }),
      reader,
      taskRunner,
      options.events,
    );
  }

  private constructor(
    config: CapiProviderConfig,
    logger: LoggerService,
    reader: CapiFleetReader,
    taskRunner: SchedulerServiceTaskRunner,
    events: EventsService | undefined,
  ) {
    this.#config = config;
    this.#logger = logger;
    this.#reader = reader;
    this.#taskRunner = taskRunner;
    this.#events = events;
  }

  getProviderName(): string {
    return 'CapiClusterEntityProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.#logger.error(
            `Full refresh of CAPI cluster entities failed: ${describeError(
              error,
            )}`,
          );
        }
      },
    });
    await this.#events?.subscribe({
      id: 'capi-cluster-entity-provider',
      topics: [CAPI_EVENT_TOPICS.clusters],
      onEvent: params => this.onClustersChanged(params),
    });
  }

  /** Reads the whole fleet and replaces this provider's entities. */
  async refresh(): Promise<void> {
    await this.#enqueue(() => this.#fullRefresh());
  }

  /**
   * Applies a `capstan.capi.clusters` event: re-reads the changed clusters,
   * removes the removed ones.
   */
  async onClustersChanged(params: EventParams): Promise<void> {
    const payload = parsePayload(params.eventPayload);
    if (!payload) {
      this.#logger.warn(
        `Ignoring malformed ${CAPI_EVENT_TOPICS.clusters} event payload`,
      );
      return;
    }
    if (!this.#connection) {
      // The first full refresh after connecting picks these up.
      return;
    }
    await this.#enqueue(() => this.#applyDelta(payload));
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => {});
    return run;
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) {
      throw new Error('CapiClusterEntityProvider is not connected yet');
    }
    return this.#connection;
  }

  async #fullRefresh(): Promise<void> {
    const connection = this.#requireConnection();
    const started = Date.now();
    const snapshot = await this.#reader.readFleet();
    const entities = this.#toDeferredEntities(snapshot.items);
    const emitted = new Set(entities.map(d => stringifyEntityRef(d.entity)));
    const byManagementCluster = new Map<string, EmittedRefs>();
    for (const cluster of snapshot.items) {
      const ref = clusterEntityRef(cluster);
      if (!ref || !emitted.has(ref)) continue;
      const refs = byManagementCluster.get(cluster.managementCluster);
      if (refs) refs.set(cluster.id, ref);
      else
        byManagementCluster.set(
          cluster.managementCluster,
          new Map([[cluster.id, ref]]),
        );
    }
    if (snapshot.complete) {
      await connection.applyMutation({ type: 'full', entities });
      this.#emitted.replaceAll(byManagementCluster);
    } else {
      // Removing what is missing from an incomplete list would delete the
      // entities of a management cluster that is merely unreachable or not
      // synced yet: only management clusters the list covers lose entities.
      const covered = new Set(snapshot.coveredManagementClusters);
      const removed: string[] = [];
      for (const mc of covered) {
        removed.push(
          ...this.#emitted.replace(
            mc,
            byManagementCluster.get(mc) ?? new Map(),
          ),
        );
      }
      for (const [mc, refs] of byManagementCluster) {
        if (covered.has(mc)) continue;
        for (const [clusterId, ref] of refs) {
          const renamed = this.#emitted.add(mc, clusterId, ref);
          if (renamed) removed.push(renamed);
        }
      }
      await connection.applyMutation({
        type: 'delta',
        added: entities,
        removed: removed.map(entityRef => ({
          entityRef,
          locationKey: CAPI_LOCATION_KEY,
        })),
      });
      // Right after a start management clusters are still connecting: say so, don't warn.
      const log = snapshot.settling ? this.#logger.info : this.#logger.warn;
      log.call(
        this.#logger,
        `Cluster list incomplete (${snapshot.incompleteReason}): updated ${
          entities.length
        } cluster entities, removed ${
          removed.length
        } of management clusters it covers (${
          [...covered].join(', ') || 'none'
        }), other removals deferred to a later refresh`,
      );
    }
    this.#logger.info(
      `Read ${snapshot.items.length} clusters, emitted ${
        entities.length
      } cluster entities (${snapshot.complete ? 'full' : 'upsert only'}) in ${
        Date.now() - started
      } ms`,
    );
  }

  async #applyDelta(payload: {
    changed: ClusterRef[];
    removed: ClusterRef[];
  }): Promise<void> {
    const connection = this.#requireConnection();
    if (payload.changed.length > MAX_DELTA_FETCHES) {
      await this.#fullRefresh();
      return;
    }
    const gone = [...payload.removed];
    const found: ClusterWithoutMachines[] = [];
    await forEachLimited(payload.changed, FETCH_CONCURRENCY, async ref => {
      try {
        const cluster = await this.#reader.getCluster(ref);
        if (cluster) {
          found.push(cluster);
        } else {
          gone.push(ref);
        }
      } catch (error) {
        // Unknown is not gone (e.g. 503 from an instance that has not synced
        // the management cluster yet): the entity stays as it is.
        this.#logger.warn(
          `Could not read changed cluster ${ref.managementCluster}/${
            ref.namespace
          }/${
            ref.name
          }, keeping its entity as it is until the next full refresh: ${describeError(
            error,
          )}`,
        );
      }
    });
    const added = this.#toDeferredEntities(found);
    const addedRefs = new Set(added.map(d => stringifyEntityRef(d.entity)));
    // Entity names are not computed from refs: a removal removes the entity
    // emitted for the cluster, as recorded (after a restart, before the
    // first complete refresh, nothing is recorded and that refresh removes it).
    const removed: string[] = [];
    for (const ref of gone) {
      const before = this.#emitted.remove(
        ref.managementCluster,
        stringifyClusterRef(ref),
      );
      if (before) removed.push(before);
    }
    for (const cluster of found) {
      const ref = clusterEntityRef(cluster);
      const before =
        ref && addedRefs.has(ref)
          ? this.#emitted.add(cluster.managementCluster, cluster.id, ref)
          : // skipped (scaffolded) or unmappable
            this.#emitted.remove(cluster.managementCluster, cluster.id);
      if (before) removed.push(before);
    }
    if (added.length === 0 && removed.length === 0) {
      return;
    }
    await connection.applyMutation({
      type: 'delta',
      added,
      removed: removed.map(entityRef => ({
        entityRef,
        locationKey: CAPI_LOCATION_KEY,
      })),
    });
    this.#logger.debug(
      `Applied cluster delta: ${added.length} updated, ${removed.length} removed`,
    );
  }

  #toDeferredEntities(clusters: ClusterWithoutMachines[]): DeferredEntity[] {
    const deferred: DeferredEntity[] = [];
    for (const cluster of clusters) {
      if (this.#config.skipScaffolded && isScaffolded(cluster)) {
        continue;
      }
      try {
        const entity = clusterToEntity(cluster, {
          ...this.#config,
          onWarning: message => this.#logger.warn(message),
        });
        deferred.push({ entity, locationKey: CAPI_LOCATION_KEY });
      } catch (error) {
        this.#logger.warn(
          `Skipping cluster ${cluster.id}: ${describeError(error)}`,
        );
      }
    }
    return deferred;
  }
}

/**
 * Clusters the scaffolder created carry its profile label; their
 * catalog-info.yaml lives in the GitOps repository.
 */
function isScaffolded(cluster: ClusterWithoutMachines): boolean {
  return Boolean(cluster.labels?.[CLUSTER_LABELS.profile]);
}

function parsePayload(
  payload: unknown,
): { changed: ClusterRef[]; removed: ClusterRef[] } | undefined {
  if (typeof payload !== 'object' || payload === null) {
    return undefined;
  }
  const { changed, removed } = payload as Record<string, unknown>;
  const toRefs = (value: unknown): ClusterRef[] | undefined => {
    if (value === undefined) {
      return [];
    }
    if (!Array.isArray(value)) {
      return undefined;
    }
    const refs: ClusterRef[] = [];
    for (const id of value) {
      try {
        refs.push(parseClusterRef(String(id)));
      } catch {
        // One bad id must not drop the rest of the event.
      }
    }
    return refs;
  };
  const changedRefs = toRefs(changed);
  const removedRefs = toRefs(removed);
  if (!changedRefs || !removedRefs) {
    return undefined;
  }
  return { changed: changedRefs, removed: removedRefs };
}

async function forEachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const item = items[next++];
        await fn(item);
      }
    },
  );
  await Promise.all(workers);
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // A ResponseError keeps the capi backend's own message as its cause.
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message
    ? `${error.message}: ${cause.message}`
    : error.message;
}
