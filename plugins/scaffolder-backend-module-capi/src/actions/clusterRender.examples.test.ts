import { createActionHarness } from '../__testUtils__/actionHarness';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import { examples } from './clusterRender.examples';
import { createClusterRenderAction } from './clusterRender';

describe('clusterRender examples', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const { outputs } = await h.run(
      createClusterRenderAction(h.options),
      input,
    );
    expect(outputs.path).toBe(
      `clusters/${outputs.managementCluster}/${outputs.namespace}/${input.name}`,
    );
    expect(outputs.files).toHaveLength(3);
  });
});
