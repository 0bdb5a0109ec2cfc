import ipaddr from 'ipaddr.js';

/**
 * A parsed CIDR block of either IP family.
 *
 * @public
 */
export interface CidrBlock {
  family: 'IPv4' | 'IPv6';
  /** The block printed canonically (`010.1.0.0/16` → `10.1.0.0/16`, IPv6 in RFC 5952 form). */
  canonical: string;
  prefix: number;
}

interface ParsedBlock extends CidrBlock {
  range: [ipaddr.IPv4 | ipaddr.IPv6, number];
}

const FOUR_PART_WITH_ZEROS = /^\d{1,3}(\.\d{1,3}){3}$/;

function parseBlock(value: string): ParsedBlock | undefined {
  const text = value.trim();
  const slash = text.indexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) {
    return undefined;
  }
  let address = text.slice(0, slash);
  const prefix = Number(text.slice(slash + 1));
  // ipaddr.js reads `010` as octal like inet_aton; people mean decimal.
  if (FOUR_PART_WITH_ZEROS.test(address)) {
    address = address
      .split('.')
      .map(octet => String(Number(octet)))
      .join('.');
  }
  if (
    address.includes(':')
      ? !ipaddr.IPv6.isValid(address) || address.includes('%')
      : !ipaddr.IPv4.isValidFourPartDecimal(address)
  ) {
    return undefined;
  }
  const parsed = ipaddr.parse(address);
  const family = parsed.kind() === 'ipv4' ? 'IPv4' : 'IPv6';
  if (prefix > (family === 'IPv4' ? 32 : 128)) {
    return undefined;
  }
  const network =
    family === 'IPv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${prefix}`);
  if (network.toString() !== parsed.toString()) {
    return undefined; // host bits set
  }
  const printed =
    parsed.kind() === 'ipv6'
      ? (parsed as ipaddr.IPv6).toRFC5952String()
      : parsed.toString();
  return {
    family,
    prefix,
    canonical: `${printed}/${prefix}`,
    range: [parsed, prefix],
  };
}

/**
 * Parses an IPv4 or IPv6 CIDR block (no host bits set); undefined when invalid.
 *
 * @public
 */
export function parseCidrBlock(value: string): CidrBlock | undefined {
  const block = parseBlock(value);
  return block
    ? { family: block.family, canonical: block.canonical, prefix: block.prefix }
    : undefined;
}

function overlaps(a: ParsedBlock, b: ParsedBlock): boolean {
  if (a.family !== b.family) {
    return false;
  }
  const [addrA, prefixA] = a.range;
  const [addrB, prefixB] = b.range;
  return prefixA <= prefixB
    ? addrB.match(addrA, prefixA)
    : addrA.match(addrB, prefixB);
}

const FIELDS = [
  { key: 'podCidrs', label: 'pod CIDR', title: 'Pod networks (podCidrs)' },
  {
    key: 'serviceCidrs',
    label: 'service CIDR',
    title: 'Service networks (serviceCidrs)',
  },
] as const;

/**
 * Problems with optional pod and service CIDR lists, as Kubernetes and CAPI
 * take them: each list holds at most one block per IP family, so one block or
 * an IPv4 + IPv6 pair (dual stack); no block overlaps another. The
 * kube-controller-manager's `--cluster-cidr` and the API server's
 * `--service-cluster-ip-range` accept exactly that, and CAPI's Cluster webhook
 * refuses more than two blocks.
 *
 * @public
 */
export function validateClusterNetwork(input: {
  podCidrs?: string[];
  serviceCidrs?: string[];
}): string[] {
  const problems: string[] = [];
  const parsed: Array<{ label: string; block: ParsedBlock }> = [];
  for (const field of FIELDS) {
    const list = input[field.key] ?? [];
    const blocks: ParsedBlock[] = [];
    for (const value of list) {
      const block = parseBlock(value);
      if (!block) {
        problems.push(
          `${field.label} "${value}" is not a valid CIDR block (e.g. 192.168.0.0/16 or fd00:10:244::/56, with no host bits set)`,
        );
      } else {
        blocks.push(block);
        parsed.push({ label: field.label, block });
      }
    }
    problems.push(...familyProblems(field.title, blocks));
  }
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (overlaps(parsed[i].block, parsed[j].block)) {
        problems.push(
          `${parsed[i].label} ${parsed[i].block.canonical} overlaps ${parsed[j].label} ${parsed[j].block.canonical}`,
        );
      }
    }
  }
  return problems;
}

function familyProblems(title: string, blocks: ParsedBlock[]): string[] {
  if (blocks.length > 2) {
    return [
      `${title}: ${blocks.map(b => b.canonical).join(', ')} are ${
        blocks.length
      } blocks; Kubernetes takes one block, or one IPv4 and one IPv6 block for dual stack`,
    ];
  }
  const problems: string[] = [];
  for (const family of ['IPv4', 'IPv6'] as const) {
    const same = blocks.filter(b => b.family === family);
    if (same.length > 1) {
      problems.push(
        `${title}: ${same
          .map(b => b.canonical)
          .join(
            ' and ',
          )} are both ${family}; Kubernetes takes at most one block per IP family (two only as an IPv4 + IPv6 pair for dual stack)`,
      );
    }
  }
  return problems;
}

/**
 * A validated CIDR printed canonically: what is written must be what was
 * checked. Call only with values `validateClusterNetwork` accepted.
 *
 * @public
 */
export function normaliseCidrBlock(value: string): string {
  const block = parseBlock(value);
  if (!block) {
    throw new TypeError(`"${value}" is not a validated CIDR block`);
  }
  return block.canonical;
}
