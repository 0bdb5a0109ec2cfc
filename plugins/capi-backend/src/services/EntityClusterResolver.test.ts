import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { normaliseCluster } from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { cluster } from '../__testUtils__/fixtures';
import { EntityClusterResolver } from './EntityClusterResolver';
import { FleetIndex } from './FleetIndex';

function makeResolver() {
  const index = new FleetIndex({
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
  });
  // Two clusters with the same name in different namespaces.
  index.upsert(
    'mc',
    normaliseCluster(
      cluster('payments-perf', { namespace: 'team-payments' }),
      'v1beta2',
    ) as TrimmedObject,
  );
  index.upsert(
    'mc',
    normaliseCluster(
      cluster('payments-perf', { namespace: 'clusters' }),
      'v1beta2',
    ) as TrimmedObject,
  );
  return new EntityClusterResolver({
    catalog: catalogServiceMock(),
    index,
    resolvers: [],
    logger: mockServices.logger.mock(),
  });
}

function clusterEntity(
  ref: string,
  type = 'kubernetes-cluster',
  kind = 'Resource',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: 'capi-mc-clusters-payments-perf',
      annotations: { 'capstan.dev/cluster-ref': ref },
    },
    spec: { type, owner: 'group:default/team-payments' },
  };
}

describe('EntityClusterResolver', () => {
  const credentials = mockCredentials.user();

  it("finds a cluster's own Resource entity's cluster, and only that one of two namesakes", async () => {
    const resolver = makeResolver();
    await expect(
      resolver.resolve(clusterEntity('mc/clusters/payments-perf'), credentials),
    ).resolves.toEqual(['mc/clusters/payments-perf']);
  });

  it('ignores the cluster-ref annotation on entities that are not cluster resources', async () => {
    const resolver = makeResolver();
    await expect(
      resolver.resolve(
        clusterEntity('mc/clusters/payments-perf', 'database'),
        credentials,
      ),
    ).resolves.toEqual([]);
    await expect(
      resolver.resolve(
        clusterEntity(
          'mc/clusters/payments-perf',
          'kubernetes-cluster',
          'Component',
        ),
        credentials,
      ),
    ).resolves.toEqual([]);
  });

  it('ignores a malformed or unknown own reference', async () => {
    const resolver = makeResolver();
    await expect(
      resolver.resolve(clusterEntity('../../etc/passwd'), credentials),
    ).resolves.toEqual([]);
    await expect(
      resolver.resolve(clusterEntity('mc/clusters/gone'), credentials),
    ).resolves.toEqual([]);
  });
});
