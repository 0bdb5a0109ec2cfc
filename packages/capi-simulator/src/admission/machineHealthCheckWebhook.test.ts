import { KubeObject } from '../types';
import { admit } from './Admission';
import { MHC, reader, refusal } from './__testUtils__/admissionRequests';

describe('admission: MachineHealthCheck', () => {
  const r = reader();
  const mhc = (
    clusterName: string,
    matchLabels: Record<string, string>,
  ): KubeObject => ({
    kind: 'MachineHealthCheck',
    metadata: { name: 'shop-workers', namespace: 'team-a' },
    spec: { clusterName, selector: { matchLabels } },
  });

  it('keeps clusterName immutable and the selector non-empty and on that cluster', () => {
    expect(() =>
      admit(MHC, { object: mhc('shop', { pool: 'a' }), reader: r }),
    ).not.toThrow();
    expect(
      refusal(() =>
        admit(MHC, {
          object: mhc('other', { pool: 'a' }),
          oldObject: mhc('shop', { pool: 'a' }),
          reader: r,
        }),
      ).message,
    ).toContain('spec.clusterName: Forbidden: field is immutable');
    expect(
      refusal(() => admit(MHC, { object: mhc('shop', {}), reader: r })).message,
    ).toContain('spec.selector: Required value: selector must not be empty');
    expect(
      refusal(() =>
        admit(MHC, {
          object: mhc('shop', { 'cluster.x-k8s.io/cluster-name': 'other' }),
          reader: r,
        }),
      ).message,
    ).toContain(
      'cannot specify a cluster selector other than the one specified by ClusterName',
    );
  });
});
