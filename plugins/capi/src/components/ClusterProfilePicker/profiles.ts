import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import type { ClusterProfileSummary } from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';

/** All cluster profiles the backend offers. */
export function useProfiles() {
  const api = useApi(capiApiRef);
  return useAsync(async () => (await api.getProfiles()).items, [api]);
}

/**
 * The value of another field of the same form, named by a `ui:options` entry.
 * The scaffolder puts the data of all steps into `formContext.formData`.
 */
export function siblingValue(
  formContext: unknown,
  field: string | undefined,
): unknown {
  if (!field) return undefined;
  const formData = (
    formContext as { formData?: Record<string, unknown> } | undefined
  )?.formData;
  return formData?.[field];
}

export function findProfile(
  profiles: ClusterProfileSummary[] | undefined,
  name: unknown,
): ClusterProfileSummary | undefined {
  return typeof name === 'string'
    ? profiles?.find(p => p.name === name)
    : undefined;
}
