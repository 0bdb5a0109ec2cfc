import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { isError } from '@backstage/errors';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { day2Check, type Day2Check } from './day2Check';
import {
  previewInput,
  PREVIEW_ACTIONS,
  type PreviewInput,
} from './previewInput';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The day-2 check of the form as the user fills it in (debounced): the
 * impact box and each checked input ask with the same request, which
 * `day2Check` fetches once.
 */
export function useDay2Check(
  action: unknown,
  formContext: unknown,
): {
  wanted?: PreviewInput;
  value?: Day2Check;
  loading: boolean;
  /** The answer for what the form holds now is not in yet (asked, or about to be). */
  pending: boolean;
  error?: Error;
} {
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const change = PREVIEW_ACTIONS.find(a => a === action);
  const form =
    (formContext as { formData?: Record<string, unknown> } | undefined)
      ?.formData ?? {};
  const wanted = change ? previewInput(change, form) : undefined;
  const now = JSON.stringify(wanted ?? null);
  const key = useDebounced(now, 400);
  // Each answer carries the request it answers: right after the debounce
  // the request has changed but its fetch has not started (useAsync starts
  // it in an effect), and that render must not read as answered.
  const answer = useAsync(async (): Promise<{
    key: string;
    value?: Day2Check;
    error?: Error;
  }> => {
    const request = JSON.parse(key) as PreviewInput | null;
    if (!request?.ready) return { key };
    try {
      return {
        key,
        value: await day2Check({ discovery, fetchApi }, request.input),
      };
    } catch (error) {
      return { key, error: isError(error) ? error : new Error(String(error)) };
    }
  }, [key, discovery, fetchApi]);
  const loading = answer.loading || answer.value?.key !== key;
  return {
    wanted,
    value: answer.value?.value,
    loading,
    pending: !!wanted?.ready && (loading || key !== now),
    error: answer.value?.error,
  };
}
