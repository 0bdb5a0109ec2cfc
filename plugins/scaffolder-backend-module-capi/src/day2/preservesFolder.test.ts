import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createNodePoolAddAction } from '../actions/nodepoolAdd';
import { createClusterUpgradeAction } from '../actions/clusterUpgrade';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitRaw, treeEntries } from '../__testUtils__/gitFixtures';

const folder = 'clusters/onprem-fra/clusters/payments-prod';
const binary = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x0d, 0x0a,
]);

describe('day-2 rewrites of a cluster folder', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
    // What platform engineers keep beside the manifests.
    await commitRaw(h.bare, 'Extras', async dir => {
      const base = path.join(dir, folder);
      await fs.mkdir(path.join(base, 'hooks'), { recursive: true });
      await fs.writeFile(
        path.join(base, 'hooks', 'post-sync.sh'),
        '#!/bin/sh\necho ok\n',
      );
      await fs.chmod(path.join(base, 'hooks', 'post-sync.sh'), 0o755);
      await fs.writeFile(path.join(base, 'logo.png'), binary);
      await fs.symlink('../../../../README.md', path.join(base, 'README.md'));
    });
  });
  afterEach(() => h.close());

  it.each([
    [
      'capi:nodepool:add',
      createNodePoolAddAction,
      { pool: { name: 'gpu', size: 'large', replicas: 1 } },
    ],
    [
      'capi:cluster:upgrade',
      createClusterUpgradeAction,
      { kubernetesVersion: 'v1.34.1' },
    ],
  ] as const)(
    '%s keeps file modes, links and binary files; only cluster.yaml changes',
    async (_id, create, input) => {
      const before = await treeEntries(h.bare, folder);
      await h.run(create(h.options), {
        cluster: 'onprem-fra/clusters/payments-prod',
        ...input,
      });
      const after = await treeEntries(h.bare, folder);
      const without = (entries: string[]) =>
        entries.filter(e => !e.endsWith('/cluster.yaml'));
      expect(without(after)).toEqual(without(before));
      expect(after.find(e => e.endsWith('/cluster.yaml'))).not.toEqual(
        before.find(e => e.endsWith('/cluster.yaml')),
      );
      expect(after).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^100755 blob \w+\t.*hooks\/post-sync\.sh$/),
          expect.stringMatching(/^120000 blob \w+\t.*\/README\.md$/),
          expect.stringMatching(/^100644 blob \w+\t.*\/logo\.png$/),
        ]),
      );
    },
  );

  it('the workspace copy holds the binary bytes and the mode unchanged', async () => {
    const { workspacePath } = await h.run(createNodePoolAddAction(h.options), {
      cluster: 'onprem-fra/clusters/payments-prod',
      pool: { name: 'gpu', size: 'large', replicas: 1 },
    });
    const base = path.join(workspacePath, folder);
    expect(await fs.readFile(path.join(base, 'logo.png'))).toEqual(binary);
    expect(
      (await fs.stat(path.join(base, 'hooks', 'post-sync.sh'))).mode & 0o777,
    ).toBe(0o755);
    // Links are not copied into the workspace (they could point anywhere).
    await expect(fs.lstat(path.join(base, 'README.md'))).rejects.toThrow();
  });
});
