import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from './normalizeEntityRef';

/**
 * How Backstage's Kubernetes plugin reaches the workload clusters of one
 * management cluster, written onto each cluster entity as the annotations its
 * catalog cluster locator reads.
 *
 * @public
 */
export interface KubernetesAccessSettings {
  /** `kubernetes.io/auth-provider`, e.g. `oidc`, `aws`, `google`, `aks`. */
  authProvider: string;
  /** `kubernetes.io/oidc-token-provider`, required when authProvider is `oidc`. */
  oidcTokenProvider?: string;
  /**
   * Base64 PEM of the CA that signs the workload clusters' API servers
   * (`kubernetes.io/api-server-certificate-authority`). Empty: the system
   * trust store is used.
   */
  caData: string;
  skipTLSVerify: boolean;
  skipMetricsLookup: boolean;
}

/**
 * The resolved `catalog.providers.capi` config.
 *
 * @public
 */
export interface CapiProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Owner of clusters that carry no (valid) owner. */
  defaultOwner: string;
  system?: string;
  /** Leave clusters the scaffolder created to their catalog-info.yaml. */
  skipScaffolded: boolean;
  /** Page size for reading the fleet, 1..500. */
  pageSize: number;
  /** URL of a management cluster's page, `{managementCluster}` is replaced. */
  managementClusterUrlTemplate?: string;
  kubernetes: {
    /** Settings for every management cluster, unless overridden. */
    default?: KubernetesAccessSettings;
    /** Per management cluster name. */
    managementClusters: Record<string, KubernetesAccessSettings>;
  };
}

/** @public */
export const DEFAULT_CAPI_PROVIDER_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 30 },
    timeout: { minutes: 5 },
  };

/** @public */
export const DEFAULT_CLUSTER_OWNER = 'group:default/unassigned';

const MAX_PAGE_SIZE = 500;

/**
 * Reads and checks `catalog.providers.capi`. Throws an InputError naming the
 * key when a value can't work.
 *
 * @public
 */
export function readCapiProviderConfig(rootConfig: Config): CapiProviderConfig {
  const config =
    rootConfig.getOptionalConfig('catalog.providers.capi') ??
    new ConfigReader({});
  const prefix = 'catalog.providers.capi';

  const defaultOwner =
    config.getOptionalString('defaultOwner') ?? DEFAULT_CLUSTER_OWNER;
  checkEntityRef(defaultOwner, 'group', `${prefix}.defaultOwner`);
  const system = config.getOptionalString('system');
  if (system !== undefined) {
    checkEntityRef(system, 'system', `${prefix}.system`);
  }

  const pageSize = config.getOptionalNumber('pageSize') ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InputError(
      `${prefix}.pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`,
    );
  }

  const managementClusterUrlTemplate = config.getOptionalString(
    'managementClusterUrlTemplate',
  );
  if (managementClusterUrlTemplate !== undefined) {
    checkUrl(
      managementClusterUrlTemplate.replace('{managementCluster}', 'x'),
      `${prefix}.managementClusterUrlTemplate`,
    );
  }

  const kubernetesConfig = config.getOptionalConfig('kubernetes');
  const managementClusters: Record<string, KubernetesAccessSettings> = {};
  let defaultAccess: KubernetesAccessSettings | undefined;
  if (kubernetesConfig) {
    defaultAccess = readAccess(kubernetesConfig, `${prefix}.kubernetes`, false);
    const overrides = kubernetesConfig.getOptionalConfig('managementClusters');
    for (const name of overrides?.keys() ?? []) {
      const access = readAccess(
        overrides!.getConfig(name),
        `${prefix}.kubernetes.managementClusters.${name}`,
        true,
      )!;
      managementClusters[name] = access;
    }
  }

  return {
    schedule: config.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_CAPI_PROVIDER_SCHEDULE,
    defaultOwner,
    system,
    skipScaffolded: config.getOptionalBoolean('skipScaffolded') ?? false,
    pageSize,
    managementClusterUrlTemplate,
    kubernetes: { default: defaultAccess, managementClusters },
  };
}

/**
 * Reads one access block. A management cluster's block replaces the default
 * block as a whole, so a cluster never mixes two CAs or auth setups.
 */
function readAccess(
  config: Config,
  path: string,
  required: boolean,
): KubernetesAccessSettings | undefined {
  const authProvider = config.getOptionalString('authProvider');
  if (authProvider === undefined) {
    if (required) {
      throw new InputError(`${path}.authProvider is required`);
    }
    return undefined;
  }
  if (authProvider === 'serviceAccount') {
    // The kubernetes backend's catalog cluster locator drops such clusters:
    // a token can't be carried in a catalog entity.
    throw new InputError(
      `${path}.authProvider "serviceAccount" is not supported by the Kubernetes plugin's catalog cluster locator; use e.g. oidc, aws, google or aks`,
    );
  }
  const oidcTokenProvider = config.getOptionalString('oidcTokenProvider');
  if (authProvider === 'oidc' && !oidcTokenProvider) {
    throw new InputError(
      `${path}.oidcTokenProvider is required when authProvider is "oidc"`,
    );
  }
  const caData = config.getOptionalString('caData') ?? '';
  if (caData !== '') {
    checkCaData(caData, `${path}.caData`);
  }
  return {
    authProvider,
    oidcTokenProvider,
    caData,
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify') ?? false,
    skipMetricsLookup: config.getOptionalBoolean('skipMetricsLookup') ?? false,
  };
}

function checkEntityRef(ref: string, defaultKind: string, path: string) {
  if (!normalizeEntityRef(ref, defaultKind)) {
    throw new InputError(`${path} is not a valid entity ref: "${ref}"`);
  }
}

function checkUrl(value: string, path: string) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${path} is not a valid URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${path} must be an http(s) URL: "${value}"`);
  }
}

function checkCaData(caData: string, path: string) {
  // The Kubernetes plugin base64-decodes this like kubeconfig's
  // certificate-authority-data; catch a raw PEM or junk at startup.
  const decoded = Buffer.from(caData, 'base64').toString('utf8');
  if (!decoded.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(
      `${path} must be a base64-encoded PEM certificate (like kubeconfig certificate-authority-data)`,
    );
  }
}
