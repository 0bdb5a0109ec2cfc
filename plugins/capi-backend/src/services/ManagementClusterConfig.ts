import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * How the backend authenticates to a management cluster.
 *
 * @public
 */
export type ManagementClusterAuth =
  | { type: 'serviceAccountToken'; token: string }
  | { type: 'kubeconfig'; file?: string; context?: string }
  | { type: 'inCluster' };

/**
 * One entry of `capi.managementClusters`, checked.
 *
 * @public
 */
export interface ManagementClusterSpec {
  name: string;
  title: string;
  /** API server URL; undefined when the kubeconfig or in-cluster config provides it. */
  url?: string;
  auth: ManagementClusterAuth;
  /** CA bundle, PEM or base64 of PEM as in a kubeconfig. */
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
}

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function readEntry(entry: Config, index: number): ManagementClusterSpec {
  const rawName = entry.getOptionalString('name');
  const label = rawName ? `"${rawName}"` : `#${index}`;
  const fail = (message: string): never => {
    throw new InputError(
      `Invalid management cluster ${label} (capi.managementClusters[${index}]): ${message}`,
    );
  };
  const read = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      return fail((error as Error).message);
    }
  };
  if (!rawName) {
    fail('name is required');
  }
  const name = rawName as string;
  if (name.length > 63 || !NAME_PATTERN.test(name)) {
    fail(
      'name must be a DNS label (lower case letters, digits and "-", at most 63 characters)',
    );
  }
  const title = read(() => entry.getOptionalString('title')) ?? name;
  const url = read(() => entry.getOptionalString('url'));
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    // Never echo the URL itself: it may carry a password.
    if (
      !parsed ||
      (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    ) {
      fail('url is not an http(s) URL');
    }
    if (parsed!.username || parsed!.password) {
      fail(
        'url must not contain credentials (user name or password); use auth.token, a kubeconfig or in-cluster credentials',
      );
    }
    if (parsed!.search || parsed!.hash) {
      fail(
        'url must not have a query or fragment (they can carry tokens); use auth.token, a kubeconfig or in-cluster credentials',
      );
    }
  }
  const authType = read(() => entry.getOptionalString('auth.type'));
  let auth: ManagementClusterAuth;
  switch (authType) {
    case 'serviceAccountToken': {
      const token = read(() => entry.getOptionalString('auth.token'));
      if (!token) {
        fail('auth.token is required for auth type serviceAccountToken');
      }
      if (!url) {
        fail('url is required for auth type serviceAccountToken');
      }
      auth = { type: 'serviceAccountToken', token: token as string };
      break;
    }
    case 'kubeconfig':
      auth = {
        type: 'kubeconfig',
        file: read(() => entry.getOptionalString('auth.file')),
        context: read(() => entry.getOptionalString('auth.context')),
      };
      break;
    case 'inCluster':
      auth = { type: 'inCluster' };
      break;
    case undefined:
      return fail(
        'auth.type is required: serviceAccountToken, kubeconfig or inCluster',
      );
    default:
      return fail(
        `auth.type "${authType}" is not one of serviceAccountToken, kubeconfig, inCluster`,
      );
  }
  const caData = read(() => entry.getOptionalString('caData'));
  const caFile = read(() => entry.getOptionalString('caFile'));
  if (caData && caFile) {
    fail('set caData or caFile, not both');
  }
  const skipTLSVerify =
    read(() => entry.getOptionalBoolean('skipTLSVerify')) ?? false;
  return { name, title, url, auth, caData, caFile, skipTLSVerify };
}

/**
 * Reads and checks `capi.managementClusters`. Throws an InputError naming
 * the broken entry; connectivity is not checked here (an unreachable
 * management cluster must not stop the backend from starting).
 *
 * @public
 */
export function readManagementClusters(
  config: Config,
): ManagementClusterSpec[] {
  const entries =
    config.getOptionalConfigArray('capi.managementClusters') ?? [];
  const specs = entries.map(readEntry);
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.name)) {
      throw new InputError(
        `Invalid management cluster "${spec.name}": the name is used more than once in capi.managementClusters`,
      );
    }
    seen.add(spec.name);
  }
  return specs;
}
