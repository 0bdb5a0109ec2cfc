import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { decommissionChange } from '../assistant/day2Changes';
import { parseClusterInput, runDay2Change } from '../day2/runDay2Change';
import { examples } from './clusterDecommission.examples';
import type { CapiActionOptions } from './types';
import { day2OutputSchema } from './day2Output';
import {
  clusterRefSchema,
  confirmConcurrentChangeSchema,
} from './inputSchemas';

/**
 * `capi:cluster:decommission` removes a cluster's folder from Git, so Argo CD
 * prunes it and CAPI deletes the cluster.
 *
 * @public
 */
export function createClusterDecommissionAction(options: CapiActionOptions) {
  return createTemplateAction({
    id: 'capi:cluster:decommission',
    description:
      "Removes a cluster's folder from the GitOps repository; Argo CD prunes the Cluster and CAPI deletes all its machines. Needs the cluster name typed again as confirmation.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: clusterRefSchema,
        confirmConcurrentChange: confirmConcurrentChangeSchema,
        confirm: z => z.string().describe('The cluster name again, to confirm'),
      },
      output: day2OutputSchema,
    },
    async handler(ctx) {
      const ref = parseClusterInput(ctx.input.cluster);
      if (ctx.input.confirm !== ref.name) {
        throw new InputError(
          `Confirmation "${ctx.input.confirm}" does not match the cluster name "${ref.name}"; nothing was changed`,
        );
      }
      await runDay2Change(ctx, options, {
        permission: 'delete',
        ...decommissionChange(ctx.input),
      });
    },
  });
}
