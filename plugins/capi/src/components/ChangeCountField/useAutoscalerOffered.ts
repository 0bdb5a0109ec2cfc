import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/core-plugin-api';
import { capiApiRef } from '../../api';
import { siblingValue } from '../ClusterProfilePicker/profiles';
import { resolveProfile } from '../NodePoolsEditor/NodePoolsEditor';

/**
 * Whether the profile of the form's cluster runs the cluster autoscaler;
 * undefined while unknown (no cluster yet, loading, not loadable), when the
 * server's check still decides.
 */
export function useAutoscalerOffered(formContext: unknown): {
  offered?: boolean;
  profileTitle?: string;
} {
  // Optional: without the capi API the bounds are offered and checked on the server.
  const api = useApiHolder().get(capiApiRef);
  const cluster = siblingValue(formContext, 'cluster');
  const { value } = useAsync(async () => {
    if (!api || typeof cluster !== 'string' || !cluster) return undefined;
    try {
      return await resolveProfile(
        api,
        { clusterField: 'cluster' },
        { cluster },
      );
    } catch {
      return undefined;
    }
  }, [api, cluster]);
  return value
    ? { offered: value.autoscaler, profileTitle: value.title ?? value.name }
    : {};
}
