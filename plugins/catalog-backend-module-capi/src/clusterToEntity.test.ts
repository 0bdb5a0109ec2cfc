import {
  FieldFormatEntityPolicy,
  KubernetesValidatorFunctions,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import {
  CLUSTER_LABELS,
  clusterSystemLabels,
} from '@capstan/plugin-capi-common';
import {
  CLUSTER_ENTITY_LABELS,
  clusterEntityRef,
  clusterToEntity,
} from './clusterToEntity';
import { makeClusterSummary } from './testing/makeClusterSummary';
import {
  baseOptions,
  CA_DATA,
  withAccess,
} from './__testUtils__/entityOptions';

async function expectValidEntity(entity: object) {
  // The same checks the catalog applies before accepting an entity.
  await expect(
    new SchemaValidEntityPolicy().enforce(entity as any),
  ).resolves.toBeDefined();
  await expect(
    new FieldFormatEntityPolicy().enforce(entity as any),
  ).resolves.toBeDefined();
  await expect(
    resourceEntityV1alpha1Validator.check(entity as any),
  ).resolves.toBe(true);
}

describe('clusterToEntity', () => {
  const fullCluster = makeClusterSummary({
    managementClusterTitle: 'Frankfurt on-prem',
    owner: 'group:default/team-payments',
    entityRefs: ['component:default/checkout', 'system:default/payments'],
    profile: 'onprem-fra-prod',
    provider: 'vsphere',
    clusterClass: 'vsphere-default',
    controlPlaneEndpoint: 'https://10.20.0.15:6443',
    gitopsUrl:
      'https://git.example.com/platform/gitops/tree/main/clusters/mc-fra/team-payments/checkout-prod',
  });

  it('maps every field of a fully described cluster', async () => {
    const entity = clusterToEntity(fullCluster, {
      ...withAccess,
      system: 'system:default/kubernetes-platform',
      managementClusterUrlTemplate:
        'https://rancher.example.com/c/{managementCluster}',
    });

    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: fullCluster.entityName,
        namespace: 'default',
        title: 'checkout-prod',
        description:
          'Kubernetes cluster checkout-prod in namespace team-payments of management cluster Frankfurt on-prem (provider vsphere, ClusterClass vsphere-default, profile onprem-fra-prod).',
        labels: {
          'capstan.dev/management-cluster': 'mc-fra',
          'capstan.dev/provider': 'vsphere',
          'capstan.dev/profile': 'onprem-fra-prod',
        },
        annotations: {
          'capstan.dev/cluster-ref': 'mc-fra/team-payments/checkout-prod',
          'backstage.io/managed-by-location': `url:${fullCluster.gitopsUrl}`,
          'backstage.io/managed-by-origin-location': `url:${fullCluster.gitopsUrl}`,
          'backstage.io/view-url': fullCluster.gitopsUrl,
          'kubernetes.io/api-server': 'https://10.20.0.15:6443',
          'kubernetes.io/api-server-certificate-authority': CA_DATA,
          'kubernetes.io/auth-provider': 'oidc',
          'kubernetes.io/oidc-token-provider': 'okta',
        },
        links: [
          {
            url: fullCluster.gitopsUrl,
            title:
              'GitOps definition (clusters/mc-fra/team-payments/checkout-prod)',
            icon: 'code',
            type: 'gitops',
          },
          {
            url: 'https://rancher.example.com/c/mc-fra',
            title: 'Management cluster Frankfurt on-prem',
            icon: 'dashboard',
            type: 'management-cluster',
          },
        ],
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/team-payments',
        // Made for the payments System: it belongs to it, not to the default.
        system: 'system:default/payments',
        dependencyOf: ['component:default/checkout', 'system:default/payments'],
      },
    });
    await expectValidEntity(entity);
  });

  it('names the entity as the capi backend does, with nothing of the cluster in it; the name is the title', () => {
    const entity = clusterToEntity(fullCluster, baseOptions);
    expect(entity.metadata.name).toBe(fullCluster.entityName);
    expect(entity.metadata.name).toMatch(/^cluster-[0-9a-f]{24}$/);
    for (const part of ['mc-fra', 'team-payments', 'checkout', 'prod']) {
      expect(entity.metadata.name).not.toContain(part);
    }
    expect(entity.metadata.title).toBe('checkout-prod');
    expect(clusterEntityRef(fullCluster)).toBe(
      `resource:default/${fullCluster.entityName}`,
    );
  });

  it('refuses a cluster the capi backend could not name (no catalog id label, no uid)', () => {
    const unnamed = { ...fullCluster, entityName: undefined };
    expect(() => clusterToEntity(unnamed, baseOptions)).toThrow(
      'Cluster mc-fra/team-payments/checkout-prod has no entity name (neither a capstan.dev/catalog-id label nor a uid)',
    );
    expect(clusterEntityRef(unnamed)).toBeUndefined();
  });

  it('falls back to the default owner when the cluster has none', async () => {
    const entity = clusterToEntity(
      makeClusterSummary({ owner: undefined }),
      baseOptions,
    );
    expect(entity.spec.owner).toBe('group:default/platform');
    await expectValidEntity(entity);
  });

  it('completes a short owner ref to a group in the default namespace', () => {
    const entity = clusterToEntity(
      makeClusterSummary({ owner: 'team-payments' }),
      baseOptions,
    );
    expect(entity.spec.owner).toBe('group:default/team-payments');
  });

  it('replaces an invalid owner with the default and says so', () => {
    const warnings: string[] = [];
    const entity = clusterToEntity(
      makeClusterSummary({ owner: 'group:default/not a name!' }),
      { ...baseOptions, onWarning: w => warnings.push(w) },
    );
    expect(entity.spec.owner).toBe('group:default/platform');
    expect(warnings).toEqual([
      expect.stringContaining('invalid owner "group:default/not a name!"'),
    ]);
  });

  it('drops invalid or kind-less entity refs, dedupes and sorts the rest', () => {
    const warnings: string[] = [];
    const entity = clusterToEntity(
      makeClusterSummary({
        entityRefs: [
          'component:default/zeta',
          'checkout',
          'component:default/alpha',
          'Component:default/zeta',
        ],
      }),
      { ...baseOptions, onWarning: w => warnings.push(w) },
    );
    expect(entity.spec.dependencyOf).toEqual([
      'component:default/alpha',
      'component:default/zeta',
    ]);
    expect(warnings).toEqual([expect.stringContaining('"checkout"')]);
  });

  describe('spec.system', () => {
    const forComponent = {
      entityRefs: ['component:default/payments-api'],
      labels: {
        ...clusterSystemLabels('system:default/payments'),
        'capstan.dev/entity-kind': 'component',
      },
    };

    it('is the system recorded on the Cluster for the component it was made for', async () => {
      const entity = clusterToEntity(
        makeClusterSummary(forComponent),
        baseOptions,
      );
      expect(entity.spec.system).toBe('system:default/payments');
      await expectValidEntity(entity);
      // The recorded system wins over the configured default.
      expect(
        clusterToEntity(makeClusterSummary(forComponent), {
          ...baseOptions,
          system: 'system:default/kubernetes-platform',
        }).spec.system,
      ).toBe('system:default/payments');
    });

    it('is the configured default for a cluster without one', () => {
      expect(
        clusterToEntity(
          makeClusterSummary({
            entityRefs: ['component:default/payments-api'],
            labels: {},
          }),
          { ...baseOptions, system: 'system:default/kubernetes-platform' },
        ).spec.system,
      ).toBe('system:default/kubernetes-platform');
    });

    it('ignores a hostile system label and says so', () => {
      const warnings: string[] = [];
      const entity = clusterToEntity(
        makeClusterSummary({
          entityRefs: [],
          labels: {
            [CLUSTER_LABELS.systemName]: 'payments',
            [CLUSTER_LABELS.systemNamespace]: 'bad namespace!',
          },
        }),
        { ...baseOptions, onWarning: m => warnings.push(m) },
      );
      expect(entity.spec.system).toBeUndefined();
      expect(warnings).toEqual([expect.stringContaining('invalid system')]);
    });
  });

  it('omits dependencyOf, system, labels and links when there is nothing to say', () => {
    const entity = clusterToEntity(
      makeClusterSummary({ entityRefs: [], gitopsUrl: undefined }),
      baseOptions,
    );
    expect(entity.spec).toEqual({
      type: 'kubernetes-cluster',
      owner: 'group:default/platform',
    });
    expect(entity.metadata.links).toBeUndefined();
    expect(entity.metadata.labels).toEqual({
      [CLUSTER_ENTITY_LABELS.managementCluster]: 'mc-fra',
    });
  });

  it('points the location at the capi backend when no GitOps URL is known', () => {
    const entity = clusterToEntity(
      makeClusterSummary({ gitopsUrl: undefined }),
      baseOptions,
    );
    expect(entity.metadata.annotations).toEqual({
      'capstan.dev/cluster-ref': 'mc-fra/team-payments/checkout-prod',
      'backstage.io/managed-by-location':
        'capi:mc-fra/team-payments/checkout-prod',
      'backstage.io/managed-by-origin-location':
        'capi:mc-fra/team-payments/checkout-prod',
    });
  });

  it('gives a cluster with a long ref a valid, stable entity name and keeps the full name as title', async () => {
    const cluster = makeClusterSummary({
      managementCluster: 'management-cluster-frankfurt-onprem-01',
      namespace: 'team-payments-and-settlements',
      name: 'checkout-production-eu-central-blue',
    });
    const entity = clusterToEntity(cluster, baseOptions);
    expect(entity.metadata.name.length).toBeLessThanOrEqual(63);
    expect(
      KubernetesValidatorFunctions.isValidObjectName(entity.metadata.name),
    ).toBe(true);
    expect(entity.metadata.name).toBe(cluster.entityName);
    expect(clusterToEntity(cluster, baseOptions).metadata.name).toBe(
      entity.metadata.name,
    );
    expect(entity.metadata.title).toBe('checkout-production-eu-central-blue');
    expect(entity.metadata.annotations!['capstan.dev/cluster-ref']).toBe(
      'management-cluster-frankfurt-onprem-01/team-payments-and-settlements/checkout-production-eu-central-blue',
    );
    await expectValidEntity(entity);
  });

  it('gives a stale cluster exactly the entity of a fresh one', () => {
    // Staleness and status are live state served by the capi backend; they
    // must not churn catalog entities or remove the cluster.
    const fresh = makeClusterSummary({
      controlPlaneEndpoint: 'https://a:6443',
    });
    const stale = makeClusterSummary({
      controlPlaneEndpoint: 'https://a:6443',
      stale: true,
      staleReason: 'management cluster mc-fra unreachable',
      staleSince: '2026-11-25T10:00:00Z',
      status: 'Unknown',
      phase: 'Provisioned',
      runningVersions: [],
      rollingOut: true,
    });
    expect(clusterToEntity(stale, withAccess)).toEqual(
      clusterToEntity(fresh, withAccess),
    );
  });

  it('leaves out label values the catalog would reject', async () => {
    const entity = clusterToEntity(
      makeClusterSummary({
        provider: 'vsphere/with slash',
        profile: 'x'.repeat(64),
      }),
      baseOptions,
    );
    expect(entity.metadata.labels).toEqual({
      'capstan.dev/management-cluster': 'mc-fra',
    });
    await expectValidEntity(entity);
  });

  it('takes the profile from the scaffolder label when the summary has none', () => {
    const entity = clusterToEntity(
      makeClusterSummary({
        profile: undefined,
        labels: { 'capstan.dev/profile': 'cloud-small' },
      }),
      baseOptions,
    );
    expect(entity.metadata.labels?.['capstan.dev/profile']).toBe('cloud-small');
  });

  it('encodes the management cluster name in its link', () => {
    const entity = clusterToEntity(makeClusterSummary(), {
      ...baseOptions,
      managementClusterUrlTemplate:
        'https://fleet.example.com/mc?name={managementCluster}',
    });
    expect(entity.metadata.links).toEqual([
      expect.objectContaining({
        url: 'https://fleet.example.com/mc?name=mc-fra',
        title: 'Management cluster mc-fra',
      }),
    ]);
  });
});
