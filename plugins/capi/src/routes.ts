import { createRouteRef } from '@backstage/core-plugin-api';

/** The fleet page (`/capi` by default). */
export const rootRouteRef = createRouteRef({ id: 'capi' });
