import {
  ADDON_LABEL_PREFIX,
  labelReachesNodes,
  type NodePoolInput,
} from '@capstan/plugin-capi-common';

/**
 * Rules for names and metadata that Kubernetes, CAPI or Capstan itself
 * reserve, beyond the shared shape rules in capi-common.
 */

/** Pool names that would collide with objects Capstan derives for the control plane. */
const RESERVED_POOL_NAMES = ['control-plane'];

/** Label and taint key prefixes owned by Kubernetes, CAPI and Capstan. */
const RESERVED_PREFIX_DOMAINS = [
  'kubernetes.io',
  'k8s.io',
  'x-k8s.io',
  'capstan.dev',
];

/**
 * Prefixes allowed despite their reserved domain: what CAPI syncs from
 * Machines to Nodes on purpose (capi-common's `labelReachesNodes`), which
 * includes the `node.cluster.x-k8s.io` domain.
 */
const ALLOWED_PREFIXES = [
  'node-role.kubernetes.io',
  'node-restriction.kubernetes.io',
];

const LABEL_VALUE = /^(([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)$/;

function reservedPrefix(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  if (slash < 0) {
    return undefined;
  }
  const prefix = key.slice(0, slash).toLowerCase();
  if (ALLOWED_PREFIXES.includes(prefix) || labelReachesNodes(key)) {
    return undefined;
  }
  return RESERVED_PREFIX_DOMAINS.some(
    domain => prefix === domain || prefix.endsWith(`.${domain}`),
  )
    ? prefix
    : undefined;
}

/** Problems with pool names, label keys and taints that validateNodePool does not catch. */
export function poolRuleProblems(pool: NodePoolInput): string[] {
  const label = `node pool "${pool.name ?? ''}"`;
  const problems: string[] = [];
  if (RESERVED_POOL_NAMES.includes(pool.name)) {
    problems.push(
      `${label}: "${pool.name}" is reserved for the control plane; choose another pool name`,
    );
  }
  for (const key of Object.keys(pool.labels ?? {})) {
    const prefix = reservedPrefix(key);
    if (prefix) {
      problems.push(
        `${label}: label "${key}" uses the reserved prefix "${prefix}/"`,
      );
    }
  }
  for (const taint of pool.taints ?? []) {
    const prefix = reservedPrefix(taint.key ?? '');
    if (prefix) {
      problems.push(
        `${label}: taint "${taint.key}" uses the reserved prefix "${prefix}/"`,
      );
    }
    const value = taint.value;
    if (
      value !== undefined &&
      (typeof value !== 'string' ||
        value.length > 63 ||
        !LABEL_VALUE.test(value))
    ) {
      problems.push(
        `${label}: the value of taint "${taint.key}" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      );
    }
  }
  return problems;
}

/** At most this many add-ons per cluster. */
const MAX_ADDONS = 20;

/**
 * Problems with add-on names beyond their DNS-label shape: duplicates, too
 * many, and names whose label the profile sets itself (an add-on must not
 * override the platform team's add-on settings).
 */
export function addonProblems(
  addons: string[],
  profileAddonLabels: Record<string, string>,
): string[] {
  const problems: string[] = [];
  if (addons.length > MAX_ADDONS) {
    problems.push(
      `at most ${MAX_ADDONS} add-ons are allowed, not ${addons.length}`,
    );
  }
  const seen = new Set<string>();
  for (const addon of addons) {
    if (seen.has(addon)) {
      problems.push(`add-on "${addon}" is listed more than once`);
    }
    seen.add(addon);
    if (
      Object.prototype.hasOwnProperty.call(
        profileAddonLabels,
        `${ADDON_LABEL_PREFIX}${addon}`,
      )
    ) {
      problems.push(
        `add-on "${addon}" is set by the cluster profile and cannot be chosen`,
      );
    }
  }
  return problems;
}
