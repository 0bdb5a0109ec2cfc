import type { Config } from '@backstage/config';
import {
  CAPSTAN_PREFIX,
  DEFAULT_PATCH_ANNOTATIONS,
  PatchState,
} from '@capstan/plugin-capi-common';
import type {
  CapiPatchStateProvider,
  PatchStateMachine,
  PatchStateNode,
} from '@capstan/plugin-capi-node';
import { parseRfc3339 } from './rfc3339';

/**
 * Annotation keys the built-in provider reads.
 *
 * @public
 */
export type PatchAnnotationKeys = {
  -readonly [K in keyof typeof DEFAULT_PATCH_ANNOTATIONS]: string;
};

/**
 * Reads `capi.patch.annotations`: `prefix` replaces `capstan.dev/` in every
 * default key; each key can also be set on its own.
 *
 * @public
 */
export function readPatchAnnotationKeys(config: Config): PatchAnnotationKeys {
  const section = config.getOptionalConfig('capi.patch.annotations');
  const prefix = section?.getOptionalString('prefix') ?? CAPSTAN_PREFIX;
  const keys = {} as PatchAnnotationKeys;
  for (const [field, defaultKey] of Object.entries(DEFAULT_PATCH_ANNOTATIONS)) {
    const name = field as keyof PatchAnnotationKeys;
    keys[name] =
      section?.getOptionalString(name) ??
      `${prefix}${defaultKey.slice(CAPSTAN_PREFIX.length)}`;
  }
  return keys;
}

function count(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** RFC 3339 only: a bare number or an out-of-range year is no time. */
function timestamp(value: string | undefined): string | undefined {
  return parseRfc3339(value) === undefined ? undefined : value!.trim();
}

/**
 * The built-in patch state provider: annotations that the company's patch
 * controller writes on Machines (or their Nodes).
 *
 * @public
 */
export class AnnotationPatchStateProvider implements CapiPatchStateProvider {
  readonly name = 'annotations';
  readonly keys: PatchAnnotationKeys;

  constructor(keys: PatchAnnotationKeys) {
    this.keys = keys;
  }

  /** Whether an annotation is one this provider reads (so the cache keeps it). */
  isPatchAnnotation(key: string): boolean {
    return Object.values(this.keys).includes(key);
  }

  getPatchState(
    machine: PatchStateMachine,
    node?: PatchStateNode,
  ): Partial<PatchState> | undefined {
    const a = { ...node?.annotations, ...machine.annotations };
    const k = this.keys;
    const report: Partial<PatchState> = {};
    const lastPatched = timestamp(a[k.lastPatched]);
    const pendingUpdates = count(a[k.pendingUpdates]);
    const pendingSecurityUpdates = count(a[k.pendingSecurityUpdates]);
    const securityPendingSince = timestamp(a[k.securityPendingSince]);
    if (lastPatched) report.lastPatched = lastPatched;
    if (pendingUpdates !== undefined) report.pendingUpdates = pendingUpdates;
    if (pendingSecurityUpdates !== undefined) {
      report.pendingSecurityUpdates = pendingSecurityUpdates;
    }
    if (securityPendingSince)
      report.securityPendingSince = securityPendingSince;
    if (a[k.rebootRequired] !== undefined) {
      report.rebootRequired =
        a[k.rebootRequired].trim().toLowerCase() === 'true';
    }
    if (
      lastPatched &&
      pendingUpdates === undefined &&
      pendingSecurityUpdates === undefined
    ) {
      // Patched and nothing reported pending: the controller writes counts
      // only when there is something to install.
      report.pendingUpdates = 0;
      report.pendingSecurityUpdates = 0;
    }
    return Object.keys(report).length > 0 ? report : undefined;
  }
}
