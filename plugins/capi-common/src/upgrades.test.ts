import {
  chainedUpgradePlan,
  classicPoolsStep,
  upgradeStatus,
  RunningVersions,
} from './upgrades';

const allowed = ['v1.32.8', 'v1.33.2', 'v1.33.4', 'v1.34.1', 'v1.35.0'];

const steady: RunningVersions = {
  desiredVersion: 'v1.33.4',
  controlPlaneVersions: [{ version: 'v1.33.4', replicas: 3 }],
  pools: [
    {
      name: 'md-0',
      version: 'v1.33.4',
      versions: [{ version: 'v1.33.4', replicas: 2 }],
    },
    {
      name: 'md-1',
      version: 'v1.33.4',
      versions: [{ version: 'v1.33.4', replicas: 1 }],
    },
  ],
  rollingOut: [],
  updatingInPlace: [],
};

describe('upgradeStatus', () => {
  it('offers no upgrade while v1.33.4 (in Git) rolls out and the control plane and one pool still run v1.32.8', () => {
    const s = upgradeStatus(
      {
        ...steady,
        controlPlaneVersions: [{ version: 'v1.32.8', replicas: 3 }],
        pools: [
          {
            name: 'md-0',
            version: 'v1.32.8',
            versions: [{ version: 'v1.32.8', replicas: 2 }],
          },
          steady.pools[1],
        ],
      },
      { allowed },
    );
    expect(s.available).toEqual([]);
    expect(s.blockedReason).toBe(
      'An upgrade to v1.33.4 is still rolling out: the control plane runs v1.32.8, node pool md-0 runs v1.32.8. A new version can be chosen once every machine runs v1.33.4 (Cluster API refuses one before).',
    );
    expect(s.from).toBe('v1.32.8');
  });

  it('blocks while the control plane is done but a pool still runs two versions, or waits for its turn', () => {
    const mixed = upgradeStatus(
      {
        ...steady,
        pools: [
          {
            name: 'md-0',
            version: 'v1.33.4',
            versions: [
              { version: 'v1.33.4', replicas: 1 },
              { version: 'v1.32.8', replicas: 1 },
            ],
          },
        ],
      },
      { allowed },
    );
    expect(mixed.blockedReason).toMatch(
      /node pool md-0 runs v1.33.4 and v1.32.8/,
    );
    const waiting = upgradeStatus(
      {
        ...steady,
        pools: [{ name: 'md-0', version: 'v1.32.8', versions: [] }],
      },
      { allowed },
    );
    expect(waiting.blockedReason).toMatch(/node pool md-0 waits for v1.33.4/);
  });

  it.each<[string, Partial<RunningVersions>, RegExp]>([
    [
      'a control plane on two versions',
      {
        controlPlaneVersions: [
          { version: 'v1.33.4', replicas: 2 },
          { version: 'v1.32.8', replicas: 1 },
        ],
      },
      /control plane runs v1.33.4 and v1.32.8/,
    ],
    [
      'CAPI upgrade plan',
      { workersPlan: ['v1.33.4'] },
      /upgrade plan \(v1.33.4\)/,
    ],
    [
      'machines updating in place',
      { updatingInPlace: ['md-0-abc'] },
      /updated in place \(md-0-abc\)/,
    ],
    [
      'a machine size rollout',
      { rollingOut: ['node pool md-0'] },
      /rollout is in progress \(node pool md-0\)/,
    ],
    ['no control plane yet', { controlPlaneVersions: [] }, /does not run yet/],
  ])('blocks upgrades during %s', (_name, change, reason) => {
    const s = upgradeStatus({ ...steady, ...change }, { allowed });
    expect(s.available).toEqual([]);
    expect(s.blockedReason).toMatch(reason);
  });

  it('offers the next minor and patches when everything runs one version', () => {
    const s = upgradeStatus(steady, { allowed });
    expect(s.blockedReason).toBeUndefined();
    expect(s.available).toEqual(['v1.34.1']);
    expect(s.workerVersions).toEqual([{ version: 'v1.33.4', replicas: 3 }]);
    expect(
      upgradeStatus(
        {
          ...steady,
          desiredVersion: 'v1.33.2',
          controlPlaneVersions: [{ version: 'v1.33.2', replicas: 1 }],
          pools: [],
        },
        { allowed },
      ).available,
    ).toEqual(['v1.33.4', 'v1.34.1']);
  });

  it('offers targets several minors ahead only to ClusterClass clusters whose profile allows chained upgrades, with the plan', () => {
    const from132 = {
      ...steady,
      desiredVersion: 'v1.32.8',
      controlPlaneVersions: [{ version: 'v1.32.8', replicas: 1 }],
      pools: [],
    };
    expect(
      upgradeStatus(from132, { allowed, chained: true }).available,
    ).toEqual(['v1.33.2', 'v1.33.4']);
    expect(
      upgradeStatus(from132, { allowed, chained: false, clusterClass: true })
        .available,
    ).toEqual(['v1.33.2', 'v1.33.4']);
    const chained = upgradeStatus(from132, {
      allowed,
      chained: true,
      clusterClass: true,
    });
    expect(chained.available).toEqual([
      'v1.33.2',
      'v1.33.4',
      'v1.34.1',
      'v1.35.0',
    ]);
    expect(chained.plans).toEqual({
      'v1.34.1': ['v1.33.4', 'v1.34.1'],
      'v1.35.0': ['v1.33.4', 'v1.34.1', 'v1.35.0'],
    });
  });

  it('says why when the profile offers nothing newer', () => {
    const s = upgradeStatus(
      {
        ...steady,
        desiredVersion: 'v1.35.0',
        controlPlaneVersions: [{ version: 'v1.35.0', replicas: 1 }],
        pools: [],
      },
      { allowed },
    );
    expect(s.available).toEqual([]);
    expect(s.blockedReason).toMatch(/No newer version than v1.35.0/);
  });

  it('plans a chain only through minors the profile lists', () => {
    expect(chainedUpgradePlan('v1.30.2', 'v1.32.8', allowed)).toBeUndefined();
    expect(chainedUpgradePlan('v1.32.8', 'v1.33.4', allowed)).toEqual([
      'v1.33.4',
    ]);
  });
});

describe('upgradeStatus in classic mode (control plane first, pools second)', () => {
  const pool = (name: string, version: string, running: string[]) => ({
    name,
    version,
    versions: running.map(v => ({ version: v, replicas: 1 })),
  });
  const classic = (
    cp: string[],
    pools: RunningVersions['pools'],
    extra: Partial<RunningVersions> = {},
  ): RunningVersions => ({
    desiredVersion: 'v1.33.4',
    controlPlaneVersions: cp.map(v => ({ version: v, replicas: 1 })),
    pools,
    rollingOut: [],
    updatingInPlace: [],
    classic: true,
    ...extra,
  });

  it('blocks while the control plane rolls out, without blaming pools that wait for their turn', () => {
    const s = upgradeStatus(
      classic(['v1.32.8', 'v1.33.4'], [pool('md-0', 'v1.32.8', ['v1.32.8'])], {
        rollingOut: ['the control plane'],
      }),
      { allowed },
    );
    expect(s.available).toEqual([]);
    expect(s.blockedReason).toContain(
      'the control plane runs v1.32.8 and v1.33.4',
    );
    expect(s.blockedReason).not.toContain('md-0');
  });

  it('offers the pools step (the control plane version) once the control plane runs it everywhere', () => {
    const s = upgradeStatus(
      classic(
        ['v1.33.4'],
        [
          pool('md-0', 'v1.32.8', ['v1.32.8']),
          pool('md-1', 'v1.33.4', ['v1.33.4']),
        ],
      ),
      { allowed },
    );
    expect(s.available).toEqual(['v1.33.4']);
    expect(s.blockedReason).toBeUndefined();
    expect(
      classicPoolsStep(
        classic(['v1.33.4'], [pool('md-0', 'v1.32.8', ['v1.32.8'])]),
      ),
    ).toEqual({ target: 'v1.33.4', pools: ['md-0'] });
  });

  it('offers no pools step while a pool still rolls out or in-place updates run, and none to ClusterClass clusters', () => {
    const rolling = upgradeStatus(
      classic(['v1.33.4'], [pool('md-0', 'v1.33.4', ['v1.32.8', 'v1.33.4'])]),
      { allowed },
    );
    expect(rolling.available).toEqual([]);
    expect(rolling.blockedReason).toContain('node pool md-0 runs');
    expect(
      classicPoolsStep(
        classic(['v1.33.4'], [pool('md-0', 'v1.32.8', ['v1.32.8'])], {
          updatingInPlace: ['m-1'],
        }),
      ),
    ).toBeUndefined();
    expect(
      classicPoolsStep({
        ...classic(['v1.33.4'], [pool('md-0', 'v1.32.8', ['v1.32.8'])]),
        classic: false,
      }),
    ).toBeUndefined();
  });

  it('offers the next minor once pools caught up with the control plane', () => {
    const s = upgradeStatus(
      classic(['v1.33.4'], [pool('md-0', 'v1.33.4', ['v1.33.4'])]),
      { allowed },
    );
    expect(s.available).toEqual(['v1.34.1']);
  });
});
