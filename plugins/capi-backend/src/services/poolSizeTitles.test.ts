import {
  emptyPatchSummary,
  NodePoolSummary,
} from '@capstan/plugin-capi-common';
import { addPoolSizeTitles } from './poolSizeTitles';

const pool = (name: string, size?: string): NodePoolSummary => ({
  name,
  kind: 'MachineDeployment',
  ...(size ? { size } : {}),
  replicas: 1,
  readyReplicas: 1,
  availableReplicas: 1,
  upToDateReplicas: 1,
  rollingOut: false,
  conditions: [],
  patch: emptyPatchSummary(),
});

describe('addPoolSizeTitles', () => {
  it("names each pool's size as its profile does, and leaves an undescribed size as recorded", () => {
    const pools = [
      pool('general', 'medium'),
      pool('batch', 'small'),
      pool('gpu', 'xlarge'),
      pool('legacy'),
    ];
    addPoolSizeTitles(pools, [
      { name: 'small', cpu: 2, memoryMiB: 8192 },
      {
        name: 'medium',
        title: 'Medium (4 vCPU, 16 GiB)',
        cpu: 4,
        memoryMiB: 16384,
      },
    ]);
    expect(pools.map(p => [p.name, p.size, p.sizeTitle])).toEqual([
      ['general', 'medium', 'Medium (4 vCPU, 16 GiB)'],
      ['batch', 'small', 'Small (2 vCPU, 8 GiB)'],
      ['gpu', 'xlarge', undefined],
      ['legacy', undefined, undefined],
    ]);
  });

  it('leaves the pools of a cluster without a known profile as they are', () => {
    const pools = [pool('general', 'medium')];
    addPoolSizeTitles(pools, undefined);
    expect(pools[0].sizeTitle).toBeUndefined();
  });
});
