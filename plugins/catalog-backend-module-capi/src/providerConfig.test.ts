import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_CAPI_PROVIDER_SCHEDULE,
  readCapiProviderConfig,
} from './providerConfig';

const CA_DATA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

const read = (capi: object | undefined) =>
  readCapiProviderConfig(
    new ConfigReader(capi ? { catalog: { providers: { capi } } } : {}),
  );

describe('readCapiProviderConfig', () => {
  it('has working defaults without any config', () => {
    expect(read(undefined)).toEqual({
      schedule: DEFAULT_CAPI_PROVIDER_SCHEDULE,
      defaultOwner: 'group:default/unassigned',
      system: undefined,
      skipScaffolded: false,
      pageSize: 500,
      managementClusterUrlTemplate: undefined,
      kubernetes: { default: undefined, managementClusters: {} },
    });
  });

  it('reads schedule, owner, system and Kubernetes access with per management cluster overrides', () => {
    const config = read({
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      defaultOwner: 'group:default/platform',
      system: 'system:default/k8s',
      skipScaffolded: true,
      pageSize: 100,
      kubernetes: {
        authProvider: 'oidc',
        oidcTokenProvider: 'okta',
        caData: CA_DATA,
        managementClusters: {
          'mc-aws': { authProvider: 'aws' },
          'mc-lab': { authProvider: 'google', skipTLSVerify: true },
        },
      },
    });
    expect(config.schedule).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 1 },
    });
    expect(config.skipScaffolded).toBe(true);
    expect(config.pageSize).toBe(100);
    expect(config.kubernetes.default).toEqual({
      authProvider: 'oidc',
      oidcTokenProvider: 'okta',
      caData: CA_DATA,
      skipTLSVerify: false,
      skipMetricsLookup: false,
    });
    expect(config.kubernetes.managementClusters).toEqual({
      'mc-aws': {
        authProvider: 'aws',
        oidcTokenProvider: undefined,
        caData: '',
        skipTLSVerify: false,
        skipMetricsLookup: false,
      },
      'mc-lab': {
        authProvider: 'google',
        oidcTokenProvider: undefined,
        caData: '',
        skipTLSVerify: true,
        skipMetricsLookup: false,
      },
    });
  });

  it('rejects serviceAccount, which the catalog cluster locator ignores', () => {
    expect(() =>
      read({ kubernetes: { authProvider: 'serviceAccount' } }),
    ).toThrow(
      /catalog\.providers\.capi\.kubernetes\.authProvider "serviceAccount" is not supported/,
    );
  });

  it('requires an OIDC token provider for oidc', () => {
    expect(() =>
      read({
        kubernetes: {
          authProvider: 'google',
          managementClusters: { x: { authProvider: 'oidc' } },
        },
      }),
    ).toThrow(
      'catalog.providers.capi.kubernetes.managementClusters.x.oidcTokenProvider is required',
    );
  });

  it('requires an auth provider in each management cluster block', () => {
    expect(() =>
      read({
        kubernetes: {
          authProvider: 'google',
          managementClusters: { 'mc-lab': { skipTLSVerify: true } },
        },
      }),
    ).toThrow(
      'catalog.providers.capi.kubernetes.managementClusters.mc-lab.authProvider is required',
    );
  });

  it('rejects CA data that is not a base64 PEM certificate', () => {
    expect(() =>
      read({
        kubernetes: {
          authProvider: 'google',
          caData: '-----BEGIN CERTIFICATE-----\nraw pem\n',
        },
      }),
    ).toThrow(/caData must be a base64-encoded PEM certificate/);
  });

  it.each([
    [{ defaultOwner: 'group:default/Not Valid!' }, /defaultOwner/],
    [{ pageSize: 501 }, /pageSize must be an integer from 1 to 500/],
    [{ pageSize: 0 }, /pageSize/],
    [{ managementClusterUrlTemplate: 'ftp://x/{managementCluster}' }, /http/],
  ])('rejects %j', (capi, message) => {
    expect(() => read(capi)).toThrow(message);
  });
});
