import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { InfrastructureProvider } from '../api/resources';
import { InMemoryObjectStore, StoreEvent } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import { MachineSteps } from './MachineSteps';
import { LIFECYCLE_SECONDS, ReconcileContext } from './ReconcileContext';
import { RESOURCES, conditionsOf, providerOfKind } from './capiMeta';
import { clusterStatus } from './clusterStatus';
import { reconcileControlPlane } from './controlPlaneRollout';
import { reconcileDeployment } from './deploymentRollout';
import { reconcileTopology } from './topologyReconcile';

export { LIFECYCLE_SECONDS } from './ReconcileContext';
export { VARIABLES_HASH_ANNOTATION } from './topologyReconcile';

export interface LifecycleReconcilerOptions {
  store: InMemoryObjectStore;
  /** Provider when neither the ClusterClass nor the references name one. */
  defaultProvider: InfrastructureProvider;
  timeScale: number;
  /** Default 40. */
  tickBudgetMs?: number;
  onError?: (error: unknown) => void;
}

const WATCHED = new Set<string>([
  RESOURCES.clusters,
  RESOURCES.controlPlanes,
  RESOURCES.machineDeployments,
  RESOURCES.machineSets,
  RESOURCES.machines,
]);

type Spec = Record<string, any>;

/**
 * Moves CAPI objects along the way the CAPI controllers would: topology
 * Clusters get a control plane and MachineDeployments, replicas become
 * Machines that go Pending → Provisioning → Provisioned → Running, version
 * changes roll the control plane and then each pool, and statuses and
 * v1beta2 conditions are rolled up. Only clusters touched since their last
 * steady state are reconciled, so a large idle fleet costs nothing.
 */
export class LifecycleReconciler {
  readonly #store: InMemoryObjectStore;
  readonly #defaultProvider: InfrastructureProvider;
  readonly #timeScale: number;
  readonly #onError: (error: unknown) => void;
  readonly #active = new Set<string>();
  readonly #ctx: ReconcileContext;
  readonly #steps: MachineSteps;
  #unsubscribe?: () => void;
  #timer?: NodeJS.Timeout;
  #stopped = false;
  /** Time one tick may take; clusters not reached wait for the next tick, in turn. */
  readonly #tickBudgetMs: number;

  constructor(options: LifecycleReconcilerOptions) {
    this.#store = options.store;
    this.#ctx = new ReconcileContext(options.store, options.timeScale);
    this.#steps = new MachineSteps(this.#ctx);
    this.#defaultProvider = options.defaultProvider;
    this.#timeScale = options.timeScale;
    this.#onError = options.onError ?? (() => {});
    this.#tickBudgetMs = options.tickBudgetMs ?? 40;
  }

  get activeClusters(): number {
    return this.#active.size;
  }

  start() {
    this.#unsubscribe = this.#store.subscribe(event => this.#onEvent(event));
    this.#stopped = false;
    const tickMs = Math.min(
      250,
      Math.max(20, Math.round(250 / this.#timeScale)),
    );
    // The next tick is scheduled after this one ends, so API requests always get turns in between.
    const loop = () => {
      if (this.#stopped) return;
      this.tick();
      this.#timer = setTimeout(loop, tickMs);
      this.#timer.unref?.();
    };
    this.#timer = setTimeout(loop, tickMs);
    this.#timer.unref?.();
  }

  stop() {
    this.#stopped = true;
    this.#unsubscribe?.();
    clearTimeout(this.#timer);
  }

  markActive(namespace: string, clusterName: string) {
    this.#active.add(`${namespace}/${clusterName}`);
  }

  /** Reconciles clusters that are not at rest, oldest request first, within the tick budget. */
  tick() {
    const deadline = Date.now() + this.#tickBudgetMs;
    const batch = [...this.#active];
    for (const key of batch) {
      if (Date.now() > deadline) break;
      // Re-adding moves a busy cluster to the back of the queue (Sets keep insertion order).
      this.#active.delete(key);
      const [namespace, name] = key.split('/');
      try {
        if (this.#reconcileCluster(namespace, name)) this.#active.add(key);
      } catch (error) {
        this.#onError(error);
        this.#active.add(key);
      }
    }
  }

  #onEvent(event: StoreEvent) {
    if (!WATCHED.has(event.resource) || event.namespace === undefined) return;
    if (event.resource === RESOURCES.clusters) {
      if (event.type === 'DELETED') {
        this.#deleteDescendants(event.namespace, event.name);
      } else {
        this.markActive(event.namespace, event.name);
      }
      return;
    }
    let clusterName = event.labels?.[CAPI_LABELS.clusterName];
    if (!clusterName) {
      const obj: KubeObject = JSON.parse(event.json);
      clusterName =
        (obj.spec?.clusterName as string | undefined) ??
        this.#clusterOfControlPlane(event.namespace, event.name);
    }
    if (clusterName) this.markActive(event.namespace, clusterName);
  }

  #clusterOfControlPlane(
    namespace: string,
    kcpName: string,
  ): string | undefined {
    return this.#store
      .list(RESOURCES.clusters, namespace)
      .find(
        c => (c.spec?.controlPlaneRef as Spec | undefined)?.name === kcpName,
      )?.metadata.name;
  }

  /** Classic-mode objects have no owner references to the Cluster; CAPI deletes them with it. */
  #deleteDescendants(namespace: string, clusterName: string) {
    for (const resource of [
      RESOURCES.controlPlanes,
      RESOURCES.machineDeployments,
      RESOURCES.machineSets,
      RESOURCES.machines,
    ]) {
      for (const entry of this.#store.entriesByLabel(
        resource,
        namespace,
        clusterName,
      )) {
        if (this.#store.entry(resource, namespace, entry.name))
          this.#store.delete(resource, namespace, entry.name);
      }
    }
    for (const entry of this.#store.entries(
      RESOURCES.machineDeployments,
      namespace,
    )) {
      const md: KubeObject = JSON.parse(entry.json);
      if (md.spec?.clusterName === clusterName)
        this.#store.delete(RESOURCES.machineDeployments, namespace, entry.name);
    }
  }

  #providerFor(cluster: KubeObject): InfrastructureProvider {
    const spec = cluster.spec as Spec | undefined;
    const fromRef = providerOfKind(spec?.infrastructureRef?.kind);
    if (fromRef) return fromRef;
    const className = spec?.topology?.classRef?.name;
    if (className) {
      const namespace =
        spec?.topology?.classRef?.namespace ?? cluster.metadata.namespace;
      const clusterClass = this.#ctx.get(
        RESOURCES.clusterClasses,
        namespace,
        className,
      );
      const kind = (clusterClass?.spec as Spec | undefined)?.infrastructure
        ?.templateRef?.kind;
      const fromClass = providerOfKind(kind?.replace(/Template$/, ''));
      if (fromClass) return fromClass;
    }
    return this.#defaultProvider;
  }

  /** Returns true while the cluster still has work in progress. */
  #reconcileCluster(namespace: string, name: string): boolean {
    let cluster = this.#ctx.get(RESOURCES.clusters, namespace, name);
    if (!cluster) return false;
    if ((cluster.spec as Spec | undefined)?.paused) return false;
    let busy = false;
    const provider = this.#providerFor(cluster);
    const uid = cluster.metadata.uid!;

    let infrastructureProvisioned =
      (cluster.status as Spec | undefined)?.initialization
        ?.infrastructureProvisioned === true;
    if (!infrastructureProvisioned) {
      if (
        this.#ctx.elapsedSeconds(uid, 'infrastructure') >=
        LIFECYCLE_SECONDS.clusterInfrastructure
      ) {
        infrastructureProvisioned = true;
      } else {
        busy = true;
      }
    }

    let controlPlane: KubeObject | undefined;
    let deployments: KubeObject[];
    if ((cluster.spec as Spec | undefined)?.topology) {
      const topology = reconcileTopology(this.#ctx, cluster, provider);
      cluster = topology.cluster;
      controlPlane = topology.controlPlane;
      deployments = topology.deployments;
      // Pools wait their turn for a new version: until the last one has it, there is work left.
      const wanted = String(
        ((cluster.spec as Spec).topology as Spec).version ?? '',
      );
      if (
        deployments.some(
          md =>
            (md.spec as Spec | undefined)?.template?.spec?.version !== wanted,
        )
      ) {
        busy = true;
      }
    } else {
      const ref = (cluster.spec as Spec | undefined)?.controlPlaneRef;
      controlPlane = ref?.name
        ? this.#ctx.get(RESOURCES.controlPlanes, namespace, ref.name)
        : undefined;
      if (controlPlane)
        controlPlane = this.#adopt(RESOURCES.controlPlanes, controlPlane, name);
      deployments = this.#store
        .list(RESOURCES.machineDeployments, namespace)
        .filter(md => md.spec?.clusterName === name)
        .map(md => this.#adopt(RESOURCES.machineDeployments, md, name));
    }

    if (controlPlane) {
      const result = reconcileControlPlane(
        this.#ctx,
        this.#steps,

        cluster,
        controlPlane,
        provider,
        infrastructureProvisioned,
      );
      controlPlane = result.controlPlane;
      busy = result.busy || busy;
    }
    const controlPlaneInitialized =
      (controlPlane?.status as Spec | undefined)?.initialization
        ?.controlPlaneInitialized === true;
    deployments = deployments.map(md => {
      const result = reconcileDeployment(
        this.#ctx,
        this.#steps,

        cluster!,
        md,
        provider,
        infrastructureProvisioned && controlPlaneInitialized,
        controlPlane,
      );
      busy = result.busy || busy;
      return result.deployment;
    });

    const status = clusterStatus(
      cluster,
      infrastructureProvisioned,
      controlPlane,
      deployments,
      new Date(),
    );
    this.#ctx.writeStatus(RESOURCES.clusters, cluster, status);
    if (
      conditionsOf({ ...cluster, status })?.some(
        c =>
          ['RollingOut', 'ScalingUp', 'ScalingDown'].includes(c.type) &&
          c.status === 'True',
      )
    ) {
      busy = true;
    }
    return busy;
  }

  /** Labels classic-mode objects with their cluster, as CAPI's webhooks do, so events find their cluster. */
  #adopt(resource: string, obj: KubeObject, clusterName: string): KubeObject {
    if (obj.metadata.labels?.[CAPI_LABELS.clusterName] === clusterName)
      return obj;
    return this.#store.update(resource, {
      ...obj,
      metadata: {
        ...obj.metadata,
        labels: {
          ...obj.metadata.labels,
          [CAPI_LABELS.clusterName]: clusterName,
        },
      },
    });
  }
}
