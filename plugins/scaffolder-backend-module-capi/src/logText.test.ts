import {
  CHANGE_REQUEST_KINDS,
  CHANGE_REQUEST_STAGES,
} from '@capstan/plugin-capi-common';
import {
  changeKindInWords,
  clusterInWords,
  renderedText,
  stageInWords,
} from './logText';

const ref = {
  managementCluster: 'aws-eu',
  namespace: 'clusters',
  name: 'payments-dev',
};

describe('task log text', () => {
  it('names a cluster by its name, then where it lives', () => {
    expect(clusterInWords(ref)).toBe(
      'cluster payments-dev (namespace clusters, management cluster aws-eu)',
    );
  });

  it('says what a ClusterClass render wrote, in one sentence', () => {
    expect(
      renderedText({
        ref,
        path: 'clusters/aws-eu/clusters/payments-dev',
        kinds: ['Cluster'],
        fileCount: 3,
        clusterClass: 'aws-standard',
      }),
    ).toBe(
      'Rendered the definition of cluster payments-dev (namespace clusters, management cluster aws-eu): a Cluster that ClusterClass aws-standard expands into its control plane and node pools, in 3 files under clusters/aws-eu/clusters/payments-dev.',
    );
  });

  it('counts the objects of a classic render', () => {
    expect(
      renderedText({
        ref,
        path: 'clusters/aws-eu/clusters/payments-dev',
        kinds: ['Cluster', 'AWSCluster'],
        fileCount: 1,
      }),
    ).toContain(': 2 objects (Cluster, AWSCluster), in 1 file under ');
  });

  it('has words for every change kind and stage, never the id', () => {
    for (const kind of CHANGE_REQUEST_KINDS) {
      expect(changeKindInWords(kind)).not.toMatch(/-/);
    }
    for (const stage of CHANGE_REQUEST_STAGES) {
      expect(stageInWords(stage)).not.toMatch(/-/);
    }
    expect(changeKindInWords('add-pool')).toBe('new node pool');
    expect(stageInWords('in-git')).toBe('in Git');
  });
});
