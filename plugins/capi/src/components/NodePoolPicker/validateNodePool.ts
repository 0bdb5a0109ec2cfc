import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { capiApiRef } from '../../api';
import { loadClusterPools } from '../ChangeCountField/currentPool';
import { addDay2Problems } from '../ChangePreview/validateChangePreview';
import { unknownPoolMessage } from './poolChoice';

/** `ui:options` of `CapiNodePoolPicker`. */
export interface NodePoolPickerUiOptions {
  /** Form field holding the `mc/namespace/name` cluster ref whose pools are offered (default `cluster`). */
  clusterField?: string;
  /** The day-2 change the form makes (e.g. `capi-scale-node-pool`): its dry run's problems of the pool are marked here too. */
  change?: string;
}

/**
 * On Next/Review: a pool the cluster does not have (a deep link to a pool
 * since removed, a cluster changed after) stops the form on this field with
 * one sentence naming the cluster's pools; a known pool gets what the
 * change's dry run refuses about it. A backend that does not answer does not
 * block the form: the action checks the pool again when the task runs.
 */
export const validateNodePool: CustomFieldValidator<
  string,
  NodePoolPickerUiOptions
> = async (value, field, context) => {
  if (!value) return;
  const options = context.uiSchema?.['ui:options'] ?? {};
  const form = context.formData as Record<string, unknown> | undefined;
  const cluster = form?.[options.clusterField ?? 'cluster'];
  if (typeof cluster !== 'string' || !cluster) return;
  const api = context.apiHolder.get(capiApiRef);
  if (api) {
    try {
      const { clusterName, pools } = await loadClusterPools(api, cluster);
      if (!pools.some(p => p.name === value)) {
        field.addError(unknownPoolMessage(clusterName, value, pools));
        return;
      }
    } catch {
      // Not known here; the dry run below and the action check it.
    }
  }
  await addDay2Problems(
    options.change,
    ['pool'],
    field,
    context.apiHolder,
    form,
  );
};
