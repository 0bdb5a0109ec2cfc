import { ApiBlueprint, coreApis } from '@backstage/frontend-plugin-api';
import { CapiClient, capiApiRef } from '../api';

/** Provides {@link capiApiRef} through the capi backend. */
export const capiApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: capiApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new CapiClient({ discoveryApi, fetchApi }),
    }),
});
