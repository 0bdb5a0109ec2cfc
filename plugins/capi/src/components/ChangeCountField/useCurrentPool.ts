import { useEffect, useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/core-plugin-api';
import type { NodePoolSummary } from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';
import { siblingValue } from '../ClusterProfilePicker/profiles';
import { loadCurrentPool } from './currentPool';

/**
 * The pool the form's `cluster` and `pool` fields name, as it runs now;
 * undefined while either is empty, while loading, or when there is no such
 * pool (the impact box says so).
 */
export function useCurrentPool(formContext: unknown): {
  pool?: NodePoolSummary;
  loading: boolean;
} {
  // Optional: without the capi API the form works, only without start values.
  const api = useApiHolder().get(capiApiRef);
  const cluster = siblingValue(formContext, 'cluster');
  const name = siblingValue(formContext, 'pool');
  const { value, loading } = useAsync(async () => {
    if (!api || typeof cluster !== 'string' || !cluster) return undefined;
    if (typeof name !== 'string' || !name) return undefined;
    try {
      return await loadCurrentPool(api, cluster, name);
    } catch {
      return undefined;
    }
  }, [api, cluster, name]);
  return { pool: value, loading };
}

/** How often a start value is set again after a sibling undid it. */
const MAX_TRIES = 5;

/**
 * Starts a field at the pool's current setting: while the field is empty,
 * or still holds what this set for another pool, and the user has not
 * changed it (a value they chose, also after Back from Review, stays).
 * Sibling fields that start in the same moment can overwrite each other's
 * change (each sends the form it was rendered with), so the value is set
 * again after each render until it holds (a few times at most).
 */
export function useStartValue<T>(
  start: T | undefined,
  formData: T | undefined,
  onChange: (value: T) => void,
): { userChanged: () => void } {
  const touched = useRef(false);
  const filled = useRef<{ value: T; tries: number } | undefined>(undefined);
  // After every render: a sibling's change may have undone this one.
  useEffect(() => {
    if (touched.current || start === undefined || formData === start) return;
    const ours =
      formData === undefined ||
      (filled.current !== undefined && formData === filled.current.value);
    if (!ours) return;
    const tries = filled.current?.value === start ? filled.current.tries : 0;
    if (tries >= MAX_TRIES) return;
    filled.current = { value: start, tries: tries + 1 };
    onChange(start);
  });
  return {
    userChanged: () => {
      touched.current = true;
    },
  };
}
