import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/**
 * Input schemas shared by the capi actions, so the cluster reference and
 * node pool fields read the same in every action. Typed as scaffolder-node's
 * input field: the inferred zod types name a nested zod copy that
 * declaration files can't reference. The shared validation checks the
 * values' meaning.
 */
type InputField = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['input']
>[string];

/** `managementCluster/namespace/name`, the `CapiClusterPicker` value. */
export const clusterRefSchema: InputField = z =>
  z.string().describe('The cluster as managementCluster/namespace/name');

/** The name of an existing node pool. */
export const nodePoolNameSchema: InputField = z =>
  z.string().describe('Node pool name');

/** One node pool as a developer describes it (new clusters and nodepool:add). */
export const nodePoolSchema: InputField = z =>
  z.object({
    name: z
      .string()
      .describe(
        'Pool name, a DNS label, unique in the cluster; not "control-plane"',
      ),
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

/** Day-2 actions: start a change although one of the same kind is in flight. */
export const confirmConcurrentChangeSchema: InputField = z =>
  z
    .boolean()
    .optional()
    .describe(
      'Start this change although a change of the same kind on the cluster is still in flight',
    );
