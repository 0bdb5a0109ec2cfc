import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { absentClusterError } from '../services/ClusterAbsence';
import type { ActionZod, CapiActionServices } from './CapiActionServices';
import { describeCluster } from './describeCluster';

const input = (z: ActionZod) =>
  z.object({
    cluster: z
      .string()
      .max(760)
      .regex(/^[^/\s]+\/[^/\s]+\/[^/\s]+$/, {
        message: 'cluster must be managementCluster/namespace/name',
      })
      .describe(
        'The cluster id managementCluster/namespace/name, as list-clusters returns it',
      ),
  });

const output = (z: ActionZod) =>
  z.object({
    cluster: z
      .object({
        id: z.string(),
        status: z.string(),
        healthy: z.boolean(),
        problems: z.array(
          z
            .object({ explanation: z.string(), detail: z.string() })
            .passthrough(),
        ),
      })
      .passthrough(),
  });

/**
 * `capi:describe-cluster`: one cluster, as `GET /api/capi/clusters/:mc/:ns/:name`
 * reads it (not found both for unknown clusters and those the caller may
 * not read), described for an assistant.
 */
export function registerDescribeClusterAction(
  registry: ActionsRegistryService,
  services: CapiActionServices,
): void {
  const { access, reader } = services;
  registry.register({
    name: 'describe-cluster',
    title: 'Describe a Kubernetes cluster',
    description:
      'Describes one Kubernetes cluster (Cluster API): its status and, when it is not healthy, why in plain words with the conditions behind it; node pools; Kubernetes versions and the upgrades that can be asked for now; OS patch state and the machines that need patching.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input, output },
    examples: [
      {
        title: 'A cluster by id',
        input: { cluster: 'mc-onprem-fra/team-checkout/payments-prod' },
      },
    ],
    action: async ({ input: { cluster: id }, credentials }) => {
      const notFound = () =>
        new NotFoundError(`Cluster ${id} not found, or no access to it`);
      if (!reader.index.has(id)) {
        throw absentClusterError(reader.health(), id.split('/')[0], notFound());
      }
      const readable = await access.readFilter(credentials);
      if (!readable(id)) throw notFound();
      const summary = reader.cluster(id);
      if (!summary) throw notFound();
      return { output: { cluster: describeCluster(summary) } };
    },
  });
}
