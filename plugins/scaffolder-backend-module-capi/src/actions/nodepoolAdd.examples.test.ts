import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import { examples } from './nodepoolAdd.examples';
import { createNodePoolAddAction } from './nodepoolAdd';

describe('nodepoolAdd examples', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
  });
  afterEach(() => h.close());

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const { outputs } = await h.run(createNodePoolAddAction(h.options), input);
    expect(outputs.impact.replaced).toEqual([]);
    expect(outputs.changed).toBe(true);
  });
});
