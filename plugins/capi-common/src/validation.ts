import { machineSizeTitle, type MachineSizeDescription } from './machineSizes';

/**
 * Input rules shared by the scaffolder actions (which enforce them) and the
 * frontend form fields (which show them early). Each function returns the
 * problems it found as sentences; an empty list means valid.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Cluster names become DNS labels and the prefix of generated object names,
 * so they must be DNS-1123 labels. 63 is the Kubernetes label limit; we keep
 * to it because Cluster names are also used as label values.
 *
 * @public
 */
export const MAX_CLUSTER_NAME_LENGTH = 63;

/** @public */
export const MAX_NODE_POOL_NAME_LENGTH = 63;

/**
 * Problems with a DNS-1123 label such as a cluster or node pool name.
 *
 * @public
 */
export function validateDnsLabel(
  what: string,
  value: unknown,
  maxLength = 63,
): string[] {
  if (typeof value !== 'string' || value.length === 0) {
    return [`${what} is required`];
  }
  const problems: string[] = [];
  if (value.length > maxLength) {
    problems.push(
      `${what} "${value}" is ${value.length} characters long; at most ${maxLength} are allowed`,
    );
  }
  if (!DNS1123_LABEL.test(value)) {
    problems.push(
      `${what} "${value}" must consist of lower case letters, digits and '-', and start and end with a letter or digit`,
    );
  }
  return problems;
}

/**
 * An IPv4 CIDR block.
 *
 * @public
 */
export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
}

/**
 * Parses an IPv4 CIDR; undefined when invalid or when host bits are set.
 *
 * @public
 */
export function parseIpv4Cidr(value: string): Ipv4Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(
    value.trim(),
  );
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some(o => o > 255) || prefix > 32) {
    return undefined;
  }
  const address =
    ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>>
    0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((address & mask) >>> 0 !== address) {
    return undefined;
  }
  return { network: address, prefix };
}

/**
 * Whether two CIDR blocks share any address.
 *
 * @public
 */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (a.network & mask) >>> 0 === (b.network & mask) >>> 0;
}

/**
 * A node pool as a developer describes it.
 *
 * @public
 */
export interface NodePoolInput {
  name: string;
  size: string;
  replicas?: number;
  autoscaling?: { min?: number; max?: number };
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
}

/**
 * Limits from a cluster profile that node pools must respect.
 *
 * @public
 */
export interface NodePoolLimits {
  machineSizes: readonly string[];
  /** What the sizes stand for, so problems name them in words ("Medium (4 vCPU, 16 GiB)"). */
  sizeDescriptions?: readonly MachineSizeDescription[];
  maxNodePools: number;
  maxReplicas: number;
  /** Whether the cluster autoscaler runs in the profile's clusters. */
  autoscaler: boolean;
}

const LABEL_KEY_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))
  ) {
    return false;
  }
  return name.length <= 63 && LABEL_KEY_NAME.test(name);
}

/**
 * Problems with a Kubernetes label map.
 *
 * @public
 */
export function validateLabels(
  what: string,
  labels: Record<string, string> | undefined,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (!isLabelKey(key)) {
      problems.push(`${what}: "${key}" is not a valid label key`);
    }
    if (
      typeof value !== 'string' ||
      value.length > 63 ||
      !LABEL_VALUE.test(value)
    ) {
      problems.push(
        `${what}: the value of label "${key}" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      );
    }
  }
  return problems;
}

/** The profile's sizes for a sentence: "Small (2 vCPU, 8 GiB), Medium (…) or Large (…)". */
function sizesInWords(limits: NodePoolLimits): string {
  const words = limits.machineSizes.map(name => {
    const size = limits.sizeDescriptions?.find(s => s.name === name);
    return size ? machineSizeTitle(size) : name;
  });
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
    : words.join('');
}

/**
 * Problems with one node pool. `replicas` and autoscaling follow CAPI: with
 * autoscaling on, min and max are both set, min ≤ max, and replicas (if
 * given) lies between them.
 *
 * @public
 */
export function validateNodePool(
  pool: NodePoolInput,
  limits: NodePoolLimits,
): string[] {
  const label = `node pool "${pool.name ?? ''}"`;
  const problems = validateDnsLabel(
    'node pool name',
    pool.name,
    MAX_NODE_POOL_NAME_LENGTH,
  );
  const sizes = sizesInWords(limits);
  if (!pool.size) {
    problems.push(`${label}: choose a size (${sizes})`);
  } else if (!limits.machineSizes.includes(pool.size)) {
    problems.push(
      `${label}: unknown size "${pool.size}"; choose one of ${sizes}`,
    );
  }
  const isCount = (n: unknown) =>
    typeof n === 'number' && Number.isInteger(n) && n >= 0;
  const withinMax = (what: string, n: number) => {
    if (n > limits.maxReplicas) {
      problems.push(
        `${label}: ${what} ${n} exceeds the profile's limit of ${limits.maxReplicas}`,
      );
    }
  };
  if (pool.replicas !== undefined) {
    if (!isCount(pool.replicas)) {
      problems.push(`${label}: replicas must be a whole number ≥ 0`);
    } else {
      withinMax('replicas', pool.replicas);
    }
  }
  const { min, max } = pool.autoscaling ?? {};
  if (pool.autoscaling && (min !== undefined || max !== undefined)) {
    // Said beside the bounds' own problems (min > max too), so that a
    // profile without an autoscaler does not hide them.
    if (!limits.autoscaler) {
      problems.push(
        `${label}: autoscaling is not available in this profile (no cluster autoscaler)`,
      );
    }
    if (min === undefined || max === undefined) {
      problems.push(`${label}: set both autoscaling min and max, or neither`);
    } else if (!isCount(min) || !isCount(max)) {
      problems.push(
        `${label}: autoscaling min and max must be whole numbers ≥ 0`,
      );
    } else {
      if (min > max) {
        problems.push(
          `${label}: autoscaling min ${min} is greater than max ${max}`,
        );
      }
      withinMax('autoscaling max', max);
      if (
        pool.replicas !== undefined &&
        isCount(pool.replicas) &&
        (pool.replicas < min || pool.replicas > max)
      ) {
        problems.push(
          `${label}: replicas ${pool.replicas} must lie between autoscaling min ${min} and max ${max}`,
        );
      }
    }
  } else if (pool.replicas === undefined) {
    problems.push(`${label}: set replicas, or autoscaling min and max`);
  }
  problems.push(...validateLabels(label, pool.labels));
  for (const taint of pool.taints ?? []) {
    if (!isLabelKey(taint.key ?? '')) {
      problems.push(`${label}: taint key "${taint.key}" is not valid`);
    }
    if (!TAINT_EFFECTS.includes(taint.effect)) {
      problems.push(
        `${label}: taint effect "${
          taint.effect
        }" must be one of ${TAINT_EFFECTS.join(', ')}`,
      );
    }
  }
  return problems;
}

/**
 * Problems with a cluster's node pool list: each pool, duplicate names and
 * the profile's pool count limit.
 *
 * @public
 */
export function validateNodePools(
  pools: NodePoolInput[],
  limits: NodePoolLimits,
): string[] {
  const problems = pools.flatMap(p => validateNodePool(p, limits));
  const seen = new Set<string>();
  for (const pool of pools) {
    if (seen.has(pool.name)) {
      problems.push(`node pool name "${pool.name}" is used more than once`);
    }
    seen.add(pool.name);
  }
  if (pools.length > limits.maxNodePools) {
    problems.push(
      `${pools.length} node pools exceed the profile's limit of ${limits.maxNodePools}`,
    );
  }
  return problems;
}
