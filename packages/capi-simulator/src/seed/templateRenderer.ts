import { readFile } from 'node:fs/promises';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  readClusterProfiles,
  type ClusterProfile,
} from '@capstan/plugin-capi-node';
import {
  renderClusterFolder,
  validateClusterRequest,
  type ClusterRenderInput,
} from '@capstan/plugin-scaffolder-backend-module-capi';
import { parse } from 'yaml';
import { SeedClusterPlan } from './FleetPlan';
import { SeedClusterRenderer } from './GitopsFleetSeed';

/**
 * Reads `capi.profiles` from app-config files (later files win, as in
 * Backstage). Only the profiles are read; `${VAR}` substitutions elsewhere
 * are left alone.
 */
export async function readProfilesFromAppConfig(
  files: string[],
): Promise<ClusterProfile[]> {
  const configs = await Promise.all(
    files.map(async file => ({
      context: file,
      data: (parse(await readFile(file, 'utf8')) ?? {}) as Record<
        string,
        never
      >,
    })),
  );
  return readClusterProfiles(ConfigReader.fromConfigs(configs.reverse()));
}

/** The new-cluster template's inputs for a planned cluster, within what its profile allows. */
export function templateInputOf(
  plan: SeedClusterPlan,
  profile: ClusterProfile,
): ClusterRenderInput {
  const sizes = profile.machineSizes.map(s => s.name);
  const size = (wanted: string) =>
    sizes.includes(wanted) ? wanted : profile.controlPlaneSize;
  const version = profile.kubernetesVersions.includes(plan.targetVersion)
    ? plan.targetVersion
    : undefined;
  const maxReplicas = profile.limits.maxReplicas;
  return {
    profile: profile.name,
    name: plan.name,
    owner: `group:default/${plan.owner.group}`,
    entityRef: `component:default/${plan.owner.component}`,
    description: `Cluster of ${plan.owner.component} (${plan.env})`,
    kubernetesVersion: version,
    controlPlaneReplicas: plan.controlPlaneReplicas,
    nodePools: plan.pools.slice(0, profile.limits.maxNodePools).map(pool => ({
      name: pool.name,
      size: size(pool.size),
      ...(pool.autoscaling && profile.autoscaler
        ? {
            autoscaling: {
              min: Math.min(pool.autoscaling.min, maxReplicas),
              max: Math.min(pool.autoscaling.max, maxReplicas),
            },
          }
        : { replicas: Math.min(pool.replicas, maxReplicas) }),
    })),
  };
}

/**
 * Renders seeded clusters with the new-cluster template's own validation and
 * rendering (`@capstan/plugin-scaffolder-backend-module-capi`), so a seeded
 * cluster's folder is what the template would have written for the same
 * choices.
 */
export function createTemplateSeedRenderer(
  profiles: ClusterProfile[],
): SeedClusterRenderer {
  return async plan => {
    const profile = profiles.find(p => p.name === plan.profile);
    if (!profile) {
      throw new InputError(
        `Seeded cluster ${plan.name} needs cluster profile "${
          plan.profile
        }", which is not configured (capi.profiles has: ${
          profiles.map(p => p.name).join(', ') || 'none'
        })`,
      );
    }
    if (profile.managementCluster !== plan.managementCluster) {
      throw new InputError(
        `Cluster profile "${profile.name}" targets management cluster ${profile.managementCluster}, but seeded cluster ${plan.name} belongs on ${plan.managementCluster}`,
      );
    }
    const request = await validateClusterRequest(
      templateInputOf(plan, profile),
      profiles,
      // Folders that exist already are left alone by the seeding itself.
      { existsInRepository: async () => false },
    );
    const folder = renderClusterFolder(request);
    return { path: folder.path, files: folder.files };
  };
}
