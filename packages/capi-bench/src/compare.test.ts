import type { ClusterSummary } from '@capstan/plugin-capi-common';
import { compareViews, type TruthCluster } from './compare';

function summary(
  id: string,
  phase: string,
  machines: Array<[string, string, string?]>,
): ClusterSummary {
  return {
    id,
    phase,
    machines: machines.map(([name, machinePhase, kernelVersion]) => ({
      name,
      phase: machinePhase,
      kernelVersion,
    })),
  } as ClusterSummary;
}

const truth: TruthCluster[] = [
  {
    id: 'mc-1/ns/a',
    phase: 'Provisioned',
    machines: [{ name: 'a-1', phase: 'Running', kernelVersion: '6.8.0-1' }],
  },
  { id: 'mc-1/ns/b', phase: 'Failed', machines: [] },
];

describe('compareViews', () => {
  it('finds nothing when the view matches the truth', () => {
    const view = [
      summary('mc-1/ns/b', 'Failed', []),
      summary('mc-1/ns/a', 'Provisioned', [['a-1', 'Running', '6.8.0-1']]),
    ];
    expect(compareViews(truth, view)).toEqual([]);
  });

  it('reports missing, extra and stale clusters and machines', () => {
    const view = [
      summary('mc-1/ns/a', 'Provisioning', [
        ['a-1', 'Running', '6.8.0-0'],
        ['a-old', 'Deleting'],
      ]),
      summary('mc-2/ns/gone', 'Provisioned', []),
    ];
    expect(compareViews(truth, view)).toEqual([
      { id: 'mc-1/ns/a', problem: 'phase Provisioning, truth Provisioned' },
      {
        id: 'mc-1/ns/a',
        problem: 'machine a-1: Running/6.8.0-0, truth Running/6.8.0-1',
      },
      { id: 'mc-1/ns/a', problem: 'machine a-old no longer exists' },
      { id: 'mc-1/ns/b', problem: 'missing from the backend' },
      {
        id: 'mc-2/ns/gone',
        problem: 'no longer exists but the backend still shows it',
      },
    ]);
  });
});
