import { isError } from '@backstage/errors';
import {
  gitopsClusterPath,
  type ClusterRef,
} from '@capstan/plugin-capi-common';
import { z } from 'zod';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { GitopsPublisher } from '../git/GitopsPublisher';
import type { LiveClusterLookup } from '../live/LiveClusterLookup';
import { assertClusterIsNew } from '../validation/assertClusterIsNew';
import {
  clusterRequestProblems,
  type FieldProblem,
} from '../validation/clusterRequestProblems';

const text = z.string().max(1000);
const count = z.number().int().min(-1_000_000).max(1_000_000);

/**
 * The new-cluster form as the browser sends it for checking: every field
 * optional (the form is checked step by step), each bounded in size.
 */
export const newClusterFormSchema = z.object({
  name: text.optional(),
  profile: text.optional(),
  owner: text.optional(),
  entityRef: text.optional(),
  kubernetesVersion: text.optional(),
  controlPlaneReplicas: count.optional(),
  nodePools: z
    .array(
      z.object({
        name: text.optional(),
        size: text.optional(),
        replicas: count.optional(),
        autoscaling: z
          .object({ min: count.optional(), max: count.optional() })
          .optional(),
        labels: z.record(text).optional(),
      }),
    )
    .max(100)
    .optional(),
  podCidrs: z.array(text).max(10).optional(),
  serviceCidrs: z.array(text).max(10).optional(),
  addons: z.array(text).max(50).optional(),
});

export type NewClusterForm = z.infer<typeof newClusterFormSchema>;

/**
 * Every problem of a new-cluster form, on its field: the render action's own
 * rules (`clusterRequestProblems`) plus its check that the name is free in
 * the management cluster, in Git and live (`assertClusterIsNew`). Nothing is
 * written; the action checks all of it again when the task runs.
 */
export async function validateNewClusterForm(
  form: NewClusterForm,
  deps: {
    profiles: ClusterProfile[];
    gitops?: GitopsPublisher;
    liveClusters: LiveClusterLookup;
    signal?: AbortSignal;
  },
): Promise<FieldProblem[]> {
  const check = await clusterRequestProblems(
    {
      name: form.name ?? '',
      profile: form.profile ?? '',
      owner: form.owner ?? '',
      entityRef: form.entityRef || undefined,
      kubernetesVersion: form.kubernetesVersion || undefined,
      controlPlaneReplicas: form.controlPlaneReplicas,
      nodePools: (form.nodePools ?? []).map(pool => ({
        ...pool,
        name: pool.name ?? '',
        size: pool.size ?? '',
      })),
      podCidrs: form.podCidrs?.filter(c => c !== ''),
      serviceCidrs: form.serviceCidrs?.filter(c => c !== ''),
      addons: form.addons,
    },
    deps.profiles,
  );
  const problems = [...check.problems];
  const nameIsValid = !problems.some(p => p.field === 'name');
  if (check.profile && form.name && nameIsValid) {
    try {
      const ref: ClusterRef = {
        managementCluster: check.profile.managementCluster,
        namespace: check.profile.namespace,
        name: form.name,
      };
      await assertClusterIsNew({
        ref,
        path: gitopsClusterPath(ref),
        files: {},
        classic: check.profile.mode === 'classic',
        renderedBefore: false,
        gitops: deps.gitops,
        liveClusters: deps.liveClusters,
        signal: deps.signal,
      });
    } catch (error) {
      if (!isError(error) || error.name !== 'ConflictError') throw error;
      problems.push({ field: 'name', message: error.message });
    }
  }
  return problems;
}
