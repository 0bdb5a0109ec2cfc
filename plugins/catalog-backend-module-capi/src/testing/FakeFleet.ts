import {
  ClusterSummary,
  FleetResponse,
  ManagementClusterHealth,
} from '@capstan/plugin-capi-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { makeManagementClusterHealth } from './makeClusterSummary';

/**
 * The capi backend's REST contract over an in-memory list, for tests:
 * `GET /fleet?offset=&limit=[&view=summaries]` and `GET /clusters/:mc/:ns/:name`.
 */
export class FakeFleet {
  readonly clusters = new Map<string, ClusterSummary>();
  managementClusters: ManagementClusterHealth[] = [];
  /** Requests seen: method, path with query, authorization header. */
  readonly requests: Array<{ path: string; authorization?: string }> = [];
  /** When set, every request answers with this status. */
  failWith?: number;
  /** Called after a fleet page is served, to change the fleet mid-read. */
  afterPage?: (offset: number) => void;
  /**
   * Management clusters the answering instance has not synced yet: an
   * unknown cluster there answers 503, as the capi backend does.
   */
  readonly notSynced = new Set<string>();
  /** Health per page, e.g. pages answered by different replicas. */
  pageHealth?: (offset: number) => ManagementClusterHealth[];

  set(...clusters: ClusterSummary[]) {
    for (const cluster of clusters) {
      this.clusters.set(cluster.id, cluster);
      if (
        !this.managementClusters.some(m => m.name === cluster.managementCluster)
      ) {
        this.managementClusters.push(
          makeManagementClusterHealth(cluster.managementCluster),
        );
      }
    }
  }

  /** Answers a request path (relative to the plugin base URL). */
  handle(
    path: string,
    authorization?: string,
  ): { status: number; body: unknown } {
    this.requests.push({ path, authorization });
    if (this.failWith) {
      return { status: this.failWith, body: { error: { message: 'boom' } } };
    }
    const url = new URL(path, 'http://fake');
    if (url.pathname === '/fleet') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const all = [...this.clusters.values()].sort((a, b) =>
        a.id.localeCompare(b.id),
      );
      const summaries = url.searchParams.get('view') === 'summaries';
      const body: Partial<FleetResponse<unknown>> = {
        total: all.length,
        offset,
        limit,
        // Without view=summaries the backend answers the fleet table's rows.
        items: all.slice(offset, offset + limit).map(({ machines, ...rest }) =>
          summaries
            ? { ...rest, machineCount: machines.length }
            : {
                id: rest.id,
                managementCluster: rest.managementCluster,
                namespace: rest.namespace,
                name: rest.name,
                status: rest.status,
                machineCount: machines.length,
              },
        ),
        managementClusters:
          this.pageHealth?.(offset) ?? this.managementClusters,
      };
      this.afterPage?.(offset);
      return { status: 200, body };
    }
    const match = url.pathname.match(/^\/clusters\/([^/]+)\/([^/]+)\/([^/]+)$/);
    if (match) {
      const id = match.slice(1).map(decodeURIComponent).join('/');
      const cluster = this.clusters.get(id);
      if (cluster) return { status: 200, body: cluster };
      if (this.notSynced.has(match[1])) {
        return {
          status: 503,
          body: {
            error: {
              name: 'ServiceUnavailableError',
              message: `Management cluster ${match[1]} is not synced yet`,
            },
            response: { statusCode: 503 },
          },
        };
      }
      return { status: 404, body: { error: { name: 'NotFoundError' } } };
    }
    return { status: 404, body: {} };
  }

  /** Serves {@link FakeFleet.handle} on 127.0.0.1 under `/api/capi`. */
  async listen(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
    const server = http.createServer((req, res) => {
      const prefix = '/api/capi';
      const path = (req.url ?? '').startsWith(prefix)
        ? req.url!.slice(prefix.length)
        : '/not-capi';
      const { status, body } = this.handle(path, req.headers.authorization);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}/api/capi`,
      close: () =>
        new Promise<void>((resolve, reject) =>
          server.close(err => (err ? reject(err) : resolve())),
        ),
    };
  }
}
