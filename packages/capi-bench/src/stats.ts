/** Latency samples in milliseconds, summarised. */
export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    throw new Error('percentile of an empty sample');
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max: round(sorted[sorted.length - 1]),
  };
}

export interface MeasureOptions {
  /** Untimed calls first (connection set-up, JIT). */
  warmup?: number;
  /** Stop after this many timed calls... */
  iterations: number;
  /** ...or after this long, whichever comes first (at least one call is timed). */
  maxMs: number;
}

/** Runs `fn` sequentially and returns each call's duration in ms. */
export async function measure(
  fn: () => Promise<unknown>,
  options: MeasureOptions,
): Promise<number[]> {
  for (let i = 0; i < (options.warmup ?? 0); i++) {
    await fn();
  }
  const samples: number[] = [];
  const deadline = performance.now() + options.maxMs;
  while (
    samples.length < options.iterations &&
    (samples.length === 0 || performance.now() < deadline)
  ) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Polls `check` every `intervalMs` until it returns a value, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError ? `: ${(lastError as Error).message}` : '';
      throw new Error(
        `Timed out after ${options.timeoutMs} ms waiting for ${what}${reason}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

/**
 * Used heap in bytes after full collections (needs `--expose-gc`, else
 * without), yielding in between so pending finalisation and timers settle.
 */
export async function heapUsedAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; gc && i < 3; i++) {
    gc();
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

export function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}
