import { CLUSTER_ANNOTATIONS, CLUSTER_LABELS } from './annotations';
import {
  clusterOwnershipLabels,
  clusterSystemLabels,
  entityRefFromClusterLabels,
  ownerRefFromCluster,
  systemRefFromCluster,
} from './clusterOwnership';

describe('cluster ownership labels', () => {
  it('round-trips owner and entity through the labels', () => {
    const labels = clusterOwnershipLabels(
      'group:default/team-payments',
      'component:default/payments',
    );
    expect(labels).toEqual({
      [CLUSTER_LABELS.owner]: 'team-payments',
      [CLUSTER_LABELS.entityKind]: 'component',
      [CLUSTER_LABELS.entityNamespace]: 'default',
      [CLUSTER_LABELS.entityName]: 'payments',
    });
    expect(entityRefFromClusterLabels(labels)).toBe(
      'component:default/payments',
    );
    expect(ownerRefFromCluster({ labels, annotations: {} })).toBe(
      'group:default/team-payments',
    );
  });

  it('makes label-unsafe names safe and prefers the owner annotation', () => {
    const labels = clusterOwnershipLabels('group:default/Team A');
    expect(labels[CLUSTER_LABELS.owner]).toMatch(/^Team-A-[0-9a-f]{8}$/);
    expect(entityRefFromClusterLabels(labels)).toBeUndefined();
    expect(
      ownerRefFromCluster({
        labels,
        annotations: { [CLUSTER_ANNOTATIONS.ownerRef]: 'group:default/Team A' },
      }),
    ).toBe('group:default/team a');
    expect(
      ownerRefFromCluster({ labels: {}, annotations: {} }),
    ).toBeUndefined();
  });
});

describe('cluster system labels', () => {
  it('round-trips the system through the labels, and prefers the annotation', () => {
    const labels = clusterSystemLabels('system:default/payments');
    expect(labels).toEqual({
      [CLUSTER_LABELS.systemNamespace]: 'default',
      [CLUSTER_LABELS.systemName]: 'payments',
    });
    expect(systemRefFromCluster({ labels })).toBe('system:default/payments');
    expect(
      systemRefFromCluster({
        labels,
        annotations: {
          [CLUSTER_ANNOTATIONS.systemRef]: 'system:shop/Checkout',
        },
      }),
    ).toBe('system:shop/checkout');
    expect(
      systemRefFromCluster({
        labels: clusterSystemLabels('system:finance/ledger'),
      }),
    ).toBe('system:finance/ledger');
  });

  it('reads no system from a cluster without one', () => {
    expect(systemRefFromCluster({ labels: {} })).toBeUndefined();
    expect(
      systemRefFromCluster({
        labels: { [CLUSTER_LABELS.systemNamespace]: 'default' },
        annotations: {},
      }),
    ).toBeUndefined();
  });
});
