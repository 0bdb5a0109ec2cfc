import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { machineSizeInWords } from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';
import { resolveProfile } from '../NodePoolsEditor/NodePoolsEditor';
import { useReviewValue } from './useReviewValue';

/** `ui:options` of `CapiMachineSizeReview`. */
export interface MachineSizeReviewUiOptions {
  /** Where the size name is in the form, dot-separated (default `pool.size`). */
  sizeField?: string;
  /** Form field holding the cluster ref whose profile names the size (default `cluster`). */
  clusterField?: string;
}

/** The value at a dot-separated path of the form. */
function valueAt(form: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined,
      form,
    );
}

/**
 * `CapiMachineSizeReview`: shows nothing on the form; its value is the
 * picked machine size in words ("Medium (4 vCPU, 16 GiB)"), so Review reads
 * that instead of the size's name (hide the size field's own row with
 * `ui:backstage.review.show: false`).
 */
export function MachineSizeReview(
  props: FieldExtensionComponentProps<string, MachineSizeReviewUiOptions>,
) {
  const { formData, onChange, formContext, uiSchema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const api = useApi(capiApiRef);
  const form = (formContext as { formData?: unknown } | undefined)?.formData;
  const clusterField = options.clusterField ?? 'cluster';
  const size = valueAt(form, options.sizeField ?? 'pool.size');
  const cluster = valueAt(form, clusterField);
  const profile = useAsync(
    () => resolveProfile(api, { clusterField }, form),
    [api, cluster],
  );
  let text: string | undefined;
  if (typeof size === 'string' && size) {
    text = profile.value
      ? machineSizeInWords(size, profile.value.machineSizes)
      : size;
  }
  useReviewValue(text, formData, onChange);
  return null;
}
