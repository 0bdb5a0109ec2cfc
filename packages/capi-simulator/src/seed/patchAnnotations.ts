import { DEFAULT_PATCH_ANNOTATIONS } from '@capstan/plugin-capi-common';
import { rfc3339 } from '../store/InMemoryObjectStore';

function hoursAgo(now: Date, hours: number): string {
  return rfc3339(new Date(now.getTime() - hours * 3600_000));
}

/** Patch annotations with a realistic spread: most patched, some pending, a few overdue or awaiting reboot. */
export function patchAnnotations(
  random: () => number,
  now: Date,
): Record<string, string> {
  const r = random();
  const lastPatched = hoursAgo(now, 2 + random() * 24 * 6);
  const base = {
    [DEFAULT_PATCH_ANNOTATIONS.lastPatched]: lastPatched,
    [DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]: '0',
    [DEFAULT_PATCH_ANNOTATIONS.pendingSecurityUpdates]: '0',
    [DEFAULT_PATCH_ANNOTATIONS.rebootRequired]: 'false',
  };
  if (r < 0.7) return base;
  if (r < 0.9) {
    // Security updates pending; beyond 48 hours they are overdue.
    const overdue = r >= 0.84;
    const security = 1 + Math.floor(random() * 5);
    return {
      ...base,
      [DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]: String(
        security + Math.floor(random() * 15),
      ),
      [DEFAULT_PATCH_ANNOTATIONS.pendingSecurityUpdates]: String(security),
      [DEFAULT_PATCH_ANNOTATIONS.securityPendingSince]: hoursAgo(
        now,
        overdue ? 50 + random() * 150 : 1 + random() * 40,
      ),
      [DEFAULT_PATCH_ANNOTATIONS.rebootRequired]:
        overdue && random() < 0.2 ? 'true' : 'false',
    };
  }
  if (r < 0.96) {
    return {
      ...base,
      [DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]: String(
        1 + Math.floor(random() * 10),
      ),
    };
  }
  return { ...base, [DEFAULT_PATCH_ANNOTATIONS.rebootRequired]: 'true' };
}
