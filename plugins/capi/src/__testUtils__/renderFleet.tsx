import { useLocation } from 'react-router-dom';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  addCampaignMachineCounts,
  campaignMachineCounts,
  noCampaignMachines,
  type ClusterSummary,
  type PatchCampaign,
  type PatchCampaignProgress,
} from '@capstan/plugin-capi-common';
import { capiApiRef } from '../api';
import { CapiFleetContent } from '../components/CapiFleetPage/CapiFleetPage';
import { FakeSignalApi, fakeCapiApi } from '../__fixtures__/testApis';
import { allClusters } from '../__fixtures__/fleet';

/** What the backend answers for a campaign's progress over these clusters. */
export function campaignProgressOver(
  campaign: PatchCampaign,
  clusters: ClusterSummary[],
): PatchCampaignProgress {
  const since = Date.parse(campaign.startedAt);
  const total = noCampaignMachines();
  const remaining: PatchCampaignProgress['remainingByCluster'] = [];
  for (const c of clusters) {
    const counts = campaignMachineCounts(c.machines, since);
    addCampaignMachineCounts(total, counts);
    if (counts.patched < counts.machines) {
      remaining.push({
        clusterId: c.id,
        cluster: c.name,
        owner: c.owner,
        remaining: counts.machines - counts.patched,
      });
    }
  }
  remaining.sort((a, b) => b.remaining - a.remaining);
  const { machines, patched, unpatchedByState } = total;
  return {
    campaignId: campaign.id,
    clusters: clusters.length,
    machines,
    patched,
    unpatchedByState,
    share: machines === 0 ? 0 : patched / machines,
    deadline: new Date(since + campaign.slaHours * 3_600_000).toISOString(),
    remainingByCluster: remaining.slice(0, 20),
    clustersRemaining: remaining.length,
  };
}

export function ShowLocation() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

/** The campaign routes of the capi backend, in memory. */
export function fakeCampaignBackend(
  campaigns: PatchCampaign[],
  /** The fleet the backend counts progress over (all of it, whatever the page). */
  fleet: () => ClusterSummary[] = () => allClusters,
) {
  const requests: Array<{ method: string; path: string; body?: unknown }> = [];
  const fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input).replace('http://capi.test', '');
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      requests.push({ method, path, body });
      const json = (value: unknown, status = 200) =>
        new Response(JSON.stringify(value), {
          status,
          headers: { 'Content-Type': 'application/json' },
        });
      if (method === 'GET' && path === '/campaigns') {
        return json({ items: campaigns.filter(c => !c.closedAt) });
      }
      if (method === 'GET' && path === '/campaigns/past') {
        return json({
          items: campaigns
            .filter(c => c.closedAt)
            .sort((x, y) => y.closedAt!.localeCompare(x.closedAt!)),
        });
      }
      if (method === 'POST' && path === '/campaigns') {
        const created = {
          id: `c${campaigns.length + 1}`,
          createdBy: 'user:default/pat',
          ...body,
        };
        campaigns.unshift(created);
        return json(created, 201);
      }
      const progress = path.match(/^\/campaigns\/([^/]+)\/progress(\?.*)?$/);
      const counted = progress && campaigns.find(c => c.id === progress[1]);
      if (method === 'GET' && counted) {
        return json(campaignProgressOver(counted, fleet()));
      }
      const close = path.match(/^\/campaigns\/([^/]+)\/close$/);
      const found = close && campaigns.find(c => c.id === close[1]);
      if (method === 'POST' && found) {
        const { clusters, machines, patched } = campaignProgressOver(
          found,
          fleet(),
        );
        found.closedAt = new Date().toISOString();
        found.closedBy = 'user:default/pat';
        found.final = { clusters, machines, patched };
        return json(found);
      }
      return json({ error: { name: 'NotFoundError', message: path } }, 404);
    }),
  };
  const discoveryApi = { getBaseUrl: async () => 'http://capi.test' };
  return { fetchApi, discoveryApi, requests, campaigns };
}

export const openCampaign = (): PatchCampaign => ({
  id: 'c0',
  name: 'OpenSSL security release',
  startedAt: new Date(Date.now() - 24 * 3600_000).toISOString(),
  slaHours: 48,
  createdBy: 'user:default/pat',
});

/** The catalog's `Resource` entities of the fixture clusters, for links that know only a cluster id. */
function clusterEntities(): Entity[] {
  return allClusters.map(c => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: c.entityName!,
      namespace: 'default',
      title: c.name,
      annotations: { 'capstan.dev/cluster-ref': c.id },
    },
    spec: { type: 'kubernetes-cluster', owner: c.owner! },
  }));
}

export async function renderFleet(
  url = '/capi',
  api = fakeCapiApi(),
  signals = new FakeSignalApi(),
  campaigns = fakeCampaignBackend([openCampaign()]),
  /** The permission decisions; every permission allowed unless given. */
  permissions = mockApis.permission(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, signals],
        [fetchApiRef, campaigns.fetchApi],
        [discoveryApiRef, campaigns.discoveryApi],
        [permissionApiRef, permissions],
        [catalogApiRef, catalogApiMock({ entities: clusterEntities() })],
      ]}
    >
      <CapiFleetContent />
      <ShowLocation />
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { api, signals, campaigns };
}

/** The catalog page of a fixture cluster's entity, named as the API names it. */
export const entityPath = (clusterId: string) =>
  `/catalog/default/resource/${
    allClusters.find(c => c.id === clusterId)?.entityName
  }`;
