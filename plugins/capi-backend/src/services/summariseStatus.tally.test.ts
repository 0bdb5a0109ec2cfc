import type { TrimmedMachine } from '../normalise/types';
import { VersionTally } from './summariseStatus';

const NOW = Date.parse('2026-12-01T00:20:00Z');

function machine(
  name: string,
  facts: Partial<TrimmedMachine> = {},
): TrimmedMachine {
  return {
    kind: 'Machine',
    name,
    namespace: 'team-a',
    uid: name,
    clusterName: 'c',
    controlPlane: false,
    phase: 'Running',
    createdAt: '2026-12-01T00:17:00Z',
    deleting: false,
    labels: {},
    annotations: {},
    ...facts,
  };
}

describe('VersionTally: machines leaving, coming up and lost, per pool', () => {
  it('counts the real control plane replacement: the new machine available, the old one leaving, none lost', () => {
    const tally = new VersionTally(NOW);
    tally.add(
      machine('cp-new', { controlPlane: true, available: true }),
      'ignored',
    );
    tally.add(
      machine('cp-old', {
        controlPlane: true,
        deleting: true,
        phase: 'Deleting',
        available: false,
      }),
      'ignored',
    );
    expect({
      available: tally.available('control-plane'),
      leaving: tally.leaving('control-plane'),
      starting: tally.starting('control-plane'),
      lost: tally.lost('control-plane'),
    }).toEqual({ available: 1, leaving: 1, starting: 0, lost: 0 });
  });

  it('counts a machine that was available and is not (not deleting, not starting, not updating in place) as lost, in its own pool', () => {
    const tally = new VersionTally(NOW);
    tally.add(machine('a', { available: true }), 'pool-a');
    tally.add(machine('b', { available: false }), 'pool-a');
    tally.add(machine('c', { available: false, starting: true }), 'pool-a');
    tally.add(machine('d', { available: false, updating: true }), 'pool-a');
    tally.add(machine('e', { available: false }), 'pool-b');
    expect([
      tally.lost('pool-a'),
      tally.starting('pool-a'),
      tally.available('pool-a'),
      tally.lost('pool-b'),
    ]).toEqual([1, 1, 1, 1]);
  });

  it('counts a machine not up within the node startup timeout as lost, not starting', () => {
    const tally = new VersionTally(NOW);
    tally.add(
      machine('stuck', {
        starting: true,
        available: false,
        createdAt: '2026-12-01T00:05:00Z',
      }),
      'pool-a',
    );
    expect([tally.starting('pool-a'), tally.lost('pool-a')]).toEqual([0, 1]);
  });
});
