/**
 * A parsed Kubernetes version, `v1.31.2` or `1.31.2`.
 *
 * @public
 */
export interface KubernetesVersion {
  major: number;
  minor: number;
  patch: number;
}

const VERSION_PATTERN = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

/**
 * Parses a Kubernetes version; undefined when it isn't one.
 *
 * @public
 */
export function parseKubernetesVersion(
  version: string | undefined,
): KubernetesVersion | undefined {
  const match = version ? VERSION_PATTERN.exec(version.trim()) : null;
  if (!match) {
    return undefined;
  }
  return { major: +match[1], minor: +match[2], patch: +match[3] };
}

/**
 * Orders versions ascending; unparseable versions sort first.
 *
 * @public
 */
export function compareKubernetesVersions(a: string, b: string): number {
  const va = parseKubernetesVersion(a);
  const vb = parseKubernetesVersion(b);
  if (!va || !vb) {
    return (va ? 1 : 0) - (vb ? 1 : 0);
  }
  return va.major - vb.major || va.minor - vb.minor || va.patch - vb.patch;
}

/**
 * Normalises to the `v1.2.3` form CAPI uses.
 *
 * @public
 */
export function normalizeKubernetesVersion(version: string): string {
  const v = parseKubernetesVersion(version);
  return v ? `v${v.major}.${v.minor}.${v.patch}` : version;
}

/**
 * Why an upgrade from one version to another is not allowed, or undefined
 * when it is. Kubernetes allows no downgrade and no skipped minor version.
 *
 * @public
 */
export function checkUpgrade(
  from: string,
  to: string,
  allowed: readonly string[],
): string | undefined {
  const vf = parseKubernetesVersion(from);
  const vt = parseKubernetesVersion(to);
  if (!vt) {
    return `"${to}" is not a Kubernetes version`;
  }
  if (!allowed.some(a => compareKubernetesVersions(a, to) === 0)) {
    return `${normalizeKubernetesVersion(
      to,
    )} is not allowed by the cluster's profile (allowed: ${allowed.join(
      ', ',
    )})`;
  }
  if (!vf) {
    return undefined;
  }
  const order = compareKubernetesVersions(from, to);
  if (order === 0) {
    return `the cluster already runs ${normalizeKubernetesVersion(to)}`;
  }
  if (order > 0) {
    return `${normalizeKubernetesVersion(
      to,
    )} would be a downgrade from ${normalizeKubernetesVersion(from)}`;
  }
  if (vt.major !== vf.major || vt.minor > vf.minor + 1) {
    return `${normalizeKubernetesVersion(
      to,
    )} skips a minor version; upgrade to v${vf.major}.${vf.minor + 1}.x first`;
  }
  return undefined;
}

/**
 * The versions a cluster on `current` may upgrade to, lowest first.
 *
 * @public
 */
export function upgradeOptions(
  current: string | undefined,
  allowed: readonly string[],
): string[] {
  if (!current || !parseKubernetesVersion(current)) {
    return [];
  }
  return allowed
    .filter(v => checkUpgrade(current, v, allowed) === undefined)
    .map(normalizeKubernetesVersion)
    .sort(compareKubernetesVersions);
}
