import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { renderClusterFolder } from '../render/renderClusterFolder';
import { validateClusterRequest } from '../validation/validateClusterRequest';
import { examples } from './clusterRender.examples';
import type { ZodImpl } from './zodImpl';
import type { CapiActionOptions } from './types';
import { writeWorkspaceFolder } from './workspaceFolder';

/** Input schema of one node pool (kept beside each action that takes pools). */
function nodePoolSchema(z: ZodImpl) {
  return z.object({
    name: z.string().describe('Pool name, a DNS label, unique in the cluster'),
    size: z.string().describe("Machine size name from the cluster's profile"),
    replicas: z
      .number()
      .optional()
      .describe(
        'Machine count; left to the autoscaler when autoscaling is set',
      ),
    autoscaling: z
      .object({ min: z.number().optional(), max: z.number().optional() })
      .optional()
      .describe('Cluster autoscaler bounds; set both or neither'),
    labels: z
      .record(z.string())
      .optional()
      .describe("Labels of the pool's machines"),
    taints: z
      .array(
        z.object({
          key: z.string(),
          value: z.string().optional(),
          effect: z
            .string()
            .describe('NoSchedule, PreferNoSchedule or NoExecute'),
        }),
      )
      .optional(),
  });
}

/**
 * `capi:cluster:render` turns a developer's choices into Cluster API
 * manifests in `clusters/<mc>/<namespace>/<cluster>/` of the workspace.
 *
 * @public
 */
export function createClusterRenderAction(options: CapiActionOptions) {
  const { profiles, gitops } = options;
  return createTemplateAction({
    id: 'capi:cluster:render',
    description:
      'Renders the Cluster API manifests, kustomization and catalog-info of a new cluster into the workspace, after checking every input against its cluster profile.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        profile: z =>
          z.string().describe('Cluster profile name (capi.profiles)'),
        name: z =>
          z
            .string()
            .describe('Cluster name, a DNS label of at most 63 characters'),
        owner: z =>
          z.string().describe('Owner entity ref, e.g. group:default/team-a'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'Ref of the entity the cluster is for, e.g. component:default/checkout',
            ),
        description: z => z.string().optional(),
        kubernetesVersion: z =>
          z
            .string()
            .optional()
            .describe(
              "One of the profile's versions; default: the profile's default",
            ),
        controlPlaneReplicas: z =>
          z
            .number()
            .optional()
            .describe('1, 3 or 5 control plane machines; default 3'),
        nodePools: z =>
          z.array(nodePoolSchema(z)).describe('Worker node pools'),
        addons: z =>
          z
            .array(z.string())
            .optional()
            .describe('Add-ons to enable, as cluster labels'),
        podCidrs: z =>
          z.array(z.string()).optional().describe('Pod networks (IPv4 CIDRs)'),
        serviceCidrs: z =>
          z
            .array(z.string())
            .optional()
            .describe('Service networks (IPv4 CIDRs)'),
      },
      output: {
        path: z =>
          z
            .string()
            .describe('Cluster folder, relative to workspace and repository'),
        files: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the workspace'),
        clusterRef: z =>
          z.string().describe('managementCluster/namespace/name'),
        entityRef: z =>
          z.string().describe("Ref of the cluster's Resource entity"),
        managementCluster: z => z.string(),
        namespace: z => z.string(),
        kubernetesVersion: z => z.string(),
      },
    },
    async handler(ctx) {
      const request = await validateClusterRequest(ctx.input, profiles, {
        existsInRepository: async path => {
          if (!gitops) {
            ctx.logger.warn(
              'capi.gitops is not configured: cannot check whether the cluster exists already',
            );
            return false;
          }
          return gitops.exists(path);
        },
      });
      const folder = renderClusterFolder(request);
      const files = await writeWorkspaceFolder(
        ctx.workspacePath,
        folder.path,
        folder.files,
      );
      ctx.logger.info(
        `Rendered ${folder.objects.length} objects (${folder.objects
          .map(o => o.kind)
          .join(', ')}) for ${folder.clusterRef} in ${
          request.profile.mode
        } mode`,
      );
      ctx.output('path', folder.path);
      ctx.output('files', files);
      ctx.output('clusterRef', folder.clusterRef);
      ctx.output('entityRef', folder.entityRef);
      ctx.output('managementCluster', request.profile.managementCluster);
      ctx.output('namespace', request.profile.namespace);
      ctx.output('kubernetesVersion', request.kubernetesVersion);
    },
  });
}
