import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, NotFoundError } from '@backstage/errors';
import { ResourceRegistry } from './api/resources';
import { ManagementCluster } from './ManagementCluster';
import { GitOpsSync } from './gitops/GitOpsSync';
import { PatchSimulator } from './patch/PatchSimulator';
import { LifecycleReconciler } from './reconciler/LifecycleReconciler';
import { planFleet, SeedClusterPlan } from './seed/FleetPlan';
import {
  seedFleet,
  SeededCluster,
  seedLiveStateOfSyncedClusters,
} from './seed/FleetSeeder';
import { seedGitopsRepository } from './seed/GitopsFleetSeed';
import { generateServingCertificates } from './server/certificates';
import { KubeStatusError } from './server/status';
import {
  InfrastructureProviderName,
  ManagementClusterOptions,
  SimulatedManagementCluster,
  Simulator,
  SimulatorOptions,
} from './types';

const PROVIDERS: InfrastructureProviderName[] = [
  'vsphere',
  'aws',
  'azure',
  'docker',
];

function normalizeManagementClusters(
  input: SimulatorOptions['managementClusters'],
): Required<ManagementClusterOptions>[] {
  const list: Array<string | ManagementClusterOptions> =
    typeof input === 'number'
      ? Array.from({ length: input }, (_, i) => `mc-${i + 1}`)
      : input;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InputError(
      'managementClusters must name at least one management cluster',
    );
  }
  const seen = new Set<string>();
  return list.map((entry, index) => {
    const options = typeof entry === 'string' ? { name: entry } : entry;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(options.name ?? '')) {
      throw new InputError(
        `management cluster name "${options.name}" must be a DNS label`,
      );
    }
    if (seen.has(options.name)) {
      throw new InputError(
        `management cluster "${options.name}" is listed twice`,
      );
    }
    seen.add(options.name);
    const servedVersions = options.servedVersions ?? ['v1beta2', 'v1beta1'];
    if (
      servedVersions.length === 0 ||
      servedVersions.some(v => v !== 'v1beta2' && v !== 'v1beta1')
    ) {
      throw new InputError(
        `servedVersions of "${options.name}" must be v1beta2 and/or v1beta1`,
      );
    }
    return {
      name: options.name,
      servedVersions,
      provider: options.provider ?? PROVIDERS[index % PROVIDERS.length],
    };
  });
}

/** Starts the simulated management clusters; resolves once each one listens. */
export async function startSimulator(
  options: SimulatorOptions,
): Promise<Simulator> {
  const definitions = normalizeManagementClusters(options.managementClusters);
  const host = options.host ?? '127.0.0.1';
  const firstPort = options.port ?? 0;
  if (
    !Number.isInteger(firstPort) ||
    firstPort < 0 ||
    firstPort + definitions.length > 65535
  ) {
    throw new InputError(
      `port must be a free port number, or 0 for random ports`,
    );
  }
  const certificates = generateServingCertificates(
    host === '127.0.0.1' || host === 'localhost' ? [] : [host],
  );
  const registry = new ResourceRegistry();
  const clusters = definitions.map(
    (def, index) =>
      new ManagementCluster({
        name: def.name,
        provider: def.provider,
        servedVersions: def.servedVersions,
        registry,
        tls: {
          cert: certificates.serverCert,
          key: certificates.serverKey,
          caCert: certificates.caCert,
        },
        host,
        port: firstPort === 0 ? 0 : firstPort + index,
        faults: options.faults,
        bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10_000,
        watchHistorySize: options.watchHistorySize ?? 20_000,
      }),
  );

  const stopHooks: Array<() => Promise<void> | void> = [];
  let gitopsHandle: GitOpsSync | undefined;
  const stop = async () => {
    for (const hook of stopHooks.reverse()) await hook();
    await Promise.all(clusters.map(c => c.stop()));
  };

  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) {
    throw new InputError('timeScale must be greater than 0');
  }
  const reconcilers = clusters.map(
    cluster =>
      new LifecycleReconciler({
        store: cluster.store,
        defaultProvider: cluster.provider,
        timeScale,
        onError: options.onError,
      }),
  );

  const seed = options.seed ?? 1;
  const seedClusters = options.seedClusters ?? 0;
  if (!Number.isInteger(seedClusters) || seedClusters < 0) {
    throw new InputError('seedClusters must be a whole number, 0 or more');
  }
  const seedTargets = clusters.map(c => ({
    name: c.name,
    provider: c.provider,
    store: c.store,
  }));
  const seedInto = options.seedInto ?? 'store';
  let seeded: SeededCluster[] = [];
  let gitSeedPlans: SeedClusterPlan[] = [];
  if (seedInto === 'git') {
    if (!options.gitopsRepo || !options.renderSeededCluster) {
      throw new InputError(
        "seedInto 'git' needs gitopsRepo and renderSeededCluster",
      );
    }
    // Written once; the marker's seed and size win, so a restart finds the same clusters.
    const { marker } = await seedGitopsRepository({
      repo: options.gitopsRepo,
      seed,
      plans: planFleet(seedTargets, seedClusters, seed),
      render: options.renderSeededCluster,
    });
    if (marker) {
      gitSeedPlans = planFleet(seedTargets, marker.clusters, marker.seed);
    }
  } else if (seedInto === 'store') {
    seeded = seedFleet(seedTargets, seedClusters, seed);
  } else {
    throw new InputError(`seedInto must be 'store' or 'git'`);
  }

  const patchers = clusters.map(
    (cluster, index) =>
      new PatchSimulator({
        store: cluster.store,
        seed: seed + index,
        timeScale,
        onError: options.onError,
      }),
  );
  clusters.forEach((cluster, index) => {
    const patcher = patchers[index];
    cluster.patch = {
      securityRelease: opts => patcher.securityRelease(opts),
      runPatchWindow: opts => patcher.runPatchWindow(opts),
    };
    cluster.controlActions.set(
      'POST patch/security-release',
      (_action, _method, body) => {
        const at =
          body.at === undefined ? undefined : new Date(String(body.at));
        if (at && Number.isNaN(at.getTime())) {
          throw new KubeStatusError(
            400,
            'BadRequest',
            '"at" must be an RFC 3339 time',
          );
        }
        patcher.securityRelease({ at });
        return { released: true, at: (at ?? new Date()).toISOString() };
      },
    );
    cluster.controlActions.set(
      'POST patch/window',
      (_action, _method, body) => {
        const lagShare =
          body.lagShare === undefined ? undefined : Number(body.lagShare);
        if (lagShare !== undefined && !(lagShare >= 0 && lagShare <= 1)) {
          throw new KubeStatusError(
            400,
            'BadRequest',
            '"lagShare" must be between 0 and 1',
          );
        }
        patcher.runPatchWindow({ lagShare });
        return { patched: true };
      },
    );
  });

  try {
    if (options.patchSimulation !== false) {
      patchers.forEach(p => p.start());
      stopHooks.push(() => patchers.forEach(p => p.stop()));
    }
    if (options.reconcile !== false) {
      for (const cluster of seeded.filter(c => c.inProgress)) {
        reconcilers[
          clusters.findIndex(c => c.name === cluster.managementCluster)
        ].markActive(cluster.namespace, cluster.name);
      }
      reconcilers.forEach(r => r.start());
      stopHooks.push(() => reconcilers.forEach(r => r.stop()));
    }
    let gitops: GitOpsSync | undefined;
    if (options.gitopsRepo) {
      const sync = new GitOpsSync({
        repo: options.gitopsRepo,
        pollIntervalMs: options.gitopsPollIntervalMs ?? 2000,
        selfHeal: options.gitopsSelfHealAfterMs !== false,
        selfHealAfterMs:
          typeof options.gitopsSelfHealAfterMs === 'number'
            ? options.gitopsSelfHealAfterMs
            : undefined,
        selfHealOff: options.gitopsSelfHealOff,
        targets: clusters,
        registry,
        onError: options.onError,
      });
      stopHooks.push(() => sync.stop());
      await sync.start();
      // Straight after the first sync, before the reconciler's next tick builds these clusters from scratch.
      seeded = seedLiveStateOfSyncedClusters(seedTargets, gitSeedPlans);
      gitops = sync;
      for (const cluster of clusters) {
        cluster.statusProviders.push(() => ({
          gitops: sync.status(cluster.name),
        }));
        cluster.controlActions.set('POST gitops/sync', async () => {
          await sync.syncNow();
          return { gitops: sync.status(cluster.name) };
        });
      }
    }
    gitopsHandle = gitops;
    await Promise.all(clusters.map(c => c.server.listen()));
    if (options.kubeconfigDir) {
      await mkdir(options.kubeconfigDir, { recursive: true });
      for (const cluster of clusters) {
        cluster.kubeconfigPath = join(
          options.kubeconfigDir,
          `${cluster.name}.kubeconfig`,
        );
        await writeFile(cluster.kubeconfigPath, cluster.kubeconfig, {
          mode: 0o600,
        });
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    managementClusters: clusters,
    get(name: string): SimulatedManagementCluster {
      const cluster = clusters.find(c => c.name === name);
      if (!cluster) {
        throw new NotFoundError(
          `no simulated management cluster "${name}" (have: ${clusters
            .map(c => c.name)
            .join(', ')})`,
        );
      }
      return cluster;
    },
    ...(gitopsHandle
      ? {
          gitops: {
            syncedRevision: (mc: string) => gitopsHandle!.syncedRevision(mc),
            syncNow: () => gitopsHandle!.syncNow(),
          },
        }
      : {}),
    stop,
  };
}
