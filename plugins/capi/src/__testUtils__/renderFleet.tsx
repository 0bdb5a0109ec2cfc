import { useLocation } from 'react-router-dom';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  clusterEntityName,
  parseClusterRef,
  type PatchCampaign,
} from '@capstan/plugin-capi-common';
import { capiApiRef } from '../api';
import { CapiFleetContent } from '../components/CapiFleetPage/CapiFleetPage';
import { FakeSignalApi, fakeCapiApi } from '../__fixtures__/testApis';

export function ShowLocation() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

/** The campaign routes of the capi backend, in memory. */
export function fakeCampaignBackend(campaigns: PatchCampaign[]) {
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
      if (method === 'POST' && path === '/campaigns') {
        const created = {
          id: `c${campaigns.length + 1}`,
          createdBy: 'user:default/pat',
          ...body,
        };
        campaigns.unshift(created);
        return json(created, 201);
      }
      const close = path.match(/^\/campaigns\/([^/]+)\/close$/);
      const found = close && campaigns.find(c => c.id === close[1]);
      if (method === 'POST' && found) {
        found.closedAt = new Date().toISOString();
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

export async function renderFleet(
  url = '/capi',
  api = fakeCapiApi(),
  signals = new FakeSignalApi(),
  campaigns = fakeCampaignBackend([openCampaign()]),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, signals],
        [fetchApiRef, campaigns.fetchApi],
        [discoveryApiRef, campaigns.discoveryApi],
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

export const entityPath = (clusterId: string) =>
  `/catalog/default/resource/${clusterEntityName(parseClusterRef(clusterId))}`;
