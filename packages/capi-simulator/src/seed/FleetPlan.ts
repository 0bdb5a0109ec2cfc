import { InfrastructureProvider } from '../api/resources';
import { pick, seededRandom, weighted } from './random';

/** Example owners: group → the component that requests its clusters. */
export const EXAMPLE_OWNERS = [
  { group: 'team-payments', component: 'payments-api' },
  { group: 'team-checkout', component: 'checkout-web' },
  { group: 'team-search', component: 'search-indexer' },
  { group: 'team-data', component: 'data-pipeline' },
  { group: 'team-platform', component: 'platform-gateway' },
] as const;

export const SEED_VERSIONS = [
  'v1.31.9',
  'v1.32.6',
  'v1.33.2',
  'v1.34.1',
] as const;

/** Profile names of the seeded fleet: `<prefix>-<env>`, as the demo's app-config names them. */
export const PROFILE_PREFIX: Record<InfrastructureProvider, string> = {
  vsphere: 'onprem-fra',
  aws: 'aws-eu-central',
  azure: 'azure-westeurope',
  docker: 'dev-local',
};

/** Machine sizes the demo's profiles all offer. */
export const SEED_SIZES = ['small', 'medium', 'large'] as const;

export type SeedClusterState =
  | 'available'
  | 'provisioning'
  | 'upgrading'
  | 'degraded';

export interface SeedPoolPlan {
  /** Pool name (the topology name): `md-0`, `general-1`, ... */
  name: string;
  replicas: number;
  /** Autoscaler bounds, when the pool is autoscaled. */
  autoscaling?: { min: number; max: number };
  size: (typeof SEED_SIZES)[number];
}

/**
 * What one seeded cluster is: who owns it, where it runs, how it is built and
 * which live state it shows. The same seed always gives the same plans, so a
 * restarted simulator finds the clusters it seeded before.
 */
export interface SeedClusterPlan {
  index: number;
  managementCluster: string;
  provider: InfrastructureProvider;
  name: string;
  owner: (typeof EXAMPLE_OWNERS)[number];
  env: 'prod' | 'staging' | 'dev';
  profile: string;
  /** Topology (ClusterClass) or classic mode, when seeded straight into the store. */
  topologyMode: boolean;
  /** Version the machines run. */
  version: string;
  /** Version asked for; newer than `version` while upgrading. */
  targetVersion: string;
  state: SeedClusterState;
  controlPlaneReplicas: 1 | 3;
  pools: SeedPoolPlan[];
  createdAt: Date;
  /** Seed of the cluster's live details (uids, machine ages, patch state). */
  liveSeed: number;
}

export interface SeedPlanTarget {
  name: string;
  provider: InfrastructureProvider;
}

export function nextSeedVersion(version: string): string {
  const index = SEED_VERSIONS.indexOf(
    version as (typeof SEED_VERSIONS)[number],
  );
  return SEED_VERSIONS[Math.min(SEED_VERSIONS.length - 1, index + 1)];
}

export function previousSeedVersion(version: string): string {
  const index = SEED_VERSIONS.indexOf(
    version as (typeof SEED_VERSIONS)[number],
  );
  return index <= 0 ? version : SEED_VERSIONS[index - 1];
}

/** Plans `total` clusters over the targets, round robin; the same seed gives the same plans. */
export function planFleet(
  targets: SeedPlanTarget[],
  total: number,
  seed: number,
  now = new Date(),
): SeedClusterPlan[] {
  const random = seededRandom(seed);
  return Array.from({ length: total }, (_, index) =>
    planCluster(targets[index % targets.length], index, random, now),
  );
}

function planCluster(
  target: SeedPlanTarget,
  index: number,
  random: () => number,
  now: Date,
): SeedClusterPlan {
  const owner = pick(random, EXAMPLE_OWNERS);
  const env = weighted(random, [
    ['prod', 3],
    ['staging', 2],
    ['dev', 3],
  ] as const);
  const name = `${owner.component.split('-')[0]}-${env}-${String(
    index + 1,
  ).padStart(5, '0')}`;
  const topologyMode = random() < 0.85;
  const version = weighted(random, [
    [SEED_VERSIONS[0], 1],
    [SEED_VERSIONS[1], 3],
    [SEED_VERSIONS[2], 4],
    [SEED_VERSIONS[3], 2],
  ] as const);
  const state = weighted<SeedClusterState>(random, [
    ['available', 80],
    ['provisioning', 7],
    ['upgrading', 7],
    ['degraded', 6],
  ]);
  // The newest version has nothing to upgrade to.
  const upgrading =
    state === 'upgrading' && nextSeedVersion(version) !== version;
  const controlPlaneReplicas = env === 'prod' || random() < 0.4 ? 3 : 1;
  const poolCount = 1 + Math.floor(random() * 3);
  const createdAt = new Date(
    now.getTime() - (1 + random() * 400) * 24 * 3600_000,
  );
  const liveSeed = Math.floor(random() * 2 ** 31);
  const pools = Array.from({ length: poolCount }, (_, p): SeedPoolPlan => {
    const autoscaled = random() < 0.25;
    const replicas = 1 + Math.floor(random() * 3);
    return {
      name:
        p === 0
          ? 'md-0'
          : `${pick(random, ['general', 'highmem', 'gpu', 'batch'])}-${p}`,
      replicas,
      ...(autoscaled
        ? { autoscaling: { min: replicas, max: replicas + 3 } }
        : {}),
      size: pick(random, SEED_SIZES),
    };
  });
  return {
    index,
    managementCluster: target.name,
    provider: target.provider,
    name,
    owner,
    env,
    profile: `${PROFILE_PREFIX[target.provider]}-${env}`,
    topologyMode,
    version,
    targetVersion: upgrading ? nextSeedVersion(version) : version,
    state: state === 'upgrading' && !upgrading ? 'available' : state,
    controlPlaneReplicas,
    pools,
    createdAt,
    liveSeed,
  };
}
