import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import type { ClusterSummary } from '@capstan/plugin-capi-common';
import {
  ActionZod,
  CapiActionServices,
  clusterIdsOfOwner,
  normaliseOwnerRef,
} from './CapiActionServices';

const input = (z: ActionZod) =>
  z.object({
    entityRef: z
      .string()
      .min(1)
      .max(1024)
      .optional()
      .describe(
        'A catalog entity, e.g. component:default/payments-api: the clusters linked to it',
      ),
    owner: z
      .string()
      .min(1)
      .max(600)
      .optional()
      .describe(
        'An owner, e.g. group:default/team-checkout: the clusters it owns',
      ),
  });

const clusterItem = (z: ActionZod) =>
  z.object({
    id: z.string().describe('managementCluster/namespace/name'),
    name: z.string(),
    managementCluster: z.string(),
    owner: z.string().optional(),
    status: z.string(),
    headline: z
      .string()
      .optional()
      .describe('Why it is not healthy, in plain words'),
    kubernetesVersion: z.string().optional(),
    nodePools: z.number(),
    machines: z.number(),
    overdueMachines: z.number(),
    stale: z.boolean(),
  });

const output = (z: ActionZod) =>
  z.object({
    items: z.array(clusterItem(z)),
    staleManagementClusters: z.array(z.string()),
  });

type ClusterItem = ReturnType<typeof clusterItem>['_output'];

function toItem(c: ClusterSummary): ClusterItem {
  const item: ClusterItem = {
    id: c.id,
    name: c.name,
    managementCluster: c.managementCluster,
    status: c.status,
    nodePools: c.nodePools.length,
    machines: c.machines.length,
    overdueMachines: c.patch.overdue,
    stale: c.stale,
  };
  if (c.owner) item.owner = c.owner;
  if (c.explanation) item.headline = c.explanation.title;
  const version = c.actualVersion ?? c.desiredVersion;
  if (version) item.kubernetesVersion = version;
  return item;
}

/**
 * `capi:list-clusters`: the clusters of a catalog entity or of an owner,
 * only those the caller may read (as `GET /api/capi/clusters`).
 */
export function registerListClustersAction(
  registry: ActionsRegistryService,
  services: CapiActionServices,
): void {
  const { access, reader, resolver } = services;
  registry.register({
    name: 'list-clusters',
    title: 'List Kubernetes clusters',
    description:
      'Lists the Kubernetes clusters (Cluster API) linked to a catalog entity or owned by a team, with status, version and patch state. Give exactly one of entityRef or owner. Only clusters the caller may read are listed.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input, output },
    examples: [
      {
        title: 'The clusters of a component',
        input: { entityRef: 'component:default/payments-api' },
      },
      {
        title: 'The clusters of a team',
        input: { owner: 'group:team-checkout' },
      },
    ],
    action: async ({ input: { entityRef, owner }, credentials }) => {
      if ((entityRef === undefined) === (owner === undefined)) {
        throw new InputError('Give exactly one of entityRef or owner');
      }
      let ids: string[];
      if (entityRef !== undefined) {
        // 404 for an entity the caller may not read, as the REST API does.
        const entity = await resolver.getEntity(entityRef, credentials);
        ids = await resolver.resolve(entity, credentials);
      } else {
        ids = clusterIdsOfOwner(reader, normaliseOwnerRef(owner!));
      }
      const readable = await access.readFilter(credentials);
      return {
        output: {
          items: reader.clusters(ids.filter(readable)).map(toItem),
          staleManagementClusters: reader.unsyncedManagementClusters(),
        },
      };
    },
  });
}
