import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { gitopsClusterPath } from '@capstan/plugin-capi-common';
import { newClusterCatalogId } from '@capstan/plugin-capi-node';
import { clusterResourceOf } from '../authorization/clusterResource';
import { hashFiles } from '../records/PublishRecordStore';
import { clusterRefOf } from '../render/clusterMetadata';
import { renderClusterFolder } from '../render/renderClusterFolder';
import { assertClusterIsNew } from '../validation/assertClusterIsNew';
import { assertTopologyVariables } from '../validation/assertTopologyVariables';
import { validateClusterRequest } from '../validation/validateClusterRequest';
import { withExposedVariables } from '../validation/exposedVariables';
import { examples } from './clusterRender.examples';
import { nodePoolSchema } from './inputSchemas';
import type { CapiActionOptions } from './types';
import { writeWorkspaceFolder } from '../workspace/workspaceFolder';
import { logLabelPlacements } from '../render/labelPlacement';
import { renderedText } from '../logText';

/**
 * `capi:cluster:render` turns a developer's choices into Cluster API
 * manifests in `clusters/<mc>/<namespace>/<cluster>/` of the workspace.
 *
 * @public
 */
export function createClusterRenderAction(options: CapiActionOptions) {
  const { profiles, gitops, authorizer, records, liveClusters } = options;
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
        system: z =>
          z
            .string()
            .optional()
            .describe(
              "The System of the entity the cluster is for (the template reads it with catalog:fetch); the cluster's catalog Resource belongs to it",
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
        variables: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              'Values of the ClusterClass variables the profile exposes (clusterClass.exposedVariables), by name',
            ),
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
      const request = withExposedVariables(
        await validateClusterRequest(ctx.input, profiles),
        ctx.input.variables,
      );
      const ref = clusterRefOf(request);
      // Chosen once: a re-run of the step (task recovery) renders the same files.
      const catalogId = await ctx.checkpoint({
        key: `capi.cluster.render.catalog-id.${gitopsClusterPath(ref)}`,
        fn: async () => newClusterCatalogId(),
      });
      const folder = renderClusterFolder({ ...request, catalogId });
      const cluster = folder.objects.find(o => o.kind === 'Cluster');
      // Authorised against the cluster as requested (its owner), before Git is read.
      await authorizer.authorize(
        await ctx.getInitiatorCredentials(),
        'create',
        clusterResourceOf(ref, cluster?.metadata ?? {}),
      );
      await assertTopologyVariables({
        catalog: options.clusterClasses,
        profile: request.profile,
        cluster,
        logger: ctx.logger,
        signal: ctx.signal,
      });
      if (!gitops) {
        ctx.logger.warn(
          'The GitOps repository is not configured (capi.gitops), so whether the cluster already exists in Git was not checked.',
        );
      }
      const hashes = hashFiles(folder.files);
      const before = await records.get(ctx.task.id, folder.path);
      await assertClusterIsNew({
        ref,
        renderedBefore:
          !!before &&
          JSON.stringify(Object.entries(before.files).sort()) ===
            JSON.stringify(Object.entries(hashes).sort()),
        path: folder.path,
        files: folder.files,
        classic: request.profile.mode === 'classic',
        gitops,
        liveClusters,
        signal: ctx.signal,
      });
      const files = await writeWorkspaceFolder(
        ctx.workspacePath,
        folder.path,
        folder.files,
      );
      await records.put({
        taskId: ctx.task.id,
        path: folder.path,
        files: hashes,
      });
      ctx.logger.info(
        renderedText({
          ref,
          path: folder.path,
          kinds: folder.objects.map(o => o.kind),
          fileCount: Object.keys(folder.files).length,
          clusterClass:
            request.profile.mode === 'clusterclass'
              ? request.profile.clusterClass?.name
              : undefined,
        }),
      );
      logLabelPlacements(ctx.logger, request.nodePools);
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
