import { ClusterEntityOptions, clusterToEntity } from './clusterToEntity';
import { makeClusterSummary } from './testing/makeClusterSummary';
import { baseOptions, withAccess } from './__testUtils__/entityOptions';

describe('clusterToEntity', () => {
  describe('Kubernetes plugin annotations', () => {
    const k8sKeys = (entity: { metadata: { annotations?: object } }) =>
      Object.keys(entity.metadata.annotations ?? {}).filter(k =>
        k.startsWith('kubernetes.io/'),
      );

    it('are absent when no auth provider is configured', () => {
      const entity = clusterToEntity(
        makeClusterSummary({ controlPlaneEndpoint: 'https://10.0.0.1:6443' }),
        baseOptions,
      );
      expect(k8sKeys(entity)).toEqual([]);
    });

    it('are absent while the cluster has no control plane endpoint', () => {
      const entity = clusterToEntity(
        makeClusterSummary({
          controlPlaneEndpoint: undefined,
          phase: 'Provisioning',
        }),
        withAccess,
      );
      expect(k8sKeys(entity)).toEqual([]);
    });

    it('write an empty CA (system trust store) so the catalog locator still finds the cluster', () => {
      const entity = clusterToEntity(
        makeClusterSummary({ controlPlaneEndpoint: 'https://api.example.com' }),
        {
          ...baseOptions,
          kubernetes: {
            default: {
              authProvider: 'google',
              caData: '',
              skipTLSVerify: true,
              skipMetricsLookup: true,
            },
            managementClusters: {},
          },
        },
      );
      expect(entity.metadata.annotations).toMatchObject({
        'kubernetes.io/api-server': 'https://api.example.com',
        'kubernetes.io/api-server-certificate-authority': '',
        'kubernetes.io/auth-provider': 'google',
        'kubernetes.io/skip-tls-verify': 'true',
        'kubernetes.io/skip-metrics-lookup': 'true',
      });
      expect(
        entity.metadata.annotations!['kubernetes.io/oidc-token-provider'],
      ).toBeUndefined();
    });

    it('add https:// to a CAPI host:port endpoint', () => {
      const entity = clusterToEntity(
        makeClusterSummary({ controlPlaneEndpoint: '10.20.0.15:6443' }),
        withAccess,
      );
      expect(entity.metadata.annotations!['kubernetes.io/api-server']).toBe(
        'https://10.20.0.15:6443',
      );
    });

    it.each([
      ['https://[fd01:0:106:b:0:a:cccc:fe9a]:6443', 'bracketed IPv6'],
      [
        'https://fd01:0:106:b:0:a:cccc:fe9a:6443',
        'unbracketed IPv6 from an older read model',
      ],
      ['[fd01:0:106:b:0:a:cccc:fe9a]:6443', 'CAPI [host]:port'],
    ])(
      'keep the Kubernetes annotations for an IPv6 endpoint %s (%s)',
      (endpoint: string) => {
        const warnings: string[] = [];
        const entity = clusterToEntity(
          makeClusterSummary({ controlPlaneEndpoint: endpoint }),
          { ...withAccess, onWarning: w => warnings.push(w) },
        );
        expect(entity.metadata.annotations!['kubernetes.io/api-server']).toBe(
          'https://[fd01:0:106:b:0:a:cccc:fe9a]:6443',
        );
        expect(k8sKeys(entity)).toEqual(
          expect.arrayContaining([
            'kubernetes.io/api-server',
            'kubernetes.io/api-server-certificate-authority',
            'kubernetes.io/auth-provider',
          ]),
        );
        expect(warnings).toEqual([]);
      },
    );

    it.each([
      ['http://10.20.0.15:6443', 'plain http'],
      ['https://:0', 'CAPI "not known yet" endpoint'],
      ['https://10.20.0.15:0', 'port 0'],
      ['https://user:pw@10.20.0.15:6443', 'credentials in the URL'],
      ['https://exa mple.com', 'not a URL'],
    ])('are left out for %s (%s), with a warning', (endpoint: string) => {
      const warnings: string[] = [];
      const entity = clusterToEntity(
        makeClusterSummary({ controlPlaneEndpoint: endpoint }),
        { ...withAccess, onWarning: w => warnings.push(w) },
      );
      expect(k8sKeys(entity)).toEqual([]);
      expect(warnings).toEqual([
        expect.stringContaining('unusable control plane endpoint'),
      ]);
    });

    it('use the settings of the cluster’s management cluster over the default', () => {
      const options: ClusterEntityOptions = {
        ...withAccess,
        kubernetes: {
          ...withAccess.kubernetes,
          managementClusters: {
            'mc-aws': {
              authProvider: 'aws',
              caData: '',
              skipTLSVerify: false,
              skipMetricsLookup: false,
            },
          },
        },
      };
      const aws = clusterToEntity(
        makeClusterSummary({
          managementCluster: 'mc-aws',
          controlPlaneEndpoint: 'https://abc.eks.amazonaws.com',
        }),
        options,
      );
      const fra = clusterToEntity(
        makeClusterSummary({ controlPlaneEndpoint: 'https://10.0.0.1:6443' }),
        options,
      );
      expect(aws.metadata.annotations!['kubernetes.io/auth-provider']).toBe(
        'aws',
      );
      expect(
        aws.metadata.annotations!['kubernetes.io/oidc-token-provider'],
      ).toBeUndefined();
      expect(fra.metadata.annotations!['kubernetes.io/auth-provider']).toBe(
        'oidc',
      );
    });
  });
});
