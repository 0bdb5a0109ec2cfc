import type { VersionCount } from '@capstan/plugin-capi-common';
import { at, compact, intern, list, num, SharedValues, str } from './read';

/** Pools and clusters of a fleet mostly run the same few version mixes. */
const sharedCounts = new SharedValues<VersionCount[]>(20_000);

/**
 * CAPI v1.14 `versions` lists (`[{version, replicas}]`); undefined when
 * absent or empty. Equal lists are one shared (never mutated) list.
 */
export function readVersionCounts(value: unknown): VersionCount[] | undefined {
  const counts: VersionCount[] = [];
  for (const item of list(value)) {
    const version = str(at(item, 'version'));
    const replicas = num(at(item, 'replicas'));
    if (version && replicas !== undefined && replicas >= 0) {
      counts.push({ version: intern(version), replicas });
    }
  }
  if (counts.length === 0) return undefined;
  const key = counts.map(c => `${c.version}=${c.replicas}`).join(',');
  return sharedCounts.share(key, compact(counts));
}

/** CAPI v1.14 `upgradePlan` lists (`[{version}]`); undefined when absent or empty. */
export function readUpgradePlan(value: unknown): string[] | undefined {
  const plan = list(value)
    .map(item => str(at(item, 'version')))
    .filter((v): v is string => Boolean(v))
    .map(v => intern(v));
  return plan.length > 0 ? plan : undefined;
}
