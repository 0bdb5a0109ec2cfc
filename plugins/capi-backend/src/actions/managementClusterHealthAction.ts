import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ActionZod, CapiActionServices } from './CapiActionServices';

const input = (z: ActionZod) => z.object({});

const output = (z: ActionZod) =>
  z.object({
    items: z.array(
      z.object({
        name: z.string(),
        title: z.string(),
        state: z
          .enum(['connecting', 'synced', 'degraded', 'down'])
          .describe('How this backend is connected to it'),
        stale: z.boolean(),
        apiVersion: z.string().optional(),
        lastSyncAt: z.string().optional(),
        lastEventAt: z.string().optional(),
        lastError: z.string().optional(),
        lastErrorAt: z.string().optional(),
        clusterCount: z.number(),
        machineCount: z.number(),
      }),
    ),
  });

/**
 * `capi:management-cluster-health`: the management clusters and how the
 * backend's connection to each is, as `GET /api/capi/management-clusters`
 * (needs `capi.fleet.read`).
 */
export function registerManagementClusterHealthAction(
  registry: ActionsRegistryService,
  services: CapiActionServices,
): void {
  const { access, reader } = services;
  registry.register({
    name: 'management-cluster-health',
    title: 'Management cluster health',
    description:
      'The Cluster API management clusters and their health as Capstan sees them: connected and in sync, degraded or down, stale data, last error, how many clusters and machines each holds. For the platform team (needs capi.fleet.read).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input, output },
    action: async ({ credentials }) => {
      await access.requireFleet(credentials);
      return { output: { items: reader.health() } };
    },
  });
}
