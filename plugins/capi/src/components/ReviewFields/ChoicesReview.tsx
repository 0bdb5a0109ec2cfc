import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { siblingValue } from '../ClusterProfilePicker/profiles';
import { useReviewValue } from './useReviewValue';

/** `ui:options` of `CapiChoicesReview`. */
export interface ChoicesReviewUiOptions {
  /** Form field holding the chosen values or a list of strings, an array (default `addons`). */
  choicesField?: string;
  /** What Review says when nothing is chosen (default "None"). */
  none?: string;
}

interface Option {
  const?: unknown;
  title?: unknown;
}

/**
 * The titles the other field's schema gives its values: `items.oneOf`
 * entries with `const` and `title`, or `items.enum` with `enumNames`.
 */
export function choiceTitles(schema: unknown): Map<string, string> {
  const items = (schema as { items?: Record<string, unknown> } | undefined)
    ?.items;
  const titles = new Map<string, string>();
  if (Array.isArray(items?.oneOf)) {
    for (const option of items.oneOf as Option[]) {
      if (typeof option.const === 'string' && typeof option.title === 'string')
        titles.set(option.const, option.title);
    }
  }
  if (Array.isArray(items?.enum) && Array.isArray(items?.enumNames)) {
    items.enum.forEach((value, i) => {
      const title = (items.enumNames as unknown[])[i];
      if (typeof value === 'string' && typeof title === 'string')
        titles.set(value, title);
    });
  }
  return titles;
}

/** The chosen values by their titles, "None" when there are none. */
export function choicesText(
  values: unknown,
  titles: Map<string, string>,
  none = 'None',
): string {
  const chosen = Array.isArray(values)
    ? values.filter((v): v is string => typeof v === 'string' && !!v.trim())
    : [];
  if (chosen.length === 0) return none;
  return chosen.map(v => titles.get(v) ?? v).join(', ');
}

/**
 * `CapiChoicesReview`: shows nothing on the form; its value is the choices of
 * another field (checkboxes) by their titles, or "None", so Review never
 * shows an empty row or raw values (hide the field's own row with
 * `ui:backstage.review.show: false`). Titles come from that field's schema in
 * the same step (`items.oneOf` with `const`/`title`).
 */
export function ChoicesReview(
  props: FieldExtensionComponentProps<string, ChoicesReviewUiOptions>,
) {
  const { formData, onChange, formContext, uiSchema, registry } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const field = options.choicesField ?? 'addons';
  const rootSchema = registry?.rootSchema as
    | { properties?: Record<string, unknown> }
    | undefined;
  const text = choicesText(
    siblingValue(formContext, field),
    choiceTitles(rootSchema?.properties?.[field]),
    options.none,
  );
  useReviewValue(text, formData, onChange);
  return null;
}
