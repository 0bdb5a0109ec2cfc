import fs from 'node:fs';
import path from 'node:path';
import type { JsonObject } from '@backstage/types';
import type { KubeObject } from '../../KubeClient';
import { manifestsAt } from './capiActions';
import type { ProfileConfig } from './demoProfiles';

/** What the GitOps repository holds for the cluster after one step. */
export interface ScenarioStep {
  step: string;
  objects: KubeObject[];
}

type RunAction = (
  id: string,
  input: JsonObject,
  workspacePath: string,
  taskId?: string,
) => Promise<Record<string, unknown>>;

function versionKey(v: string): number[] {
  return v
    .replace(/^v/, '')
    .split('.')
    .map(n => Number(n));
}

export function sortedVersions(versions: string[]): string[] {
  return [...versions].sort((a, b) => {
    const [x, y] = [versionKey(a), versionKey(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    }
    return 0;
  });
}

/**
 * A new cluster from the profile and then every kind of day-2 change a
 * developer can make, each through the real actions and the GitOps repo:
 * upgrade, add a pool, scale, resize (rollout), relabel, autoscaling on and
 * off, remove a pool, decommission. Yields the repo's manifests after each.
 */
export async function* runProfileScenario(
  runAction: RunAction,
  bare: string,
  profileName: string,
  profile: ProfileConfig,
  clusterName: string = profileName,
): AsyncGenerator<ScenarioStep> {
  // Workspaces live beside the bare repository, removed with it.
  const workRoot = path.dirname(bare);
  const versions = sortedVersions(profile.kubernetesVersions);
  const sizes = Object.keys(profile.machineSizes);
  const small = sizes[0];
  const other = sizes[sizes.length - 1];
  const name = clusterName;
  const cluster = `${profile.managementCluster}/${profile.namespace}/${name}`;
  const workspace = () => fs.mkdtempSync(path.join(workRoot, 'ws-'));

  const renderWorkspace = workspace();
  const rendered = await runAction(
    'capi:cluster:render',
    {
      profile: profileName,
      name,
      owner: 'group:default/team-platform',
      entityRef: 'component:default/real-capi-check',
      description: 'Checked against the real Cluster API CRDs',
      kubernetesVersion: versions[0],
      controlPlaneReplicas: 1,
      nodePools: [
        {
          name: 'general',
          size: small,
          replicas: 2,
          labels: { tier: 'general' },
          taints: [
            { key: 'dedicated', value: 'general', effect: 'NoSchedule' },
          ],
        },
        ...(profile.autoscaler
          ? [{ name: 'batch', size: other, autoscaling: { min: 1, max: 3 } }]
          : []),
      ],
    },
    renderWorkspace,
    `task-new-${name}`,
  );
  const folder = String(rendered.path);
  await runAction(
    'capi:gitops:publish',
    { sourcePath: folder, createOnly: true },
    renderWorkspace,
    `task-new-${name}`,
  );
  yield { step: 'new cluster', objects: await manifestsAt(bare, folder) };

  const day2 = async (step: string, id: string, input: JsonObject) => {
    await runAction(id, { cluster, ...input }, workspace());
    return { step, objects: await manifestsAt(bare, folder) };
  };

  if (versions.length > 1) {
    yield await day2(`upgrade to ${versions[1]}`, 'capi:cluster:upgrade', {
      kubernetesVersion: versions[1],
    });
  }
  yield await day2('add node pool', 'capi:nodepool:add', {
    pool: {
      name: 'extra',
      size: other,
      replicas: 1,
      labels: { workload: 'extra' },
    },
  });
  yield await day2('scale node pool', 'capi:nodepool:update', {
    name: 'general',
    replicas: 3,
  });
  if (sizes.length > 1) {
    yield await day2('resize node pool (rollout)', 'capi:nodepool:update', {
      name: 'general',
      size: other,
    });
  }
  yield await day2('relabel node pool', 'capi:nodepool:update', {
    name: 'general',
    labels: { tier: 'general', team: 'payments' },
  });
  if (profile.autoscaler) {
    yield await day2('autoscaling on', 'capi:nodepool:update', {
      name: 'general',
      autoscaling: { enabled: true, min: 1, max: 4 },
    });
    yield await day2('autoscaling off', 'capi:nodepool:update', {
      name: 'batch',
      autoscaling: { enabled: false },
      replicas: 2,
    });
  }
  yield await day2('remove node pool', 'capi:nodepool:remove', {
    name: 'extra',
  });
  yield await day2('decommission', 'capi:cluster:decommission', {
    confirm: name,
  });
}
