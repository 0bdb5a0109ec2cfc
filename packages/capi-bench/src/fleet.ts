import type { Entity } from '@backstage/catalog-model';
import {
  startSimulator,
  type KubeObject,
  type SimulatedManagementCluster,
  type Simulator,
} from '@capstan/capi-simulator';
import { CAPI_LABELS } from '@capstan/plugin-capi-common';

export const CLUSTERS = 'clusters.cluster.x-k8s.io';
export const MACHINES = 'machines.cluster.x-k8s.io';
export const MACHINE_DEPLOYMENTS = 'machinedeployments.cluster.x-k8s.io';

/** The label Backstage's Kubernetes plugin matches by default; the capi entity selects on it too. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
export const BENCH_ENTITY_ID = 'bench-app';
/** Never set on any object, so `!key` matches every object: a whole-fleet "entity". */
const NEVER_SET_LABEL = 'bench.capstan.dev/never-set';

/** The entity whose clusters are queried: linked by label in both backends. */
export const benchEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: BENCH_ENTITY_ID,
    namespace: 'default',
    annotations: {
      'capstan.dev/cluster-selector': `${KUBERNETES_ID_LABEL}=${BENCH_ENTITY_ID}`,
      'backstage.io/kubernetes-id': BENCH_ENTITY_ID,
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-bench',
    lifecycle: 'production',
  },
};
export const benchEntityRef = 'component:default/bench-app';

/**
 * For Backstage's Kubernetes backend, "the whole fleet" is an entity whose
 * label selector matches every object.
 */
export const wholeFleetEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'whole-fleet',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-label-selector': `!${NEVER_SET_LABEL}`,
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-bench',
    lifecycle: 'production',
  },
};
export const wholeFleetSelector = `!${NEVER_SET_LABEL}`;

/** How the backends reach the simulated management clusters. */
export interface FleetConnections {
  managementClusters: Array<{
    name: string;
    url: string;
    caData: string;
    readOnlyToken: string;
  }>;
}

export interface FleetOptions {
  managementClusters: number;
  clusters: number;
  seed?: number;
  /** Reconciler and patch simulation off (default) keep the fleet still while measuring. */
  live?: boolean;
  bookmarkIntervalMs?: number;
}

export async function startFleet(options: FleetOptions): Promise<Simulator> {
  return startSimulator({
    managementClusters: options.managementClusters,
    seedClusters: options.clusters,
    seed: options.seed ?? 1,
    reconcile: options.live ?? false,
    patchSimulation: options.live ?? false,
    bookmarkIntervalMs: options.bookmarkIntervalMs,
  });
}

export function machinesOf(
  mc: SimulatedManagementCluster,
  cluster: KubeObject,
): KubeObject[] {
  return mc.store
    .list(MACHINES, cluster.metadata.namespace)
    .filter(
      m =>
        m.metadata.labels?.[CAPI_LABELS.clusterName] === cluster.metadata.name,
    );
}

export interface LabelledCluster {
  managementCluster: string;
  namespace: string;
  name: string;
  machines: number;
}

/**
 * Labels `count` clusters (and their Machines) with the bench entity's
 * kubernetes-id, spread round-robin over the management clusters.
 */
export function labelEntityClusters(
  sim: Simulator,
  count: number,
): LabelledCluster[] {
  const labelled: LabelledCluster[] = [];
  const perMc = sim.managementClusters.map(mc => mc.store.list(CLUSTERS));
  for (
    let i = 0;
    labelled.length < count && i < count * sim.managementClusters.length;
    i++
  ) {
    const mcIndex = i % sim.managementClusters.length;
    const cluster =
      perMc[mcIndex][Math.floor(i / sim.managementClusters.length)];
    if (!cluster) continue;
    const mc = sim.managementClusters[mcIndex];
    const patch = {
      metadata: { labels: { [KUBERNETES_ID_LABEL]: BENCH_ENTITY_ID } },
    };
    mc.store.mergePatch(
      CLUSTERS,
      cluster.metadata.namespace,
      cluster.metadata.name,
      patch,
    );
    const machines = machinesOf(mc, cluster);
    for (const machine of machines) {
      mc.store.mergePatch(
        MACHINES,
        machine.metadata.namespace,
        machine.metadata.name,
        patch,
      );
    }
    labelled.push({
      managementCluster: mc.name,
      namespace: cluster.metadata.namespace!,
      name: cluster.metadata.name,
      machines: machines.length,
    });
  }
  return labelled;
}

export function countObjects(sim: Simulator) {
  let clusters = 0;
  let machines = 0;
  for (const mc of sim.managementClusters) {
    clusters += mc.store.list(CLUSTERS).length;
    machines += mc.store.list(MACHINES).length;
  }
  return { clusters, machines };
}

/** A seeded fleet with the bench entity labelled, in this process or another. */
export interface BenchFleet extends FleetConnections {
  labelled: LabelledCluster[];
  truth: { clusters: number; machines: number };
  startMs: number;
  /** Sets a Cluster's `status.phase` as a controller's status update would. */
  setClusterPhase(cluster: LabelledCluster, phase: string): Promise<void>;
  stop(): Promise<void>;
}

export interface BenchFleetOptions extends FleetOptions {
  entityClusters: number;
}

/** A fleet whose simulator runs in this process, reachable directly. */
export interface InlineBenchFleet extends BenchFleet {
  simulator: Simulator;
}

/** The simulator in this process: the backends share its event loop and heap. */
export async function startInlineFleet(
  options: BenchFleetOptions,
): Promise<InlineBenchFleet> {
  const started = performance.now();
  const sim = await startFleet(options);
  const startMs = performance.now() - started;
  const labelled = labelEntityClusters(sim, options.entityClusters);
  return {
    managementClusters: sim.managementClusters,
    labelled,
    truth: countObjects(sim),
    startMs,
    simulator: sim,
    setClusterPhase: async (c, phase) => {
      sim
        .get(c.managementCluster)
        .store.mergePatch(CLUSTERS, c.namespace, c.name, { status: { phase } });
    },
    stop: () => sim.stop(),
  };
}
