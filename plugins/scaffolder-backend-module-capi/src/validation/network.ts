import { parseIpv4Cidr } from '@capstan/plugin-capi-common';

/**
 * A CIDR in the form it was validated in: the network and prefix that
 * capi-common's `parseIpv4Cidr` read, printed canonically
 * (` 010.1.0.0/16` → `10.1.0.0/16`). The API server's parser rejects
 * leading zeros, and what is written must be what was checked for overlaps.
 * Call only with validated values.
 */
export function normaliseIpv4Cidr(value: string): string {
  const cidr = parseIpv4Cidr(value);
  if (!cidr) {
    throw new TypeError(`"${value}" is not a validated IPv4 CIDR`);
  }
  const { network, prefix } = cidr;
  const octets = [24, 16, 8, 0].map(shift => (network >>> shift) & 0xff);
  return `${octets.join('.')}/${prefix}`;
}
