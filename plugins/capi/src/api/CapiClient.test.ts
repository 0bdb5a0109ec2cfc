import { setupServer } from 'msw/node';
import { rest } from 'msw';
import { ResponseError } from '@backstage/errors';
import { CapiClient, describeCapiError } from './CapiClient';
import {
  entityClustersResponse,
  availableCluster,
} from '../__fixtures__/fleet';

const server = setupServer();
const baseUrl = 'http://127.0.0.1:7007/api/capi';

describe('CapiClient', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const client = new CapiClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it("asks for an entity's clusters by entity ref", async () => {
    let seen: string | null = null;
    server.use(
      rest.get(`${baseUrl}/clusters`, (req, res, ctx) => {
        seen = req.url.searchParams.get('entityRef');
        return res(
          ctx.json(
            entityClustersResponse('component:default/payments-api', [
              availableCluster,
            ]),
          ),
        );
      }),
    );
    const response = await client.getEntityClusters(
      'component:default/payments-api',
    );
    expect(seen).toBe('component:default/payments-api');
    expect(response.items[0].name).toBe('payments-prod');
  });

  it('sends list filters as repeated query parameters and skips empty ones', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      rest.get(`${baseUrl}/fleet`, (req, res, ctx) => {
        query = req.url.searchParams;
        return res(ctx.json({ items: [] }));
      }),
    );
    await client.getFleet({
      owner: ['group:default/a', 'group:default/b'],
      status: ['Degraded'],
      search: '',
      limit: 500,
    });
    expect(query?.getAll('owner')).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(query?.getAll('status')).toEqual(['Degraded']);
    expect(query?.get('limit')).toBe('500');
    expect(query?.has('search')).toBe(false);
    // The fleet page asks for rows (the default view).
    expect(query?.has('view')).toBe(false);
  });

  it('asks for the fleet as list items with view=summaries', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      rest.get(`${baseUrl}/fleet`, (req, res, ctx) => {
        query = req.url.searchParams;
        return res(ctx.json({ items: [] }));
      }),
    );
    await client.getFleetSummaries({ limit: 500 });
    expect(query?.get('view')).toBe('summaries');
    expect(query?.get('limit')).toBe('500');
  });

  it('encodes the cluster ref into the path', async () => {
    server.use(
      rest.get(
        `${baseUrl}/clusters/onprem-fra/team-payments/payments-prod`,
        (_req, res, ctx) => res(ctx.json(availableCluster)),
      ),
    );
    const cluster = await client.getCluster({
      managementCluster: 'onprem-fra',
      namespace: 'team-payments',
      name: 'payments-prod',
    });
    expect(cluster.id).toBe('onprem-fra/team-payments/payments-prod');
  });

  it("throws a ResponseError carrying the status and the backend's message", async () => {
    server.use(
      rest.get(`${baseUrl}/fleet`, (_req, res, ctx) =>
        res(
          ctx.status(403),
          ctx.json({
            error: {
              name: 'NotAllowedError',
              message: 'capi.fleet.read is not allowed',
            },
            request: { method: 'GET', url: '/fleet' },
            response: { statusCode: 403 },
          }),
        ),
      ),
    );
    const error = await client.getFleet().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(describeCapiError(error)).toBe(
      'capi.fleet.read is not allowed (403)',
    );
  });

  it('says the backend could not be reached when no answer came, not "Failed to fetch"', async () => {
    server.use(
      rest.get(`${baseUrl}/fleet`, (_req, res) =>
        res.networkError('connection refused'),
      ),
    );
    const error = await client.getFleet().catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(describeCapiError(error)).toBe(
      "Capstan's backend could not be reached",
    );
  });
});
