import { useApi } from '@backstage/core-plugin-api';
import {
  CAPI_SIGNAL_CHANNELS,
  type DriftState,
} from '@capstan/plugin-capi-common';
import { capiApiRef } from '../api';
import { useLiveLoad } from './useLiveLoad';

/**
 * The fleet's drift report (`GET /fleet/drift`): counts by state and the
 * clusters in the given states, reloaded on every fleet signal.
 */
export function useFleetDrift(states: DriftState[], limit = 100) {
  const api = useApi(capiApiRef);
  const key = states.join(',');
  return useLiveLoad(
    CAPI_SIGNAL_CHANNELS.fleet,
    () => api.getFleetDrift({ state: states, limit }),
    [api, key, limit],
  );
}
