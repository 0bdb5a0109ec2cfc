import type { CustomObjectsApi } from '@kubernetes/client-node';
import type { FleetConnections } from './fleet';

type KubeItem = {
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
  };
  status?: { phase?: string };
};
type KubeList = { items: KubeItem[]; metadata?: { continue?: string } };

/** One client per management cluster, read-only token, verified TLS. */
export async function naiveClients(
  sim: FleetConnections,
): Promise<Map<string, CustomObjectsApi>> {
  const k8s = await import('@kubernetes/client-node');
  const clients = new Map<string, CustomObjectsApi>();
  for (const mc of sim.managementClusters) {
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: mc.name,
          server: mc.url,
          caData: Buffer.from(mc.caData).toString('base64'),
        },
      ],
      users: [{ name: 'bench', token: mc.readOnlyToken }],
      contexts: [{ name: mc.name, cluster: mc.name, user: 'bench' }],
      currentContext: mc.name,
    });
    clients.set(mc.name, kc.makeApiClient(k8s.CustomObjectsApi));
  }
  return clients;
}

async function listAll(
  api: CustomObjectsApi,
  plural: string,
  labelSelector?: string,
) {
  const items: KubeItem[] = [];
  let next: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const list = (await api.listClusterCustomObject({
      group: 'cluster.x-k8s.io',
      version: 'v1beta2',
      plural,
      labelSelector,
      limit: 500,
      _continue: next,
    })) as KubeList;
    items.push(...list.items);
    next = list.metadata?.continue;
    if (!next) break;
  }
  return items;
}

export interface NaiveCluster {
  id: string;
  phase?: string;
  machines: number;
  machinesRunning: number;
}

/**
 * The per-request fan-out a backend without a cache does: ask every
 * management cluster for the entity's Clusters, then for their Machines,
 * and aggregate.
 */
export async function naiveEntityClusters(
  clients: Map<string, CustomObjectsApi>,
  clusterSelector: string,
): Promise<NaiveCluster[]> {
  const perMc = await Promise.all(
    [...clients].map(async ([mcName, api]) => {
      const clusters = await listAll(api, 'clusters', clusterSelector);
      if (clusters.length === 0) return [];
      const names = clusters.map(c => c.metadata.name).join(',');
      const machines = await listAll(
        api,
        'machines',
        `cluster.x-k8s.io/cluster-name in (${names})`,
      );
      return clusters.map(c => {
        const own = machines.filter(
          m =>
            m.metadata.namespace === c.metadata.namespace &&
            m.metadata.labels?.['cluster.x-k8s.io/cluster-name'] ===
              c.metadata.name,
        );
        return {
          id: `${mcName}/${c.metadata.namespace}/${c.metadata.name}`,
          phase: c.status?.phase,
          machines: own.length,
          machinesRunning: own.filter(m => m.status?.phase === 'Running')
            .length,
        };
      });
    }),
  );
  return perMc.flat();
}

/** The whole fleet by fan-out: every Cluster and Machine, counted per phase. */
export async function naiveFleetSummary(
  clients: Map<string, CustomObjectsApi>,
) {
  const byPhase: Record<string, number> = {};
  let clusters = 0;
  let machines = 0;
  await Promise.all(
    [...clients.values()].map(async api => {
      const [cs, ms] = await Promise.all([
        listAll(api, 'clusters'),
        listAll(api, 'machines'),
      ]);
      clusters += cs.length;
      machines += ms.length;
      for (const c of cs) {
        const phase = c.status?.phase ?? 'Unknown';
        byPhase[phase] = (byPhase[phase] ?? 0) + 1;
      }
    }),
  );
  return { clusters, machines, byPhase };
}
