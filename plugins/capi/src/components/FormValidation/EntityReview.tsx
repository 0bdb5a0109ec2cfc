import { useEffect } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { siblingValue } from '../ClusterProfilePicker/profiles';

/** `ui:options` of `CapiEntityReview`. */
export interface EntityReviewUiOptions {
  /** Form field holding the entity ref to name (default `owner`). */
  refField?: string;
}

/** The ref's name, or the ref itself when it is not one. */
function nameOf(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/**
 * How Review names an entity: its title as the catalog's entity
 * presentation reads it (what Backstage's own pickers show: the title or
 * display name, else the name), with the name beside a title that differs.
 */
export function entityReviewText(ref: string, primaryTitle: string): string {
  const name = nameOf(ref);
  const title = primaryTitle.trim();
  return !title || title === name || title === ref
    ? name
    : `${title} (${name})`;
}

function Presented(props: {
  entityRef: string;
  value?: string;
  onChange: (value: string | undefined) => void;
}) {
  const { entityRef, value, onChange } = props;
  const { primaryTitle } = useEntityPresentation(entityRef);
  const text = entityReviewText(entityRef, primaryTitle);
  useEffect(() => {
    if (text !== value) onChange(text);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return null;
}

/**
 * `CapiEntityReview`: shows nothing on the form; its value is the entity in
 * another field by its title ("Team Payments (team-payments)"), so Review
 * reads that instead of `group:default/team-payments` (the ref field itself
 * is hidden from Review with `ui:backstage.review.show: false`).
 */
export function EntityReview(
  props: FieldExtensionComponentProps<string, EntityReviewUiOptions>,
) {
  const { formData, onChange, formContext, uiSchema } = props;
  const field = uiSchema?.['ui:options']?.refField ?? 'owner';
  const ref = siblingValue(formContext, field);
  const entityRef = typeof ref === 'string' && ref ? ref : undefined;
  useEffect(() => {
    if (!entityRef && formData !== undefined) onChange(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entityRef]);
  return entityRef ? (
    <Presented entityRef={entityRef} value={formData} onChange={onChange} />
  ) : null;
}
