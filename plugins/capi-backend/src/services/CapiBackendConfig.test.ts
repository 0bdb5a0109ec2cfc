import { ConfigReader } from '@backstage/config';
import { readCapiBackendConfig } from './CapiBackendConfig';

describe('readCapiBackendConfig', () => {
  it('reads durations and leaves unset values to the defaults of each part', () => {
    const settings = readCapiBackendConfig(
      new ConfigReader({
        capi: {
          staleAfter: '90s',
          watch: { restartInterval: '7m', pageSize: 250 },
          patch: { policy: { securityOverdueAfter: 'PT24H' } },
          compliance: { retention: '30d' },
        },
      }),
    );
    expect(settings.cache).toMatchObject({
      managementClusters: [],
      staleAfterMs: 90_000,
      timings: {
        restartIntervalMs: 420_000,
        pageSize: 250,
        initialBackoffMs: undefined,
        maxBackoffMs: undefined,
      },
      securityOverdueAfterMs: 86_400_000,
      profiles: [],
    });
    expect(settings.complianceRetentionMs).toBe(30 * 86_400_000);
    expect(settings.complianceSchedule).toEqual({
      frequency: { minutes: 15 },
      timeout: { minutes: 5 },
      initialDelay: { minutes: 1 },
    });
    expect(settings.profiles).toEqual([]);
  });

  it('reads a compliance schedule', () => {
    const settings = readCapiBackendConfig(
      new ConfigReader({
        capi: {
          compliance: {
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 2 } },
          },
        },
      }),
    );
    expect(settings.complianceSchedule).toMatchObject({
      frequency: { hours: 1 },
      timeout: { minutes: 2 },
    });
  });

  it.each([
    ['capi.staleAfter', { staleAfter: 'soon' }],
    ['capi.watch.restartInterval', { watch: { restartInterval: '5 minutes' } }],
    ['capi.compliance.retention', { compliance: { retention: '-1d' } }],
  ])('names the key of a bad duration (%s)', (key, capi) => {
    expect(() => readCapiBackendConfig(new ConfigReader({ capi }))).toThrow(
      key,
    );
  });
});
