import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NotAllowedError } from '@backstage/errors';
import { createClusterDecommissionAction } from '../actions/clusterDecommission';
import { createClusterRenderAction } from '../actions/clusterRender';
import { createGitopsPublishAction } from '../actions/gitopsPublish';
import { createNodePoolAddAction } from '../actions/nodepoolAdd';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { allRefs, commitRaw } from '../__testUtils__/gitFixtures';

/**
 * A GitOps repository can hold committed symbolic links. A link
 * `clusters/onprem-fra` → a folder outside the clone must never be written
 * through, read through or deleted through.
 */
describe('symbolic links committed to the GitOps repository', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  let outside: string;

  beforeEach(async () => {
    h = await createActionHarness();
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'capstan-outside-'));
    // What an attacker wants to overwrite or delete: a "cluster" outside the clone.
    await fs.mkdir(path.join(outside, 'clusters', 'payments-prod'), {
      recursive: true,
    });
    await fs.writeFile(
      path.join(outside, 'clusters', 'payments-prod', 'cluster.yaml'),
      'precious: true\n',
    );
    await commitRaw(h.bare, 'Link a management cluster outside', async dir => {
      await fs.mkdir(path.join(dir, 'clusters'), { recursive: true });
      await fs.symlink(outside, path.join(dir, 'clusters', 'onprem-fra'));
    });
  });

  afterEach(async () => {
    await h.close();
    await fs.rm(outside, { recursive: true, force: true });
  });

  async function outsideFiles() {
    const found: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await fs.readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else
          found.push(
            `${path.relative(outside, full)}=${await fs.readFile(
              full,
              'utf8',
            )}`,
          );
      }
    };
    await walk(outside);
    return found.sort();
  }

  it('publishing a new cluster does not write through the link', async () => {
    const before = await outsideFiles();
    const refs = await allRefs(h.bare);
    const rendered = await h
      .run(createClusterRenderAction(h.options), {
        ...payments,
        name: 'new-one',
      })
      .catch(e => e);
    // Render reads Git for the name and refuses to follow the link.
    expect(rendered).toBeInstanceOf(NotAllowedError);
    expect(rendered.message).toMatch(/clusters\/onprem-fra is a symbolic link/);
    expect(await outsideFiles()).toEqual(before);
    expect(await allRefs(h.bare)).toEqual(refs);
  });

  it('a publish whose target turned into a link after rendering is refused', async () => {
    const fresh = await createActionHarness();
    try {
      const rendered = await fresh.run(
        createClusterRenderAction(fresh.options),
        {
          ...payments,
          name: 'new-one',
        },
      );
      await commitRaw(fresh.bare, 'Link after render', async dir => {
        await fs.mkdir(path.join(dir, 'clusters'), { recursive: true });
        await fs.symlink(outside, path.join(dir, 'clusters', 'onprem-fra'));
      });
      const before = await outsideFiles();
      const refs = await allRefs(fresh.bare);
      await expect(
        fresh.run(
          createGitopsPublishAction(fresh.options),
          { sourcePath: rendered.outputs.path },
          { workspacePath: rendered.workspacePath },
        ),
      ).rejects.toThrow(/is a symbolic link/);
      expect(await outsideFiles()).toEqual(before);
      expect(await allRefs(fresh.bare)).toEqual(refs);
    } finally {
      await fresh.close();
    }
  });

  it('day-2 changes and decommissioning do not read, write or delete through the link', async () => {
    const before = await outsideFiles();
    const refs = await allRefs(h.bare);
    for (const [action, input] of [
      [
        createNodePoolAddAction(h.options),
        {
          cluster: 'onprem-fra/clusters/payments-prod',
          pool: { name: 'gpu', size: 'large', replicas: 1 },
        },
      ],
      [
        createClusterDecommissionAction(h.options),
        {
          cluster: 'onprem-fra/clusters/payments-prod',
          confirm: 'payments-prod',
        },
      ],
    ] as const) {
      const error = await h.run(action, input).catch(e => e);
      expect(error).toBeInstanceOf(NotAllowedError);
      expect(error.message).toMatch(/is a symbolic link/);
    }
    expect(await outsideFiles()).toEqual(before);
    expect(await allRefs(h.bare)).toEqual(refs);
  });
});
