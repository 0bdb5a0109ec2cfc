import type { Config } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  compareKubernetesVersions,
  normalizeKubernetesVersion,
  parseKubernetesVersion,
  validateDnsLabel,
  validateLabels,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile, ClusterProvider, MachineSize } from './types';

const PROVIDERS: readonly ClusterProvider[] = [
  'vsphere',
  'aws',
  'azure',
  'docker',
];
const DEFAULT_MAX_NODE_POOLS = 5;
const DEFAULT_MAX_REPLICAS = 20;
const DEFAULT_WORKER_CLASS = 'default-worker';

/**
 * Reads one profile, collecting problems as `key: message` so that a bad
 * profile reports every broken key at once.
 */
class ProfileReader {
  readonly problems: string[] = [];
  readonly #config: Config;

  constructor(config: Config) {
    this.#config = config;
  }

  /** Runs a config read; a type error becomes a problem and the value undefined. */
  read<T>(key: string, fn: (c: Config) => T): T | undefined {
    try {
      return fn(this.#config);
    } catch (error) {
      this.problems.push(`${key}: ${(error as Error).message}`);
      return undefined;
    }
  }

  string(key: string): string | undefined {
    return this.read(key, c => c.getOptionalString(key));
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined || value.trim() === '') {
      if (!this.problems.some(p => p.startsWith(`${key}:`))) {
        this.problems.push(`${key}: is required`);
      }
      return '';
    }
    return value;
  }

  number(key: string, opts: { min?: number; integer?: boolean } = {}) {
    const value = this.read(key, c => c.getOptionalNumber(key));
    if (value === undefined) {
      return undefined;
    }
    if (opts.integer && !Number.isInteger(value)) {
      this.problems.push(`${key}: must be a whole number`);
    }
    if (opts.min !== undefined && value < opts.min) {
      this.problems.push(`${key}: must be at least ${opts.min}`);
    }
    return value;
  }

  requiredNumber(key: string, opts: { min?: number; integer?: boolean } = {}) {
    const value = this.number(key, opts);
    if (value === undefined) {
      if (!this.problems.some(p => p.startsWith(`${key}:`))) {
        this.problems.push(`${key}: is required`);
      }
      return 0;
    }
    return value;
  }

  stringArray(key: string): string[] | undefined {
    return this.read(key, c => c.getOptionalStringArray(key));
  }

  boolean(key: string): boolean | undefined {
    return this.read(key, c => c.getOptionalBoolean(key));
  }

  object(key: string): JsonObject | undefined {
    return this.read(key, c => {
      const sub = c.getOptionalConfig(key);
      return sub ? (sub.get() as JsonObject) : undefined;
    });
  }

  stringMap(key: string): Record<string, string> {
    const obj = this.object(key) ?? {};
    const result: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v !== 'string') {
        this.problems.push(`${key}.${k}: must be a string`);
      } else {
        result[k] = v;
      }
    }
    return result;
  }

  has(key: string): boolean {
    return this.#config.has(key);
  }

  keys(key: string): string[] {
    return this.read(key, c => c.getOptionalConfig(key)?.keys() ?? []) ?? [];
  }
}

function readMachineSizes(r: ProfileReader): MachineSize[] {
  const names = r.keys('machineSizes');
  if (
    names.length === 0 &&
    !r.problems.some(p => p.startsWith('machineSizes'))
  ) {
    r.problems.push('machineSizes: at least one machine size is required');
  }
  return names.map(name => {
    const key = `machineSizes.${name}`;
    r.problems.push(...validateDnsLabel(`${key}: size name`, name));
    return {
      name,
      title: r.string(`${key}.title`),
      description: r.string(`${key}.description`),
      cpu: r.requiredNumber(`${key}.cpu`, { min: 1, integer: true }),
      memoryMiB: r.requiredNumber(`${key}.memoryMiB`, {
        min: 512,
        integer: true,
      }),
      diskGiB: r.requiredNumber(`${key}.diskGiB`, { min: 1, integer: true }),
      awsInstanceType: r.string(`${key}.awsInstanceType`),
      azureVmSize: r.string(`${key}.azureVmSize`),
    };
  });
}

function readProviderSettings(
  r: ProfileReader,
  provider: ClusterProvider | undefined,
  mode: ClusterProfile['mode'],
  machineSizes: MachineSize[],
): Pick<ClusterProfile, 'vsphere' | 'aws' | 'azure' | 'docker'> {
  const result: Pick<ClusterProfile, 'vsphere' | 'aws' | 'azure' | 'docker'> =
    {};
  // Classic mode renders provider objects, so their settings are required;
  // in ClusterClass mode they are optional (the class holds them).
  const required = mode === 'classic';
  if (r.has('vsphere') || (required && provider === 'vsphere')) {
    const ipPoolKind = r.string('vsphere.ipPool.kind') ?? 'InClusterIPPool';
    if (
      ipPoolKind !== 'InClusterIPPool' &&
      ipPoolKind !== 'GlobalInClusterIPPool'
    ) {
      r.problems.push(
        'vsphere.ipPool.kind: must be InClusterIPPool or GlobalInClusterIPPool',
      );
    }
    result.vsphere = {
      server: r.requiredString('vsphere.server'),
      datacenter: r.requiredString('vsphere.datacenter'),
      datastore: r.requiredString('vsphere.datastore'),
      network: r.requiredString('vsphere.network'),
      template: r.requiredString('vsphere.template'),
      folder: r.string('vsphere.folder'),
      resourcePool: r.string('vsphere.resourcePool'),
      storagePolicyName: r.string('vsphere.storagePolicyName'),
      ipPool: {
        name: r.requiredString('vsphere.ipPool.name'),
        kind: ipPoolKind as 'InClusterIPPool' | 'GlobalInClusterIPPool',
        apiGroup:
          r.string('vsphere.ipPool.apiGroup') ?? 'ipam.cluster.x-k8s.io',
      },
      gateway: r.string('vsphere.gateway'),
      prefix: r.number('vsphere.prefix', { min: 1, integer: true }),
      thumbprint: r.string('vsphere.thumbprint'),
      identitySecretName: r.string('vsphere.identitySecretName'),
      controlPlaneEndpointHost: r.string('vsphere.controlPlaneEndpointHost'),
      sshAuthorizedKeys: r.stringArray('vsphere.sshAuthorizedKeys'),
    };
  }
  if (r.has('aws') || (required && provider === 'aws')) {
    result.aws = {
      region: r.requiredString('aws.region'),
      sshKeyName: r.string('aws.sshKeyName'),
      subnets: r.stringArray('aws.subnets'),
      vpcId: r.string('aws.vpcId'),
      amiId: r.string('aws.amiId'),
      controlPlaneIamInstanceProfile:
        r.string('aws.controlPlaneIamInstanceProfile') ??
        'control-plane.cluster-api-provider-aws.sigs.k8s.io',
      nodeIamInstanceProfile:
        r.string('aws.nodeIamInstanceProfile') ??
        'nodes.cluster-api-provider-aws.sigs.k8s.io',
    };
    if (required && provider === 'aws') {
      for (const size of machineSizes) {
        if (!size.awsInstanceType) {
          r.problems.push(
            `machineSizes.${size.name}.awsInstanceType: is required for AWS profiles`,
          );
        }
      }
    }
  }
  if (r.has('azure') || (required && provider === 'azure')) {
    result.azure = {
      location: r.requiredString('azure.location'),
      subscriptionId: r.string('azure.subscriptionId'),
      resourceGroup: r.string('azure.resourceGroup'),
      vnetName: r.string('azure.vnetName'),
      identityName: r.string('azure.identityName'),
      sshPublicKey: r.string('azure.sshPublicKey'),
    };
    if (required && provider === 'azure') {
      for (const size of machineSizes) {
        if (!size.azureVmSize) {
          r.problems.push(
            `machineSizes.${size.name}.azureVmSize: is required for Azure profiles`,
          );
        }
      }
    }
  }
  if (r.has('docker') || provider === 'docker') {
    result.docker = { customImage: r.string('docker.customImage') };
  }
  return result;
}

function readProfile(name: string, config: Config): ClusterProfile {
  const r = new ProfileReader(config);
  r.problems.push(...validateDnsLabel('profile name', name));

  const title = r.string('title') ?? name;
  const managementCluster = r.requiredString('managementCluster');
  r.problems.push(
    ...validateDnsLabel('managementCluster', managementCluster).map(
      p => `managementCluster: ${p}`,
    ),
  );
  const namespace = r.requiredString('namespace');
  r.problems.push(
    ...validateDnsLabel('namespace', namespace).map(p => `namespace: ${p}`),
  );

  const mode = r.string('mode') ?? 'clusterclass';
  if (mode !== 'clusterclass' && mode !== 'classic') {
    r.problems.push(`mode: must be "clusterclass" or "classic", not "${mode}"`);
  }

  const providerValue = r.string('provider');
  if (
    providerValue !== undefined &&
    !PROVIDERS.includes(providerValue as ClusterProvider)
  ) {
    r.problems.push(
      `provider: must be one of ${PROVIDERS.join(
        ', ',
      )}, not "${providerValue}"`,
    );
  }
  const provider = providerValue as ClusterProvider | undefined;
  if (mode === 'classic' && !provider) {
    r.problems.push(
      `provider: is required in classic mode (one of ${PROVIDERS.join(', ')})`,
    );
  }

  let clusterClass: ClusterProfile['clusterClass'];
  if (mode === 'clusterclass' || r.has('clusterClass')) {
    clusterClass = {
      name: r.requiredString('clusterClass.name'),
      namespace: r.string('clusterClass.namespace'),
      variables: r.object('clusterClass.variables') ?? {},
      workerClass: r.string('clusterClass.workerClass') ?? DEFAULT_WORKER_CLASS,
      machineSizeVariable: r.string('clusterClass.machineSizeVariable'),
      controlPlaneMachineSizeVariable: r.string(
        'clusterClass.controlPlaneMachineSizeVariable',
      ),
      chainedUpgrades: r.boolean('clusterClass.chainedUpgrades'),
      exposedVariables: r.stringArray('clusterClass.exposedVariables'),
    };
  }

  const machineSizes = readMachineSizes(r);
  const providerSettings = readProviderSettings(
    r,
    provider,
    mode as ClusterProfile['mode'],
    machineSizes,
  );

  const rawVersions = r.stringArray('kubernetesVersions') ?? [];
  if (
    rawVersions.length === 0 &&
    !r.problems.some(p => p.startsWith('kubernetesVersions'))
  ) {
    r.problems.push('kubernetesVersions: at least one version is required');
  }
  for (const v of rawVersions) {
    if (!parseKubernetesVersion(v)) {
      r.problems.push(
        `kubernetesVersions: "${v}" is not a Kubernetes version like v1.31.2`,
      );
    }
  }
  const kubernetesVersions = [
    ...new Set(
      rawVersions
        .filter(v => parseKubernetesVersion(v))
        .map(normalizeKubernetesVersion),
    ),
  ].sort(compareKubernetesVersions);

  const rawDefault = r.string('defaultKubernetesVersion');
  const defaultKubernetesVersion = rawDefault
    ? normalizeKubernetesVersion(rawDefault)
    : undefined;
  if (
    defaultKubernetesVersion &&
    !kubernetesVersions.includes(defaultKubernetesVersion)
  ) {
    r.problems.push(
      `defaultKubernetesVersion: "${rawDefault}" is not one of kubernetesVersions`,
    );
  }

  const controlPlaneSize =
    r.string('controlPlaneSize') ?? machineSizes[0]?.name ?? '';
  if (
    machineSizes.length > 0 &&
    !machineSizes.some(s => s.name === controlPlaneSize)
  ) {
    r.problems.push(
      `controlPlaneSize: "${controlPlaneSize}" is not one of machineSizes`,
    );
  }

  const addonLabels = r.stringMap('addonLabels');
  r.problems.push(...validateLabels('addonLabels', addonLabels));

  const profile: ClusterProfile = {
    name,
    title,
    description: r.string('description'),
    managementCluster,
    namespace,
    mode: mode as ClusterProfile['mode'],
    provider,
    clusterClass,
    ...providerSettings,
    kubernetesVersions,
    defaultKubernetesVersion,
    machineSizes,
    controlPlaneSize,
    addonLabels,
    autoscaler: r.boolean('autoscaler') ?? false,
    limits: {
      maxNodePools:
        r.number('limits.maxNodePools', { min: 1, integer: true }) ??
        DEFAULT_MAX_NODE_POOLS,
      maxReplicas:
        r.number('limits.maxReplicas', { min: 1, integer: true }) ??
        DEFAULT_MAX_REPLICAS,
    },
  };

  if (r.problems.length > 0) {
    throw new Error(
      `Invalid cluster profile "${name}" (capi.profiles.${name}): ${r.problems.join(
        '; ',
      )}`,
    );
  }
  return profile;
}

/**
 * Reads and checks the cluster profiles under `capi.profiles`, in config
 * order. Throws an Error naming the profile and each bad key.
 *
 * @public
 */
export function readClusterProfiles(config: Config): ClusterProfile[] {
  const profiles = config.getOptionalConfig('capi.profiles');
  if (!profiles) {
    return [];
  }
  return profiles
    .keys()
    .map(name => readProfile(name, profiles.getConfig(name)));
}
