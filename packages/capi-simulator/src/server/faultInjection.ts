import { FaultOptions } from '../types';
import { KubeStatusError } from './status';

/** The latency and error rate a management cluster injects into its resource requests. */
export class FaultInjection {
  readonly #random: () => number;
  #faults: Required<FaultOptions>;

  constructor(faults?: FaultOptions, random?: () => number) {
    this.#faults = { latencyMs: 0, errorRate: 0, ...faults };
    this.#random = random ?? Math.random;
  }

  get faults(): Required<FaultOptions> {
    return { ...this.#faults };
  }

  set(faults: FaultOptions) {
    if (
      faults.errorRate !== undefined &&
      !(faults.errorRate >= 0 && faults.errorRate <= 1)
    ) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'errorRate must be between 0 and 1',
      );
    }
    if (faults.latencyMs !== undefined && !(faults.latencyMs >= 0)) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'latencyMs must be 0 or more',
      );
    }
    const defined = Object.fromEntries(
      Object.entries(faults).filter(([, v]) => v !== undefined),
    );
    this.#faults = { ...this.#faults, ...defined };
  }

  /** Waits the configured latency, then fails the request at the configured rate. */
  async apply(): Promise<void> {
    if (this.#faults.latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, this.#faults.latencyMs));
    }
    if (this.#faults.errorRate > 0 && this.#random() < this.#faults.errorRate) {
      throw new KubeStatusError(
        500,
        'InternalError',
        'Internal error occurred: injected by capi-simulator',
      );
    }
  }
}
