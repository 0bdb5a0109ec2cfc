/**
 * Kubernetes versions as CAPI's webhooks read them: `v` + a strict semantic version
 * (blang/semver `Parse` after trimming the `v`). The regular expression is semver.org's.
 */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export interface KubeVersion {
  major: number;
  minor: number;
  patch: number;
  /** As blang/semver prints it: without the `v`. */
  text: string;
}

/** Parses `v1.33.4` or `1.33.4` (tolerant of the missing `v`, like `semver.ParseTolerant`). */
export function parseKubeVersion(value: unknown): KubeVersion | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/^v/, '');
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    text,
  };
}

/** Compares major.minor.patch only (`version.WithoutPreReleases()`). */
export function compareKubeVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The `must start with v` / `must be a valid semantic version` checks CAPI's webhooks share. */
export function versionFieldErrors(
  value: unknown,
): Array<'must start with v' | 'must be a valid semantic version'> {
  const text = typeof value === 'string' ? value : '';
  const problems: Array<
    'must start with v' | 'must be a valid semantic version'
  > = [];
  if (!text.startsWith('v')) problems.push('must start with v');
  if (!SEMVER.test(text.replace(/^v/, '')))
    problems.push('must be a valid semantic version');
  return problems;
}
