import type { ChangeRequest } from '@capstan/plugin-capi-common';
import { availableCluster } from '../../__fixtures__/fleet';
import { changeActivityOf } from '../ChangeRequests/useEntityChangeRequests';
import { attentionOf, byAttention } from './clusterAttention';

function withStage(stage: ChangeRequest['stage']): ChangeRequest {
  return {
    id: 'c'.repeat(32),
    clusterId: availableCluster.id,
    managementCluster: availableCluster.managementCluster,
    namespace: availableCluster.namespace,
    name: availableCluster.name,
    kind: 'update-pool',
    mode: 'commit',
    desired: { present: true },
    requestedAt: '2026-11-30T12:00:00Z',
    stage,
    stageSince: '2026-11-30T12:00:00Z',
    stages: { requested: '2026-11-30T12:00:00Z' },
  } as ChangeRequest;
}

describe('attentionOf', () => {
  it('counts a settled cluster as a change in progress from the moment its change request is recorded until it ends', () => {
    expect(attentionOf(availableCluster)).toBeUndefined();
    for (const stage of [
      'requested',
      'pr-open',
      'merged',
      'in-git',
      'applied',
      'rolling-out',
    ] as const) {
      expect(
        attentionOf(
          availableCluster,
          changeActivityOf([withStage('done'), withStage(stage)]),
        ),
      ).toBe('in-progress');
    }
    for (const stage of ['done', 'failed', 'closed'] as const) {
      expect(
        attentionOf(availableCluster, changeActivityOf([withStage(stage)])),
      ).toBe('recent-change');
    }
  });

  it('lists a cluster with a requested change before settled clusters whose names come first', () => {
    const other = { ...availableCluster, id: 'mc/ns/a', name: 'a' };
    const asked = { ...availableCluster, id: 'mc/ns/z', name: 'z' };
    expect(
      byAttention([other, asked], c =>
        c.id === asked.id
          ? changeActivityOf([withStage('requested')])
          : undefined,
      ).map(c => c.name),
    ).toEqual(['z', 'a']);
  });
});
