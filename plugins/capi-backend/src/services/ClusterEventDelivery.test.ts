import { mockServices } from '@backstage/backend-test-utils';
import { ClusterEventDelivery } from './ClusterEventDelivery';

describe('ClusterEventDelivery', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  function setup(publish: (payload: unknown) => Promise<void>) {
    const logger = mockServices.logger.mock();
    const delivery = new ClusterEventDelivery({
      logger,
      events: {
        publish: e => publish(e.eventPayload),
        subscribe: async () => {},
      },
      attempts: 3,
      initialDelayMs: 1_000,
      maxDelayMs: 4_000,
      attemptTimeoutMs: 10_000,
    });
    return { delivery, logger };
  }

  it('delivers batches one at a time, in order, merging what arrives meanwhile', async () => {
    const delivered: unknown[] = [];
    const { delivery } = setup(async payload => {
      await new Promise(resolve => setTimeout(resolve, 1_000));
      delivered.push(payload);
    });
    delivery.enqueue(['a'], []);
    await jest.advanceTimersByTimeAsync(10); // first batch in flight
    delivery.enqueue(['b'], []);
    delivery.enqueue([], ['a']);
    delivery.enqueue(['c'], ['b']);
    await jest.advanceTimersByTimeAsync(2_000);
    await delivery.idle();
    expect(delivered).toEqual([
      { changed: ['a'], removed: [] },
      { changed: ['c'], removed: ['a', 'b'] },
    ]);
  });

  it('moves on after the attempt timeout without publishing the batch again', async () => {
    const calls: unknown[] = [];
    const { delivery, logger } = setup(async payload => {
      calls.push(payload);
      await new Promise(() => {}); // a subscriber that never returns
    });
    delivery.enqueue(['a'], []);
    await jest.advanceTimersByTimeAsync(10_000);
    await delivery.idle();
    expect(calls).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('took longer than 10000 ms'),
    );
  });

  it('stops retrying once stopped', async () => {
    // Full jitter draws the retry delay from [0, 1000) ms: pin it at 500 ms
    // so the retry is due after stop(), not within the first 10 ms (it drew
    // under 10 ms once in about a hundred runs and the test failed in CI).
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    let calls = 0;
    const { delivery, logger } = setup(async () => {
      calls++;
      throw new Error('503');
    });
    delivery.enqueue(['a'], []);
    await jest.advanceTimersByTimeAsync(10);
    delivery.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    await delivery.idle();
    expect(calls).toBe(1);
    expect(logger.error).not.toHaveBeenCalled();
    delivery.enqueue(['b'], []);
    await delivery.idle();
    expect(calls).toBe(1);
  });
});
