import { useEffect } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  findProfile,
  siblingValue,
  useProfiles,
} from '../ClusterProfilePicker/profiles';
import { nodePoolsSentence, type NodePoolSketch } from './nodePoolsSentence';

/** `ui:options` of `CapiNodePoolsReview`. */
export interface NodePoolsReviewUiOptions {
  /** Form field holding the node pools (default `nodePools`). */
  poolsField?: string;
  /** Form field holding the profile name, for the sizes' titles (default `profile`). */
  profileField?: string;
}

/**
 * `CapiNodePoolsReview`: shows nothing on the form; its value is the node
 * pools in words, so the Review step reads "general: 3 machines of size
 * Medium (4 CPU, 16 GiB)" instead of the raw `name:general size:medium`
 * (the pools field itself is hidden from Review with
 * `ui:backstage.review.show: false`).
 */
export function NodePoolsReview(
  props: FieldExtensionComponentProps<string, NodePoolsReviewUiOptions>,
) {
  const { formData, onChange, formContext, uiSchema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const profiles = useProfiles();
  const profile = findProfile(
    profiles.value,
    siblingValue(formContext, options.profileField ?? 'profile'),
  );
  const pools = siblingValue(formContext, options.poolsField ?? 'nodePools') as
    | NodePoolSketch[]
    | undefined;
  const sizeTitles = Object.fromEntries(
    (profile?.machineSizes ?? []).map(s => [s.name, s.title ?? s.name]),
  );
  const sentence = nodePoolsSentence(
    Array.isArray(pools) ? pools : undefined,
    sizeTitles,
  );
  useEffect(() => {
    if (sentence !== formData) onChange(sentence);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sentence]);
  return null;
}
