import type { Config } from '@backstage/config';
import type {
  PatchPolicySummary,
  PatchState,
} from '@capstan/plugin-capi-common';
import { summarisePatchStates } from '@capstan/plugin-capi-common';
import type {
  CapiPatchStateProvider,
  PatchStateMachine,
} from '@capstan/plugin-capi-node';
import { readOptionalDuration } from './duration';
import { parseRfc3339, safeIsoString } from './rfc3339';

const STATES = new Set(['up-to-date', 'pending', 'overdue', 'unknown']);

const HOUR = 3_600_000;

/**
 * Judges what patch state providers report against the configured policy
 * (`capi.patch.policy`).
 *
 * @public
 */
export class PatchPolicy {
  readonly #securityOverdueAfterMs: number;
  readonly #updatesOverdueAfterMs?: number;
  readonly #providers: CapiPatchStateProvider[];

  static fromConfig(
    config: Config,
    providers: CapiPatchStateProvider[],
  ): PatchPolicy {
    return new PatchPolicy({
      securityOverdueAfterMs:
        readOptionalDuration(
          config,
          'capi.patch.policy.securityOverdueAfter',
        ) ?? 48 * HOUR,
      updatesOverdueAfterMs: readOptionalDuration(
        config,
        'capi.patch.policy.updatesOverdueAfter',
      ),
      providers,
    });
  }

  constructor(options: {
    securityOverdueAfterMs: number;
    updatesOverdueAfterMs?: number;
    providers: CapiPatchStateProvider[];
  }) {
    this.#securityOverdueAfterMs = options.securityOverdueAfterMs;
    this.#updatesOverdueAfterMs = options.updatesOverdueAfterMs;
    this.#providers = options.providers;
  }

  get summary(): PatchPolicySummary {
    const result: PatchPolicySummary = {
      securityOverdueAfterHours: this.#securityOverdueAfterMs / HOUR,
    };
    if (this.#updatesOverdueAfterMs !== undefined) {
      result.updatesOverdueAfterHours = this.#updatesOverdueAfterMs / HOUR;
    }
    return result;
  }

  /**
   * The patch state of a machine now, and until when that judgement holds
   * (when pending updates turn overdue), so callers can cache it.
   */
  evaluate(
    machine: PatchStateMachine,
    now: number,
  ): { state: PatchState; validUntil: number } {
    const merged: Partial<PatchState> = {};
    const sources: string[] = [];
    for (const provider of this.#providers) {
      let report: Partial<PatchState> | undefined;
      try {
        report = provider.getPatchState(machine);
      } catch {
        // A broken provider must not break the cache; it simply reports nothing.
        report = undefined;
      }
      if (report && Object.keys(report).length > 0) {
        sources.push(provider.name);
        for (const [key, value] of Object.entries(report)) {
          if (value !== undefined) {
            (merged as Record<string, unknown>)[key] = value;
          }
        }
      }
    }
    return this.judge(merged, now, sources.join(','));
  }

  /** Applies the policy to a merged report. */
  judge(
    report: Partial<PatchState>,
    now: number,
    source?: string,
  ): { state: PatchState; validUntil: number } {
    const state: PatchState = {
      state: 'unknown',
      rebootRequired: report.rebootRequired === true,
    };
    if (source) state.source = source;
    // Providers are plugins: keep only well-formed times and counts, so that
    // one bad report can neither break the fleet view nor be shown as data.
    const lastPatched = parseRfc3339(report.lastPatched);
    const pendingSince = parseRfc3339(report.securityPendingSince);
    const security = countOf(report.pendingSecurityUpdates);
    const updates = countOf(report.pendingUpdates);
    if (lastPatched !== undefined) state.lastPatched = report.lastPatched;
    if (updates !== undefined) state.pendingUpdates = updates;
    if (security !== undefined) state.pendingSecurityUpdates = security;
    if (pendingSince !== undefined) {
      state.securityPendingSince = report.securityPendingSince;
    }

    let validUntil = Infinity;
    const known = security !== undefined || updates !== undefined;
    if (security !== undefined && security > 0) {
      // Without a usable "pending since" the deadline is unknown: report it
      // as unknown (it counts against compliance) rather than pending forever.
      const due =
        pendingSince === undefined
          ? undefined
          : pendingSince + this.#securityOverdueAfterMs;
      const dueBy = due === undefined ? undefined : safeIsoString(due);
      if (due !== undefined && dueBy !== undefined) {
        state.dueBy = dueBy;
        state.state = now >= due ? 'overdue' : 'pending';
        if (now < due) validUntil = due;
      }
    } else if (updates !== undefined && updates > 0) {
      state.state = 'pending';
      if (
        this.#updatesOverdueAfterMs !== undefined &&
        lastPatched !== undefined
      ) {
        const due = lastPatched + this.#updatesOverdueAfterMs;
        const dueBy = safeIsoString(due);
        if (dueBy !== undefined) {
          state.dueBy = dueBy;
          if (now >= due) state.state = 'overdue';
          else validUntil = due;
        }
      }
    } else if (known) {
      state.state = 'up-to-date';
    } else if (report.state && STATES.has(report.state)) {
      // A provider that judges by itself and reports no counts.
      state.state = report.state;
      if (parseRfc3339(report.dueBy) !== undefined) state.dueBy = report.dueBy;
    }
    return { state, validUntil };
  }
}

function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? value
    : undefined;
}

/**
 * Counts machines per patch state: capi-common's
 * {@link @capstan/plugin-capi-common#summarisePatchStates}, the one
 * function every view counts with.
 *
 * @public
 */
export const summarisePatch = summarisePatchStates;
