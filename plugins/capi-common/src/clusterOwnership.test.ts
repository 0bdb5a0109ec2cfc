import { CLUSTER_ANNOTATIONS, CLUSTER_LABELS } from './annotations';
import {
  clusterOwnershipLabels,
  entityRefFromClusterLabels,
  ownerRefFromCluster,
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
