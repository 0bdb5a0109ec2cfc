import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects, listFiles } from '../__testUtils__/gitFixtures';
import { createClusterDecommissionAction } from './clusterDecommission';

describe('capi:cluster:decommission', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
    await h.seedCluster({ ...payments, name: 'keep-me' });
  });
  afterEach(() => h.close());

  it('removes only the cluster folder and states that every machine goes', async () => {
    const { outputs } = await h.run(
      createClusterDecommissionAction(h.options),
      {
        cluster: 'onprem-fra/clusters/payments-prod',
        confirm: 'payments-prod',
      },
    );
    expect(outputs.impact.deleted).toEqual([
      { target: 'control plane', machines: 3, reason: 'cluster deleted' },
      { target: 'node pool general', machines: 3, reason: 'cluster deleted' },
      {
        target: 'node pool batch',
        machines: 6,
        reason: 'cluster deleted',
        atMost: true,
      },
    ]);
    expect(outputs.summary).toMatch(/^Deletes up to 12 machines/);
    // Nothing is replaced when everything goes; the summary doesn't say it.
    expect(outputs.summary).not.toContain('replaced');
    const files = await listFiles(h.bare);
    expect(files.some(f => f.includes('/payments-prod/'))).toBe(false);
    expect(files.filter(f => f.includes('/keep-me/'))).toHaveLength(3);
  });

  it('needs the cluster name as confirmation', async () => {
    await expect(
      h.run(createClusterDecommissionAction(h.options), {
        cluster: 'onprem-fra/clusters/payments-prod',
        confirm: 'payments',
      }),
    ).rejects.toThrow(/does not match the cluster name/);
    expect(await commitSubjects(h.bare)).toHaveLength(3);
  });
});
