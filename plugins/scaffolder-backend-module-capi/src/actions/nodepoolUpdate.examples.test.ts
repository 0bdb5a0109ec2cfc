import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import { examples } from './nodepoolUpdate.examples';
import { createNodePoolUpdateAction } from './nodepoolUpdate';

describe('nodepoolUpdate examples', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
  });
  afterEach(() => h.close());

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const { outputs } = await h.run(
      createNodePoolUpdateAction(h.options),
      input,
    );
    expect(outputs.impact.inPlace).toHaveLength(1);
    expect(outputs.changed).toBe(true);
  });
});
