import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  findProfile,
  siblingValue,
  useProfiles,
} from '../ClusterProfilePicker/profiles';
import { useReviewValue } from './useReviewValue';

/** `ui:options` of `CapiProfileReview`. */
export interface ProfileReviewUiOptions {
  /** Form field holding the profile name (default `profile`). */
  profileField?: string;
}

/**
 * `CapiProfileReview`: shows nothing on the form; its value is the picked
 * cluster profile by its title ("Frankfurt on-prem, development"), as the
 * profile picker shows it, so Review reads that instead of `onprem-fra-dev`
 * (hide the picker's own row with `ui:backstage.review.show: false`).
 */
export function ProfileReview(
  props: FieldExtensionComponentProps<string, ProfileReviewUiOptions>,
) {
  const { formData, onChange, formContext, uiSchema } = props;
  const name = siblingValue(
    formContext,
    uiSchema?.['ui:options']?.profileField ?? 'profile',
  );
  const profiles = useProfiles();
  const profile = findProfile(profiles.value, name);
  let text: string | undefined;
  if (typeof name === 'string' && name) {
    // Until the profiles load (or for one that is gone), the name stands in.
    text = profile?.title || name;
  }
  useReviewValue(text, formData, onChange);
  return null;
}
