import { ClusterEntityOptions } from '../clusterToEntity';

/** A (truncated) CA certificate, base64-encoded as kubeconfig and the Kubernetes plugin carry it. */
export const CA_DATA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

/** Options with no Kubernetes plugin access configured. */
export const baseOptions: ClusterEntityOptions = {
  defaultOwner: 'group:default/platform',
  kubernetes: { managementClusters: {} },
};

/** Options with a default OIDC access block for every management cluster. */
export const withAccess: ClusterEntityOptions = {
  ...baseOptions,
  kubernetes: {
    default: {
      authProvider: 'oidc',
      oidcTokenProvider: 'okta',
      caData: CA_DATA,
      skipTLSVerify: false,
      skipMetricsLookup: false,
    },
    managementClusters: {},
  },
};
