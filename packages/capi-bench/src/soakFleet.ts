import type { KubeObject, Simulator } from '@capstan/capi-simulator';
import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import type { TruthCluster } from './compare';
import { CLUSTERS, MACHINES, MACHINE_DEPLOYMENTS } from './fleet';
import { seededRandom } from './random';

const MACHINE_SETS = 'machinesets.cluster.x-k8s.io';
const CONTROL_PLANES = 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io';

/** The simulator's objects, in the shape the comparison needs. */
export function truthOf(sim: Simulator): TruthCluster[] {
  const truth: TruthCluster[] = [];
  for (const mc of sim.managementClusters) {
    const machinesByCluster = new Map<string, TruthCluster['machines']>();
    for (const m of mc.store.list(MACHINES)) {
      const key = `${m.metadata.namespace}/${
        m.metadata.labels?.[CAPI_LABELS.clusterName]
      }`;
      const status = m.status as
        | { phase?: string; nodeInfo?: { kernelVersion?: string } }
        | undefined;
      const list = machinesByCluster.get(key) ?? [];
      list.push({
        name: m.metadata.name,
        phase: status?.phase ?? 'Unknown',
        kernelVersion: status?.nodeInfo?.kernelVersion,
      });
      machinesByCluster.set(key, list);
    }
    for (const c of mc.store.list(CLUSTERS)) {
      truth.push({
        id: `${mc.name}/${c.metadata.namespace}/${c.metadata.name}`,
        phase: (c.status as { phase?: string } | undefined)?.phase ?? 'Unknown',
        machines:
          machinesByCluster.get(`${c.metadata.namespace}/${c.metadata.name}`) ??
          [],
      });
    }
  }
  return truth;
}

/**
 * Random changes as controllers make them, straight into the simulator's
 * stores (watch events as from API writes): phases, kernel versions, and
 * whole clusters deleted and re-created.
 */
export class FleetMutator {
  readonly #sim: Simulator;
  readonly #random: () => number;
  readonly #deleted: Array<{
    mc: string;
    objects: Array<[string, KubeObject]>;
    restoreAt: number;
  }> = [];
  counts = { phases: 0, kernels: 0, deletes: 0, restores: 0 };

  constructor(sim: Simulator, seed: number) {
    this.#sim = sim;
    this.#random = seededRandom(seed);
  }

  #pick<T>(items: T[]): T | undefined {
    return items[Math.floor(this.#random() * items.length)];
  }

  step(now: number) {
    const mc = this.#pick(this.#sim.managementClusters)!;
    const roll = this.#random();
    if (roll < 0.35) {
      const c = this.#pick(mc.store.list(CLUSTERS));
      if (c) {
        const phase = this.#pick([
          'Provisioned',
          'Provisioning',
          'Failed',
          'Deleting',
        ])!;
        mc.store.mergePatch(CLUSTERS, c.metadata.namespace, c.metadata.name, {
          status: { phase },
        });
        this.counts.phases++;
      }
    } else if (roll < 0.9) {
      const m = this.#pick(mc.store.list(MACHINES));
      if (m) {
        const kernelVersion = `6.8.0-${Math.floor(
          this.#random() * 1000,
        )}-generic`;
        const phase = this.#pick([
          'Running',
          'Running',
          'Running',
          'Provisioning',
          'Failed',
        ])!;
        mc.store.mergePatch(MACHINES, m.metadata.namespace, m.metadata.name, {
          status: { phase, nodeInfo: { kernelVersion } },
        });
        this.counts.kernels++;
      }
    } else if (roll < 0.95 && this.#deleted.length < 20) {
      const c = this.#pick(mc.store.list(CLUSTERS));
      if (c) this.#deleteCluster(mc.name, c, now);
    }
    this.restoreDue(now);
  }

  #deleteCluster(mcName: string, cluster: KubeObject, now: number) {
    const mc = this.#sim.get(mcName);
    const ns = cluster.metadata.namespace;
    const name = cluster.metadata.name;
    const owned = (resource: string) =>
      mc.store
        .list(resource, ns)
        .filter(o => o.metadata.labels?.[CAPI_LABELS.clusterName] === name);
    const kcpName = (
      cluster.spec?.controlPlaneRef as { name?: string } | undefined
    )?.name;
    const kcp = kcpName ? mc.store.get(CONTROL_PLANES, ns, kcpName) : undefined;
    const objects: Array<[string, KubeObject]> = [
      [CLUSTERS, cluster],
      ...(kcp ? [[CONTROL_PLANES, kcp] as [string, KubeObject]] : []),
      ...owned(MACHINE_DEPLOYMENTS).map(
        o => [MACHINE_DEPLOYMENTS, o] as [string, KubeObject],
      ),
      ...owned(MACHINE_SETS).map(
        o => [MACHINE_SETS, o] as [string, KubeObject],
      ),
      ...owned(MACHINES).map(o => [MACHINES, o] as [string, KubeObject]),
    ];
    for (const [resource, o] of [...objects].reverse()) {
      mc.store.delete(resource, o.metadata.namespace, o.metadata.name);
    }
    this.#deleted.push({
      mc: mcName,
      objects,
      restoreAt: now + 5_000 + this.#random() * 20_000,
    });
    this.counts.deletes++;
  }

  /** Re-creates deleted clusters that are due (all of them with `force`). */
  restoreDue(now: number, force = false) {
    for (let i = this.#deleted.length - 1; i >= 0; i--) {
      const entry = this.#deleted[i];
      if (!force && entry.restoreAt > now) continue;
      this.#deleted.splice(i, 1);
      const mc = this.#sim.get(entry.mc);
      for (const [resource, o] of entry.objects) {
        const { resourceVersion, ...metadata } = o.metadata;
        void resourceVersion;
        mc.store.create(resource, { ...o, metadata });
      }
      this.counts.restores++;
    }
  }
}
