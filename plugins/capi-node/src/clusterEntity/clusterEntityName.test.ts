import { CLUSTER_LABELS } from '@capstan/plugin-capi-common';
import { clusterEntityName, newClusterCatalogId } from './clusterEntityName';

const ref = {
  managementCluster: 'onprem-fra',
  namespace: 'team-payments',
  name: 'payments-prod',
};
const catalogId = '0f3a9c51d2e84b7a6c10';
const labelled = { ...ref, labels: { [CLUSTER_LABELS.catalogId]: catalogId } };

describe('clusterEntityName', () => {
  it('reveals nothing of the cluster: no part of its management cluster, namespace or name', () => {
    const name = clusterEntityName(labelled)!;
    expect(name).toMatch(/^cluster-[0-9a-f]{24}$/);
    for (const word of ['onprem', 'fra', 'team', 'payments', 'prod']) {
      expect(name).not.toContain(word);
    }
  });

  it('cannot be guessed from the ref: another catalog id or uid gives another name', () => {
    const names = new Set([
      clusterEntityName(labelled),
      clusterEntityName({
        ...ref,
        labels: { [CLUSTER_LABELS.catalogId]: newClusterCatalogId() },
      }),
      clusterEntityName({
        ...ref,
        uid: '7d9c1b1e-55a4-4b8e-a1a4-2f0b5a9e3c11',
      }),
      clusterEntityName({
        ...ref,
        uid: '0b8e2c44-1d2f-4e55-9a77-3c6d5e1f2a90',
      }),
    ]);
    expect(names.size).toBe(4);
  });

  it('is stable: the same cluster read again (a restart, a resync) gets the same name', () => {
    const again = {
      ...ref,
      uid: 'a-new-uid-after-a-restore',
      labels: { [CLUSTER_LABELS.catalogId]: catalogId, other: 'label' },
    };
    expect(clusterEntityName(again)).toBe(clusterEntityName(labelled));
    // Pinned: a change of the recipe would rename every cluster entity.
    expect(clusterEntityName(labelled)).toBe(
      'cluster-6b12ed8a6b9412206fc56fcd',
    );
  });

  it('gives a copied cluster folder (same catalog id, other name) an entity of its own', () => {
    expect(
      clusterEntityName({ ...labelled, name: 'payments-staging' }),
    ).not.toBe(clusterEntityName(labelled));
  });

  it('falls back to the uid for clusters made outside Capstan, or with a too short id', () => {
    const uid = '7d9c1b1e-55a4-4b8e-a1a4-2f0b5a9e3c11';
    expect(clusterEntityName({ ...ref, uid })).toMatch(
      /^cluster-[0-9a-f]{24}$/,
    );
    expect(
      clusterEntityName({
        ...ref,
        uid,
        labels: { [CLUSTER_LABELS.catalogId]: 'prod' },
      }),
    ).toBe(clusterEntityName({ ...ref, uid }));
    expect(clusterEntityName(ref)).toBeUndefined();
  });

  it('makes catalog ids of 80 random bits', () => {
    const id = newClusterCatalogId();
    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(newClusterCatalogId()).not.toBe(id);
  });
});
