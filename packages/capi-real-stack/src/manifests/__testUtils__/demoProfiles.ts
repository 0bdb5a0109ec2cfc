import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** A profile as written under `capi.profiles` (validated by the scaffolder module at startup). */
export type ProfileConfig = {
  mode: 'clusterclass' | 'classic';
  provider: string;
  namespace: string;
  managementCluster: string;
  kubernetesVersions: string[];
  machineSizes: Record<string, unknown>;
  autoscaler?: boolean;
  limits?: { maxNodePools?: number; maxReplicas?: number };
  [key: string]: unknown;
};

/** Where a profile comes from, for test names. */
export interface SourcedProfile {
  name: string;
  source: 'app-config.yaml' | 'scaffolder README';
  config: ProfileConfig;
}

function profilesOf(config: unknown): Record<string, ProfileConfig> {
  const profiles = (config as { capi?: { profiles?: unknown } })?.capi
    ?.profiles;
  if (!profiles || typeof profiles !== 'object') {
    throw new Error('no capi.profiles block');
  }
  return profiles as Record<string, ProfileConfig>;
}

/**
 * Every profile the demo offers (`app-config.yaml`) plus the documented
 * example block of the scaffolder module's README, which adds the classic
 * vSphere profile with IPAM and the development (Docker/Dev) provider.
 */
export function loadDemoProfiles(root: string): SourcedProfile[] {
  const appConfig = parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  const readme = fs.readFileSync(
    path.join(root, 'plugins/scaffolder-backend-module-capi/README.md'),
    'utf8',
  );
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map(m => m[1])
    .find(text => /^capi:\n {2}profiles:/m.test(text));
  if (!block) {
    throw new Error('the scaffolder README has no capi.profiles example');
  }
  const result: SourcedProfile[] = [];
  for (const [name, config] of Object.entries(profilesOf(appConfig))) {
    result.push({ name, source: 'app-config.yaml', config });
  }
  for (const [name, config] of Object.entries(profilesOf(parse(block)))) {
    if (result.some(p => p.name === name)) {
      throw new Error(`profile ${name} is in both app-config.yaml and README`);
    }
    result.push({ name, source: 'scaffolder README', config });
  }
  return result;
}
