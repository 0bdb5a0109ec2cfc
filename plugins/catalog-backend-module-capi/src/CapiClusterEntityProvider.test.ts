import { CAPI_LOCATION_KEY } from './clusterToEntity';
import {
  makeClusterSummary,
  makeManagementClusterHealth,
} from './testing/makeClusterSummary';
import {
  alpha,
  beta,
  gamma,
  namesOf,
  providerHarness,
  Setup,
} from './__testUtils__/providerHarness';

describe('CapiClusterEntityProvider', () => {
  const { start } = providerHarness();
  let setup: Setup;

  describe('full refresh', () => {
    it('emits every cluster of every page as a full mutation, reading with a service token', async () => {
      setup = await start({ pageSize: 2 });
      setup.fleet.set(alpha, beta, gamma);

      await setup.runScheduledRefresh();

      expect(setup.mutations).toHaveLength(1);
      const mutation = setup.mutations[0];
      expect(mutation.type).toBe('full');
      if (mutation.type !== 'full') return;
      expect(namesOf(mutation.entities)).toEqual(
        [gamma.entityName, alpha.entityName, beta.entityName].sort(),
      );
      expect(
        mutation.entities.every(e => e.locationKey === CAPI_LOCATION_KEY),
      ).toBe(true);
      expect(
        mutation.entities.find(e => e.entity.metadata.title === 'alpha')?.entity
          .spec?.owner,
      ).toBe('group:default/a');
      expect(
        mutation.entities.find(e => e.entity.metadata.title === 'beta')?.entity
          .spec?.owner,
      ).toBe('group:default/platform');

      expect(setup.fleet.requests.map(r => r.path)).toEqual([
        '/fleet?offset=0&limit=2&view=summaries',
        '/fleet?offset=2&limit=2&view=summaries',
      ]);
      for (const { authorization } of setup.fleet.requests) {
        expect(authorization).toMatch(/^Bearer mock-service-token:/);
        expect(authorization).toContain('"target":"capi"');
      }
    });

    it('removes clusters that are gone on the next full refresh', async () => {
      setup = await start();
      setup.fleet.set(alpha, beta);
      await setup.runScheduledRefresh();
      setup.fleet.clusters.delete(beta.id);
      await setup.runScheduledRefresh();

      const last = setup.mutations[1];
      expect(last.type).toBe('full');
      expect(last.type === 'full' && namesOf(last.entities)).toEqual(
        [alpha.entityName].sort(),
      );
    });

    it('emits an empty full mutation for an empty, synced fleet', async () => {
      setup = await start();
      setup.fleet.managementClusters = [makeManagementClusterHealth('mc-fra')];
      await setup.runScheduledRefresh();
      expect(setup.mutations).toEqual([{ type: 'full', entities: [] }]);
    });

    it.each([
      ['down', { state: 'down' as const }, 'warn'],
      ['connecting', { state: 'connecting' as const }, 'info'],
      ['stale', { state: 'degraded' as const, stale: true }, 'warn'],
      [
        'degraded and never synced by the answering instance',
        { state: 'degraded' as const, lastSyncAt: undefined },
        'info',
      ],
    ] as const)(
      'only upserts, never removes, while a management cluster is %s (logged at %s)',
      async (_, health, level) => {
        setup = await start();
        setup.fleet.set(alpha, gamma);
        setup.fleet.managementClusters = [
          makeManagementClusterHealth('mc-fra'),
          makeManagementClusterHealth('mc-aws', health),
        ];

        await setup.runScheduledRefresh();

        expect(setup.mutations).toHaveLength(1);
        const mutation = setup.mutations[0];
        expect(mutation.type).toBe('delta');
        if (mutation.type !== 'delta') return;
        expect(namesOf(mutation.added)).toEqual(
          [gamma.entityName, alpha.entityName].sort(),
        );
        expect(mutation.removed).toEqual([]);
        // A start (connecting, not synced yet) is no fault; down or stale is.
        expect(setup.logger[level]).toHaveBeenCalledWith(
          expect.stringContaining('management cluster mc-aws is'),
        );
        expect(
          setup.logger[level === 'info' ? 'warn' : 'info'],
        ).not.toHaveBeenCalledWith(
          expect.stringContaining('Cluster list incomplete'),
        );
      },
    );

    it('still removes gone clusters of the management clusters the list covers while another is down', async () => {
      setup = await start();
      setup.fleet.set(alpha, beta, gamma);
      await setup.runScheduledRefresh(); // complete: full mutation
      setup.fleet.clusters.delete(beta.id);
      setup.fleet.clusters.delete(gamma.id);
      setup.fleet.managementClusters = [
        makeManagementClusterHealth('mc-fra'),
        makeManagementClusterHealth('mc-aws', { state: 'down' }),
      ];

      await setup.runScheduledRefresh();

      const mutation = setup.mutations[1];
      expect(mutation.type).toBe('delta');
      if (mutation.type !== 'delta') return;
      expect(namesOf(mutation.added)).toEqual([alpha.entityName].sort());
      // beta is gone from mc-fra, which the list covers; gamma's mc-aws is
      // down, so its absence means nothing and its entity stays.
      expect(mutation.removed).toEqual([
        {
          entityRef: `resource:default/${beta.entityName}`,
          locationKey: CAPI_LOCATION_KEY,
        },
      ]);
    });

    it('only upserts when a later page comes from an instance that has not synced a management cluster', async () => {
      setup = await start({ pageSize: 1 });
      setup.fleet.set(alpha, gamma);
      // Page 1 from a synced replica; page 2 from one that just started.
      setup.fleet.pageHealth = offset =>
        offset === 0
          ? setup.fleet.managementClusters
          : [
              makeManagementClusterHealth('mc-fra'),
              makeManagementClusterHealth('mc-aws', {
                state: 'connecting',
                lastSyncAt: undefined,
              }),
            ];

      await setup.runScheduledRefresh();

      expect(setup.mutations.map(m => m.type)).toEqual(['delta']);
      const [mutation] = setup.mutations;
      expect(mutation.type === 'delta' && mutation.removed).toEqual([]);
      // A replica that just started is no fault: info, not a warning.
      expect(setup.logger.info).toHaveBeenCalledWith(
        expect.stringContaining('management cluster mc-aws is not synced yet'),
      );
    });

    it('only upserts when the fleet changes between pages', async () => {
      setup = await start({ pageSize: 1 });
      setup.fleet.set(alpha, beta);
      setup.fleet.afterPage = offset => {
        if (offset === 0) setup.fleet.clusters.delete(alpha.id);
      };

      await setup.runScheduledRefresh();

      expect(setup.mutations.map(m => m.type)).toEqual(['delta']);
      expect(setup.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('the fleet changed while it was being read'),
      );
    });

    it('logs and applies nothing when the capi backend fails', async () => {
      setup = await start();
      setup.fleet.set(alpha);
      setup.fleet.failWith = 503;

      await expect(setup.runScheduledRefresh()).resolves.toBeUndefined();

      expect(setup.mutations).toEqual([]);
      expect(setup.logger.error).toHaveBeenCalledWith(
        expect.stringContaining('Full refresh of CAPI cluster entities failed'),
      );
    });

    it('refresh() rejects with the capi backend error for direct callers', async () => {
      setup = await start();
      setup.fleet.failWith = 500;
      await expect(setup.provider.refresh()).rejects.toThrow(/500/);
    });

    it('leaves scaffolded clusters to their catalog-info.yaml with skipScaffolded', async () => {
      setup = await start({ skipScaffolded: true });
      const scaffolded = makeClusterSummary({
        name: 'scaffolded',
        labels: { 'capstan.dev/profile': 'onprem-fra-prod' },
      });
      setup.fleet.set(alpha, scaffolded);

      await setup.runScheduledRefresh();

      const mutation = setup.mutations[0];
      expect(mutation.type === 'full' && namesOf(mutation.entities)).toEqual(
        [alpha.entityName].sort(),
      );
    });
  });
});
