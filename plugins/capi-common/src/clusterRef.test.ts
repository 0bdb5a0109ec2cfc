import {
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
});
