import { CAPI_ANNOTATIONS, CAPI_LABELS } from '@capstan/plugin-capi-common';
import { InfrastructureProvider } from '../api/resources';
import { InMemoryObjectStore, StoreEvent } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import {
  MACHINE_SET_LABEL,
  RESOURCES,
  TEMPLATE_HASH_LABEL,
  conditionsOf,
  infrastructureRef,
  providerOfKind,
  shortHash,
  suffix,
  templateHash,
} from './capiMeta';
import { MachinePhase, buildMachine, machineStatus } from './machineObjects';
import { clusterStatus } from './clusterStatus';
import { controlPlaneStatus } from './controlPlaneStatus';
import { workerSetStatus } from './workerSetStatus';
import { buildControlPlane, controlPlaneRef } from './controlPlaneObject';
import {
  buildMachineDeployment,
  buildMachineSet,
  workerTemplateSpec,
} from './workerObjects';

/** On a topology MachineDeployment: a hash of its pool's class and variables, to see them change. */
export const VARIABLES_HASH_ANNOTATION =
  'capi-simulator.capstan.dev/topology-variables-hash';

/** Simulated seconds each step takes at time scale 1. */
export const LIFECYCLE_SECONDS = {
  clusterInfrastructure: 4,
  machineProvisioning: 6,
  nodeJoining: 4,
  machineDeletion: 2,
};

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
  /** When (real ms) an object entered its current step, by `uid/step`. */
  readonly #since = new Map<string, number>();
  #unsubscribe?: () => void;
  #timer?: NodeJS.Timeout;
  #stopped = false;
  /** Time one tick may take; clusters not reached wait for the next tick, in turn. */
  readonly #tickBudgetMs: number;

  constructor(options: LifecycleReconcilerOptions) {
    this.#store = options.store;
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

  // ------------------------------------------------------------------ time

  #elapsedSeconds(uid: string, step: string): number {
    const key = `${uid}/${step}`;
    let since = this.#since.get(key);
    if (since === undefined) {
      since = Date.now();
      this.#since.set(key, since);
    }
    return ((Date.now() - since) / 1000) * this.#timeScale;
  }

  #forget(uid: string) {
    for (const step of [
      'infrastructure',
      'Pending',
      'Provisioning',
      'Provisioned',
      'Deleting',
    ]) {
      this.#since.delete(`${uid}/${step}`);
    }
  }

  // --------------------------------------------------------------- writes

  #get(resource: string, namespace: string, name: string) {
    return this.#store.get(resource, namespace, name);
  }

  /** Writes an object only when something changed, so a steady fleet causes no watch events. */
  #write(resource: string, current: KubeObject, next: KubeObject): KubeObject {
    if (JSON.stringify(current) === JSON.stringify(next)) return current;
    return this.#store.update(resource, next);
  }

  #writeStatus(
    resource: string,
    current: KubeObject,
    status: Record<string, unknown>,
  ): KubeObject {
    return this.#write(resource, current, { ...current, status });
  }

  // -------------------------------------------------------------- cluster

  #providerFor(cluster: KubeObject): InfrastructureProvider {
    const spec = cluster.spec as Spec | undefined;
    const fromRef = providerOfKind(spec?.infrastructureRef?.kind);
    if (fromRef) return fromRef;
    const className = spec?.topology?.classRef?.name;
    if (className) {
      const namespace =
        spec?.topology?.classRef?.namespace ?? cluster.metadata.namespace;
      const clusterClass = this.#get(
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
    let cluster = this.#get(RESOURCES.clusters, namespace, name);
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
        this.#elapsedSeconds(uid, 'infrastructure') >=
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
      const topology = this.#reconcileTopology(cluster, provider);
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
        ? this.#get(RESOURCES.controlPlanes, namespace, ref.name)
        : undefined;
      if (controlPlane)
        controlPlane = this.#adopt(RESOURCES.controlPlanes, controlPlane, name);
      deployments = this.#store
        .list(RESOURCES.machineDeployments, namespace)
        .filter(md => md.spec?.clusterName === name)
        .map(md => this.#adopt(RESOURCES.machineDeployments, md, name));
    }

    if (controlPlane) {
      const result = this.#reconcileControlPlane(
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
      const result = this.#reconcileDeployment(
        cluster!,
        md,
        provider,
        infrastructureProvisioned && controlPlaneInitialized,
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
    this.#writeStatus(RESOURCES.clusters, cluster, status);
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

  // ------------------------------------------------------------- topology

  #reconcileTopology(original: KubeObject, provider: InfrastructureProvider) {
    let cluster = original;
    const namespace = cluster.metadata.namespace!;
    const name = cluster.metadata.name;
    const topology = (cluster.spec as Spec).topology as Spec;
    const version = String(topology.version ?? '');
    const uid = cluster.metadata.uid!;

    // Control plane: created from the class, version changes go here first.
    const kcpName =
      (cluster.spec as Spec).controlPlaneRef?.name ??
      `${name}-${suffix(uid, 'control-plane')}`;
    let controlPlane = this.#get(RESOURCES.controlPlanes, namespace, kcpName);
    const cpReplicas = Number(topology.controlPlane?.replicas ?? 1);
    if (!controlPlane) {
      controlPlane = this.#store.create(
        RESOURCES.controlPlanes,
        buildControlPlane({
          name: kcpName,
          namespace,
          cluster,
          provider,
          replicas: cpReplicas,
          version,
          topologyOwned: true,
        }),
      );
    } else {
      const spec = controlPlane.spec as Spec;
      if (spec.replicas !== cpReplicas || spec.version !== version) {
        controlPlane = this.#write(RESOURCES.controlPlanes, controlPlane, {
          ...controlPlane,
          spec: { ...spec, replicas: cpReplicas, version },
        });
      }
    }
    const spec = cluster.spec as Spec;
    if (spec.controlPlaneRef?.name !== kcpName || !spec.infrastructureRef) {
      cluster = this.#store.update(RESOURCES.clusters, {
        ...cluster,
        spec: {
          ...spec,
          controlPlaneRef: controlPlaneRef(kcpName),
          infrastructureRef:
            spec.infrastructureRef ??
            infrastructureRef(provider, 'cluster', name),
        },
      });
    }

    // Workers are upgraded after the control plane, one MachineDeployment at a time.
    const cpStatus = controlPlane.status as Spec | undefined;
    const controlPlaneDone =
      cpStatus?.version === version &&
      cpStatus?.upToDateReplicas === cpReplicas &&
      cpStatus?.replicas === cpReplicas;
    const wanted: Spec[] = topology.workers?.machineDeployments ?? [];
    const existing = this.#store
      .entriesByLabel(RESOURCES.machineDeployments, namespace, name)
      .map(e => JSON.parse(e.json) as KubeObject)
      .filter(
        md => md.metadata.labels?.[CAPI_LABELS.topologyOwned] !== undefined,
      );
    let upgrading = existing.some(md => {
      const s = md.status as Spec | undefined;
      const mdVersion = (md.spec as Spec).template?.spec?.version;
      return (
        mdVersion === version &&
        (s?.upToDateReplicas !== (md.spec as Spec).replicas ||
          s?.replicas !== (md.spec as Spec).replicas)
      );
    });
    const deployments: KubeObject[] = [];
    for (const topo of wanted) {
      const topoName = String(topo.name);
      let md = existing.find(
        d =>
          d.metadata.labels?.[CAPI_LABELS.topologyDeploymentName] === topoName,
      );
      const annotations: Record<string, string> = {
        ...(topo.metadata?.annotations ?? {}),
        [VARIABLES_HASH_ANNOTATION]: shortHash(
          JSON.stringify({ class: topo.class, variables: topo.variables }),
        ),
      };
      const min = Number(annotations[CAPI_ANNOTATIONS.autoscalerMin]);
      const defaultReplicas = Number.isFinite(min) ? min : 1;
      const replicas =
        topo.replicas !== undefined ? Number(topo.replicas) : defaultReplicas;
      if (!md) {
        const mdName = `${name}-${topoName}-${suffix(uid, topoName)}`;
        const mdVersion = controlPlaneDone
          ? version
          : cpStatus?.version ?? version;
        md = this.#store.create(
          RESOURCES.machineDeployments,
          buildMachineDeployment({
            name: mdName,
            namespace,
            clusterName: name,
            replicas,
            labels: {
              ...(topo.metadata?.labels ?? {}),
              [CAPI_LABELS.clusterName]: name,
              [CAPI_LABELS.topologyOwned]: '',
              [CAPI_LABELS.topologyDeploymentName]: topoName,
              [CAPI_LABELS.deploymentName]: mdName,
            },
            annotations,
            owner: cluster,
            templateSpec: workerTemplateSpec({
              clusterName: name,
              deploymentName: mdName,
              version: mdVersion,
              provider,
              machineTemplateName: `${mdName}-${String(
                topo.class ?? 'worker',
              )}`,
            }),
          }),
        );
      } else {
        const mdSpec = md.spec as Spec;
        let mdVersion = mdSpec.template?.spec?.version;
        if (mdVersion !== version && controlPlaneDone && !upgrading) {
          mdVersion = version;
          upgrading = true;
        }
        // A change of the pool's class or variables (e.g. the machine size) gets the pool a
        // new infrastructure template, as CAPI's topology controller rotates it: a rollout.
        const variablesHash = shortHash(
          JSON.stringify({ class: topo.class, variables: topo.variables }),
        );
        const recordedHash =
          md.metadata.annotations?.[VARIABLES_HASH_ANNOTATION];
        annotations[VARIABLES_HASH_ANNOTATION] = variablesHash;
        let infraRef = mdSpec.template?.spec?.infrastructureRef;
        if (recordedHash !== undefined && recordedHash !== variablesHash) {
          infraRef = infrastructureRef(
            provider,
            'machineTemplate',
            `${md.metadata.name}-${String(
              topo.class ?? 'worker',
            )}-${variablesHash}`,
          );
        }
        const hasAutoscaler =
          annotations[CAPI_ANNOTATIONS.autoscalerMin] !== undefined;
        const nextReplicas =
          topo.replicas !== undefined || !hasAutoscaler
            ? replicas
            : mdSpec.replicas ?? replicas;
        md = this.#write(RESOURCES.machineDeployments, md, {
          ...md,
          metadata: {
            ...md.metadata,
            annotations: { ...md.metadata.annotations, ...annotations },
          },
          spec: {
            ...mdSpec,
            replicas: nextReplicas,
            template: {
              ...mdSpec.template,
              spec: {
                ...mdSpec.template?.spec,
                version: mdVersion,
                ...(infraRef ? { infrastructureRef: infraRef } : {}),
              },
            },
          },
        });
      }
      deployments.push(md);
    }
    for (const md of existing) {
      if (
        !wanted.some(
          t =>
            String(t.name) ===
            md.metadata.labels?.[CAPI_LABELS.topologyDeploymentName],
        )
      ) {
        this.#store.delete(
          RESOURCES.machineDeployments,
          namespace,
          md.metadata.name,
        );
      }
    }
    return { cluster, controlPlane, deployments };
  }

  // -------------------------------------------------------------- machines

  #machinesOf(
    namespace: string,
    clusterName: string,
    filter: (m: KubeObject) => boolean,
  ): KubeObject[] {
    return this.#store
      .entriesByLabel(RESOURCES.machines, namespace, clusterName)
      .map(e => JSON.parse(e.json) as KubeObject)
      .filter(filter)
      .sort(
        (a, b) =>
          (a.metadata.creationTimestamp ?? '').localeCompare(
            b.metadata.creationTimestamp ?? '',
          ) || a.metadata.name.localeCompare(b.metadata.name),
      );
  }

  /** Advances a machine that is not being deleted through its phases; returns it and whether it is still moving. */
  #advanceMachine(
    machine: KubeObject,
    provider: InfrastructureProvider,
    canBootstrap: boolean,
    upToDate: boolean,
  ) {
    const uid = machine.metadata.uid!;
    let phase = ((machine.status?.phase as MachinePhase | undefined) ??
      'Pending') as MachinePhase;
    let moving = false;
    if (phase === 'Pending') {
      if (canBootstrap) phase = 'Provisioning';
      moving = true;
    } else if (phase === 'Provisioning') {
      if (
        this.#elapsedSeconds(uid, 'Provisioning') >=
        LIFECYCLE_SECONDS.machineProvisioning
      )
        phase = 'Provisioned';
      moving = true;
    } else if (phase === 'Provisioned') {
      if (
        this.#elapsedSeconds(uid, 'Provisioned') >=
        LIFECYCLE_SECONDS.nodeJoining
      )
        phase = 'Running';
      moving = true;
    }
    const { spec, status } = machineStatus(
      machine,
      phase,
      provider,
      new Date(),
      upToDate,
    );
    const next = { ...machine, spec: { ...machine.spec, ...spec }, status };
    return {
      machine: this.#write(RESOURCES.machines, machine, next),
      moving: moving || phase !== 'Running',
    };
  }

  /** Marks a machine for deletion; it goes through the Deleting phase before it disappears. */
  #deleteMachine(machine: KubeObject): void {
    this.#store.markForDeletion(
      RESOURCES.machines,
      machine.metadata.namespace,
      machine.metadata.name,
    );
  }

  #isDeleting(machine: KubeObject): boolean {
    return machine.metadata.deletionTimestamp !== undefined;
  }

  #reconcileControlPlane(
    cluster: KubeObject,
    kcp: KubeObject,
    provider: InfrastructureProvider,
    infrastructureProvisioned: boolean,
  ) {
    const namespace = cluster.metadata.namespace!;
    const clusterName = cluster.metadata.name;
    const spec = kcp.spec as Spec;
    const desired = Number(spec.replicas ?? 1);
    const version = String(spec.version ?? '');
    let busy = false;
    let machines = this.#machinesOf(
      namespace,
      clusterName,
      m => m.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined,
    );
    const initialized =
      (kcp.status as Spec | undefined)?.initialization
        ?.controlPlaneInitialized === true ||
      machines.some(m => m.status?.phase === 'Running');

    // Advance what exists.
    const advanced: KubeObject[] = [];
    machines.forEach((machine, index) => {
      const canBootstrap =
        infrastructureProvisioned && (initialized || index === 0);
      const result = this.#advanceDeletable(
        machine,
        provider,
        canBootstrap,
        machine.spec?.version === version,
      );
      busy = result.moving || busy;
      if (result.machine) advanced.push(result.machine);
    });
    machines = advanced;
    const live = machines.filter(m => !this.#isDeleting(m));
    const settled = live.every(m => m.status?.phase === 'Running');
    const outdated = live.filter(m => m.spec?.version !== version);
    const current = live.filter(m => m.spec?.version === version);

    // KCP changes one machine at a time: create (surge) first, then remove an outdated one.
    if (settled && !machines.some(m => this.#isDeleting(m))) {
      if (
        current.length < desired &&
        live.length < desired + (outdated.length > 0 ? 1 : 0)
      ) {
        this.#createMachine(cluster, kcp, provider, {
          controlPlane: true,
          version,
        });
        busy = true;
      } else if (live.length > desired) {
        const victim = outdated[0] ?? current[current.length - 1];
        this.#deleteMachine(victim);
        busy = true;
      }
    }
    const fresh = this.#machinesOf(
      namespace,
      clusterName,
      m => m.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined,
    );
    const status = controlPlaneStatus(
      kcp,
      fresh.filter(m => !this.#isDeleting(m)),
      new Date(),
    );
    const controlPlane = this.#writeStatus(
      RESOURCES.controlPlanes,
      kcp,
      status,
    );
    if (
      fresh.length !== desired ||
      fresh.some(m => m.spec?.version !== version)
    )
      busy = true;
    return { controlPlane, busy };
  }

  #advanceDeletable(
    machine: KubeObject,
    provider: InfrastructureProvider,
    canBootstrap: boolean,
    upToDate: boolean,
  ) {
    if (this.#isDeleting(machine)) {
      const uid = machine.metadata.uid!;
      if (
        this.#elapsedSeconds(uid, 'Deleting') >=
        LIFECYCLE_SECONDS.machineDeletion
      ) {
        this.#store.delete(
          RESOURCES.machines,
          machine.metadata.namespace,
          machine.metadata.name,
        );
        this.#forget(uid);
        return { machine: undefined, moving: true };
      }
      const { spec, status } = machineStatus(
        machine,
        'Deleting',
        provider,
        new Date(),
        upToDate,
      );
      return {
        machine: this.#write(RESOURCES.machines, machine, {
          ...machine,
          spec: { ...machine.spec, ...spec },
          status,
        }),
        moving: true,
      };
    }
    return this.#advanceMachine(machine, provider, canBootstrap, upToDate);
  }

  #createMachine(
    cluster: KubeObject,
    owner: KubeObject,
    provider: InfrastructureProvider,
    init: {
      controlPlane: boolean;
      version: string;
      deploymentName?: string;
      machineSetName?: string;
      templateHash?: string;
    },
  ): KubeObject {
    const base = init.machineSetName ?? owner.metadata.name;
    const name = `${base}-${suffix(
      owner.metadata.uid!,
      String(this.#store.revision),
    )}`;
    return this.#store.create(
      RESOURCES.machines,
      buildMachine(
        {
          name,
          namespace: cluster.metadata.namespace!,
          clusterName: cluster.metadata.name,
          version: init.version,
          provider,
          owner,
          controlPlane: init.controlPlane,
          deploymentName: init.deploymentName,
          machineSetName: init.machineSetName,
          templateHash: init.templateHash,
        },
        new Date(),
      ),
    );
  }

  // ---------------------------------------------------- machine deployments

  #reconcileDeployment(
    cluster: KubeObject,
    deployment: KubeObject,
    provider: InfrastructureProvider,
    canBootstrap: boolean,
  ) {
    let md = deployment;
    const namespace = cluster.metadata.namespace!;
    const clusterName = cluster.metadata.name;
    let busy = false;
    let spec = md.spec as Spec;

    // The cluster autoscaler keeps replicas within its min/max annotations.
    const min = Number(
      md.metadata.annotations?.[CAPI_ANNOTATIONS.autoscalerMin],
    );
    const max = Number(
      md.metadata.annotations?.[CAPI_ANNOTATIONS.autoscalerMax],
    );
    const defaultReplicas = Number.isFinite(min) ? min : 1;
    let replicas =
      spec.replicas === undefined ? defaultReplicas : Number(spec.replicas);
    if (Number.isFinite(min) && replicas < min) replicas = min;
    if (Number.isFinite(max) && replicas > max) replicas = max;
    if (replicas !== spec.replicas) {
      md = this.#store.update(RESOURCES.machineDeployments, {
        ...md,
        spec: { ...spec, replicas },
      });
      spec = md.spec as Spec;
    }

    const template = spec.template?.spec ?? {};
    const version = String(template.version ?? '');
    const hash = templateHash(template);
    const machineSetName = `${md.metadata.name}-${hash}`;
    const ofDeployment = (m: KubeObject) =>
      m.metadata.labels?.[CAPI_LABELS.deploymentName] === md.metadata.name;

    let machineSet = this.#get(
      RESOURCES.machineSets,
      namespace,
      machineSetName,
    );
    if (!machineSet) {
      machineSet = this.#store.create(
        RESOURCES.machineSets,
        buildMachineSet({
          deployment: md,
          clusterName,
          templateHash: hash,
          replicas: 0,
          templateSpec: template,
        }),
      );
    }

    const advanced: KubeObject[] = [];
    for (const machine of this.#machinesOf(
      namespace,
      clusterName,
      ofDeployment,
    )) {
      const upToDate = machine.metadata.labels?.[TEMPLATE_HASH_LABEL] === hash;
      const result = this.#advanceDeletable(
        machine,
        provider,
        canBootstrap,
        upToDate,
      );
      busy = result.moving || busy;
      if (result.machine) advanced.push(result.machine);
    }
    const live = advanced.filter(m => !this.#isDeleting(m));
    const current = live.filter(
      m => m.metadata.labels?.[TEMPLATE_HASH_LABEL] === hash,
    );
    const old = live.filter(
      m => m.metadata.labels?.[TEMPLATE_HASH_LABEL] !== hash,
    );
    const running = (list: KubeObject[]) =>
      list.filter(m => m.status?.phase === 'Running');
    const create = () => {
      this.#createMachine(cluster, machineSet!, provider, {
        controlPlane: false,
        version,
        deploymentName: md.metadata.name,
        machineSetName,
        templateHash: hash,
      });
      busy = true;
    };

    if (old.length === 0) {
      for (let i = current.length; i < replicas; i++) create();
      // Scale down: machines that are not running yet go first, then the newest.
      const surplus = [...current]
        .sort(
          (a, b) =>
            Number(a.status?.phase === 'Running') -
            Number(b.status?.phase === 'Running'),
        )
        .slice(0, Math.max(0, current.length - replicas));
      surplus.forEach(m => this.#deleteMachine(m));
      if (surplus.length) busy = true;
    } else {
      // RollingUpdate with maxSurge 1, maxUnavailable 0.
      busy = true;
      if (current.length < replicas && live.length < replicas + 1) create();
      const available = running(current).length + running(old).length;
      // maxUnavailable 0: an old machine goes only once a new one runs in its place.
      if (available > replicas) {
        const victim = old.find(m => m.status?.phase !== 'Running') ?? old[0];
        this.#deleteMachine(victim);
      } else if (
        old.some(m => m.status?.phase !== 'Running') &&
        live.length > replicas
      ) {
        this.#deleteMachine(old.find(m => m.status?.phase !== 'Running')!);
      }
    }

    // MachineSets mirror the machines they own; old ones go once empty.
    const all = this.#machinesOf(namespace, clusterName, ofDeployment).filter(
      m => !this.#isDeleting(m),
    );
    for (const entry of this.#store.entriesByLabel(
      RESOURCES.machineSets,
      namespace,
      clusterName,
    )) {
      const ms: KubeObject = JSON.parse(entry.json);
      if (ms.metadata.labels?.[CAPI_LABELS.deploymentName] !== md.metadata.name)
        continue;
      const msHash = ms.metadata.labels?.[TEMPLATE_HASH_LABEL];
      const owned = all.filter(
        m => m.metadata.labels?.[MACHINE_SET_LABEL] === ms.metadata.name,
      );
      if (
        msHash !== hash &&
        owned.length === 0 &&
        !this.#machinesOf(
          namespace,
          clusterName,
          m => m.metadata.labels?.[MACHINE_SET_LABEL] === ms.metadata.name,
        ).length
      ) {
        this.#store.delete(RESOURCES.machineSets, namespace, ms.metadata.name);
        continue;
      }
      const msReplicas = msHash === hash ? replicas : owned.length;
      const withReplicas = {
        ...ms,
        spec: { ...(ms.spec as Spec), replicas: msReplicas },
      };
      const status = workerSetStatus(
        withReplicas,
        owned,
        new Date(),
        () => msHash === hash,
      );
      this.#write(RESOURCES.machineSets, ms, { ...withReplicas, status });
    }

    const status = workerSetStatus(
      md,
      all,
      new Date(),
      m => m.metadata.labels?.[TEMPLATE_HASH_LABEL] === hash,
    );
    const written = this.#writeStatus(RESOURCES.machineDeployments, md, status);
    if (
      all.length !== replicas ||
      all.some(
        m =>
          m.status?.phase !== 'Running' ||
          m.metadata.labels?.[TEMPLATE_HASH_LABEL] !== hash,
      )
    )
      busy = true;
    return { deployment: written, busy };
  }
}
