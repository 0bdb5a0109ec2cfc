import {
  clusterEntityName,
  gitopsClusterPath,
  parseClusterRef,
  parseClusterRefList,
  stringifyClusterRef,
} from './clusterRef';

describe('cluster refs', () => {
  it('round-trips a ref', () => {
    const ref = parseClusterRef('onprem-fra/team-a/payments-prod');
    expect(ref).toEqual({
      managementCluster: 'onprem-fra',
      namespace: 'team-a',
      name: 'payments-prod',
    });
    expect(stringifyClusterRef(ref)).toBe('onprem-fra/team-a/payments-prod');
    expect(gitopsClusterPath(ref)).toBe(
      'clusters/onprem-fra/team-a/payments-prod',
    );
  });

  it('rejects refs of the wrong shape with the input in the message', () => {
    expect(() => parseClusterRef('a/b')).toThrow('Invalid cluster ref "a/b"');
    expect(() => parseClusterRef('a//c')).toThrow(/Invalid cluster ref/);
  });

  it('parses annotation lists separated by commas, spaces and newlines', () => {
    expect(parseClusterRefList('a/b/c, d/e/f\n g/h/i')).toHaveLength(3);
  });

  it('keeps entity names within 63 characters, stable and distinct', () => {
    const short = { managementCluster: 'aws-eu', namespace: 'ns', name: 'c1' };
    expect(clusterEntityName(short)).toBe('aws-eu.ns.c1');
    const long = {
      managementCluster: 'onprem-frankfurt-production',
      namespace: 'team-payments-and-checkout',
      name: 'payments-processing-cluster-1',
    };
    const other = { ...long, name: 'payments-processing-cluster-2' };
    expect(clusterEntityName(long).length).toBeLessThanOrEqual(63);
    expect(clusterEntityName(long)).toBe(clusterEntityName({ ...long }));
    expect(clusterEntityName(long)).not.toBe(clusterEntityName(other));
    expect(clusterEntityName(long)).toMatch(
      /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/,
    );
  });
});
