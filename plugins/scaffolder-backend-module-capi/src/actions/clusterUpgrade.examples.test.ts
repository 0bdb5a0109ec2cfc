import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import { examples } from './clusterUpgrade.examples';
import { createClusterUpgradeAction } from './clusterUpgrade';

describe('clusterUpgrade examples', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
  });
  afterEach(() => h.close());

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const { outputs } = await h.run(
      createClusterUpgradeAction(h.options),
      input,
    );
    expect(outputs.impact.replaced.length).toBeGreaterThan(0);
    expect(outputs.changed).toBe(true);
  });
});
