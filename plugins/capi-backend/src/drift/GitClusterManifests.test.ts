import { mockServices } from '@backstage/backend-test-utils';
import YAML from 'yaml';
import { GitClusterManifests } from './GitClusterManifests';

/** A mirror snapshot of one revision: path → file text. */
function sourceOf(files: Record<string, unknown[]>) {
  const blobs = new Map<string, string>();
  const listing = new Map<string, string>();
  Object.entries(files).forEach(([path, docs], i) => {
    const oid = `oid-${i}`;
    listing.set(path, oid);
    blobs.set(oid, docs.map(d => YAML.stringify(d)).join('---\n'));
  });
  return {
    snapshot: () => ({
      revision: 'r1',
      fetchedAt: new Date(0).toISOString(),
      folders: new Set(
        [...listing.keys()].map(p => p.slice(0, p.lastIndexOf('/'))),
      ),
      files: listing,
    }),
    readBlobs: async (oids: string[]) =>
      new Map(oids.map(oid => [oid, blobs.get(oid) ?? ''])),
  };
}

const cluster = (
  name: string,
  metadata: { labels?: object; annotations?: object },
) => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Cluster',
  metadata: { name, ...metadata },
  spec: { topology: { classRef: { name: 'c' }, version: 'v1.33.2' } },
});

describe('GitClusterManifests: the owner of a folder', () => {
  it('is read like a live Cluster’s owner (capi-common ownerRefFromCluster), not the raw label', async () => {
    const manifests = new GitClusterManifests({
      source: sourceOf({
        'clusters/mc-a/team-a/labelled/cluster.yaml': [
          cluster('labelled', { labels: { 'capstan.dev/owner': 'team-a' } }),
        ],
        'clusters/mc-a/team-a/annotated/cluster.yaml': [
          cluster('annotated', {
            // The label holds a label-safe form; the annotation the full ref.
            labels: { 'capstan.dev/owner': 'Team-A-1a2b3c' },
            annotations: { 'capstan.dev/owner-ref': 'group:platform/Team A' },
          }),
        ],
        'clusters/mc-a/team-a/nobody/cluster.yaml': [cluster('nobody', {})],
        'clusters/mc-a/team-a/broken/cluster.yaml': [
          { kind: 'Cluster', metadata: { name: 'broken', labels: 'x' } },
        ],
      }),
      logger: mockServices.logger.mock(),
    });
    await manifests.update();
    const owner = (name: string) =>
      manifests.folder(`clusters/mc-a/team-a/${name}`)?.owner;
    expect(owner('labelled')).toBe('group:default/team-a');
    expect(owner('annotated')).toBe('group:platform/team a');
    expect(owner('nobody')).toBeUndefined();
    expect(owner('broken')).toBeUndefined();
  });
});
