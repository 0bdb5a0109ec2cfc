import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { siblingValue } from '../ClusterProfilePicker/profiles';
import {
  clusterLabel,
  usePickableClusters,
} from '../ClusterPicker/usePickableClusters';
import { useReviewValue } from './useReviewValue';

/** `ui:options` of `CapiClusterReview`. */
export interface ClusterReviewUiOptions {
  /** Form field holding the cluster ref (default `cluster`). */
  clusterField?: string;
}

/** "payments-dev" from `aws-eu/clusters/payments-dev`, when the cluster is not loaded (yet). */
function nameOfRef(ref: string): string {
  return ref.split('/').pop() || ref;
}

/**
 * `CapiClusterReview`: shows nothing on the form; its value is the picked
 * cluster as the picker names it ("payments-dev", with namespace and
 * management cluster when the name is ambiguous), so Review reads that
 * instead of `aws-eu/clusters/payments-dev` (hide the picker's own row with
 * `ui:backstage.review.show: false`).
 */
export function ClusterReview(
  props: FieldExtensionComponentProps<string, ClusterReviewUiOptions>,
) {
  const { formData, onChange, formContext, uiSchema } = props;
  const field = uiSchema?.['ui:options']?.clusterField ?? 'cluster';
  const ref = siblingValue(formContext, field);
  const { all, ambiguous } = usePickableClusters();
  let text: string | undefined;
  if (typeof ref === 'string' && ref) {
    const cluster = all.find(c => c.id === ref);
    text = cluster ? clusterLabel(cluster, ambiguous) : nameOfRef(ref);
  }
  useReviewValue(text, formData, onChange);
  return null;
}
