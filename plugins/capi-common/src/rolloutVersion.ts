import type { VersionCount } from './types';
import {
  compareKubernetesVersions,
  normalizeKubernetesVersion,
} from './versions';

/**
 * The version a control plane or pool is shown with: its spec version once
 * every machine runs it, else where it comes from and where it goes
 * (`v1.33.2 → v1.34.1`), so that a table never claims a version some of the
 * machines do not run yet. The "from" is the lowest version running other
 * than the target; `versions` are the machines' (CAPI `status.versions`, or
 * counted from the machines).
 *
 * @public
 */
export function versionInRollout(part: {
  version?: string;
  versions?: readonly VersionCount[];
}): string | undefined {
  const target = part.version && normalizeKubernetesVersion(part.version);
  const others = (part.versions ?? [])
    .filter(v => v.replicas > 0)
    .map(v => normalizeKubernetesVersion(v.version))
    .filter(v => !target || compareKubernetesVersions(v, target) !== 0)
    .sort(compareKubernetesVersions);
  if (!target) return others[0];
  return others.length > 0 ? `${others[0]} → ${target}` : target;
}
