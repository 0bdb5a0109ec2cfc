import {
  cidrsOverlap,
  parseIpv4Cidr,
  validateDnsLabel,
  validateNodePools,
} from './validation';
import { validateClusterNetwork } from './clusterNetwork';

const limits = {
  machineSizes: ['small', 'medium'],
  maxNodePools: 2,
  maxReplicas: 10,
  autoscaler: true,
};

describe('validateDnsLabel', () => {
  it('accepts DNS-1123 labels and explains what is wrong otherwise', () => {
    expect(validateDnsLabel('cluster name', 'payments-prod')).toEqual([]);
    expect(validateDnsLabel('cluster name', '')).toEqual([
      'cluster name is required',
    ]);
    expect(validateDnsLabel('cluster name', 'a\n b: c')[0]).toMatch(
      /must consist of lower case letters/,
    );
    expect(validateDnsLabel('cluster name', `x${'a'.repeat(63)}`)[0]).toMatch(
      /64 characters long; at most 63/,
    );
  });
});

describe('CIDRs', () => {
  it('parses blocks and rejects host bits and out-of-range values', () => {
    expect(parseIpv4Cidr('10.0.0.0/8')).toEqual({
      network: 0x0a000000,
      prefix: 8,
    });
    expect(parseIpv4Cidr('10.0.0.1/8')).toBeUndefined();
    expect(parseIpv4Cidr('300.0.0.0/8')).toBeUndefined();
    expect(parseIpv4Cidr('10.0.0.0/33')).toBeUndefined();
  });

  it('finds overlaps between and within lists', () => {
    expect(
      cidrsOverlap(
        parseIpv4Cidr('10.0.0.0/16')!,
        parseIpv4Cidr('10.0.128.0/20')!,
      ),
    ).toBe(true);
    expect(
      validateClusterNetwork({
        podCidrs: ['192.168.0.0/16'],
        serviceCidrs: ['10.128.0.0/12'],
      }),
    ).toEqual([]);
    expect(
      validateClusterNetwork({
        podCidrs: ['10.0.0.0/16', 'nonsense'],
        serviceCidrs: ['10.0.128.0/20'],
      }),
    ).toEqual([
      'pod CIDR "nonsense" is not a valid CIDR block (e.g. 192.168.0.0/16 or fd00:10:244::/56, with no host bits set)',
      'pod CIDR 10.0.0.0/16 overlaps service CIDR 10.0.128.0/20',
    ]);
  });
});

describe('validateNodePools', () => {
  it('accepts fixed-size and autoscaled pools within the limits', () => {
    expect(
      validateNodePools(
        [
          { name: 'workers', size: 'small', replicas: 3 },
          { name: 'batch', size: 'medium', autoscaling: { min: 1, max: 5 } },
        ],
        limits,
      ),
    ).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validateNodePools(
      [
        { name: 'Workers', size: 'huge', replicas: 11 },
        { name: 'a', size: '', autoscaling: { min: 4, max: 2 } },
        { name: 'a', size: 'small', replicas: 2, autoscaling: { min: 1 } },
      ],
      limits,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/node pool name "Workers" must consist/),
        'node pool "Workers": unknown size "huge"; choose one of small or medium',
        'node pool "Workers": replicas 11 exceeds the profile\'s limit of 10',
        'node pool "a": choose a size (small or medium)',
        'node pool "a": autoscaling min 4 is greater than max 2',
        'node pool "a": set both autoscaling min and max, or neither',
        'node pool name "a" is used more than once',
        "3 node pools exceed the profile's limit of 2",
      ]),
    );
  });

  it("names the profile's sizes in words when it describes them", () => {
    const described = {
      ...limits,
      machineSizes: ['small', 'xlarge-mem'],
      sizeDescriptions: [
        { name: 'small', cpu: 2, memoryMiB: 8192 },
        {
          name: 'xlarge-mem',
          title: 'Extra large, more memory (16 vCPU, 128 GiB)',
        },
      ],
    };
    expect(
      validateNodePools([{ name: 'a', size: 'huge', replicas: 1 }], described),
    ).toEqual([
      'node pool "a": unknown size "huge"; choose one of Small (2 vCPU, 8 GiB) or Extra large, more memory (16 vCPU, 128 GiB)',
    ]);
    expect(
      validateNodePools([{ name: 'a', size: '', replicas: 1 }], described)[0],
    ).not.toContain('xlarge-mem');
  });

  it('refuses autoscaling where the profile has no cluster autoscaler, and replicas outside the bounds', () => {
    expect(
      validateNodePools(
        [{ name: 'w', size: 'small', autoscaling: { min: 1, max: 3 } }],
        { ...limits, autoscaler: false },
      ),
    ).toEqual([
      'node pool "w": autoscaling is not available in this profile (no cluster autoscaler)',
    ]);
    expect(
      validateNodePools(
        [
          {
            name: 'w',
            size: 'small',
            replicas: 5,
            autoscaling: { min: 1, max: 3 },
          },
        ],
        limits,
      ),
    ).toEqual([
      'node pool "w": replicas 5 must lie between autoscaling min 1 and max 3',
    ]);
  });

  it('reports min > max also where the profile has no cluster autoscaler', () => {
    expect(
      validateNodePools(
        [{ name: 'w', size: 'small', autoscaling: { min: 5, max: 2 } }],
        { ...limits, autoscaler: false },
      ),
    ).toEqual([
      'node pool "w": autoscaling is not available in this profile (no cluster autoscaler)',
      'node pool "w": autoscaling min 5 is greater than max 2',
    ]);
  });

  it('checks label keys and values so they cannot inject structure', () => {
    expect(
      validateNodePools(
        [{ name: 'w', size: 'small', replicas: 1, labels: { 'a: #': 'x\ny' } }],
        limits,
      ),
    ).toHaveLength(2);
  });
});
