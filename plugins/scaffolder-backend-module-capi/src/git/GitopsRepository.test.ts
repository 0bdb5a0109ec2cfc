import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  commitSubjects,
  createBareRepo,
  listFiles,
  showFile,
} from '../__testUtils__/gitFixtures';
import { GitopsRepository, writeFolder } from './GitopsRepository';
import { runGit } from './runGit';

const author = { name: 'Capstan Test', email: 'capstan@example.com' };

describe('GitopsRepository', () => {
  let root: string;
  let bare: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'capstan-repo-test-'));
    bare = await createBareRepo(root);
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const writeCluster =
    (name: string, content = `name: ${name}\n`) =>
    async (dir: string) =>
      writeFolder(path.join(dir, 'clusters/mc/ns', name), {
        'cluster.yaml': content,
      });

  it('commits a folder to the branch with the configured author', async () => {
    const repo = GitopsRepository.create({ remoteUrl: bare, author });
    const result = await repo.publish({
      branch: 'main',
      message: 'Add c1',
      apply: writeCluster('c1'),
    });
    expect(result).toMatchObject({
      branch: 'main',
      changed: true,
      attempts: 1,
    });
    expect(result.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(await commitSubjects(bare)).toEqual(['Add c1', 'seed']);
    expect(await showFile(bare, 'clusters/mc/ns/c1/cluster.yaml')).toBe(
      'name: c1\n',
    );
    const authorLine = await runGit([
      '--git-dir',
      bare,
      'log',
      '-1',
      '--format=%an <%ae>',
    ]);
    expect(authorLine.trim()).toBe('Capstan Test <capstan@example.com>');
  });

  it('makes no commit when the branch already holds the result', async () => {
    const repo = GitopsRepository.create({ remoteUrl: bare, author });
    const first = await repo.publish({
      branch: 'main',
      message: 'Add c1',
      apply: writeCluster('c1'),
    });
    const again = await repo.publish({
      branch: 'main',
      message: 'Add c1',
      apply: writeCluster('c1'),
    });
    expect(again).toMatchObject({ changed: false, commitSha: first.commitSha });
    expect(await commitSubjects(bare)).toEqual(['Add c1', 'seed']);
  });

  it('creates the branch when it does not exist yet', async () => {
    const repo = GitopsRepository.create({ remoteUrl: bare, author });
    await repo.publish({
      branch: 'clusters',
      message: 'First',
      apply: writeCluster('c1'),
    });
    expect(await listFiles(bare, 'clusters')).toEqual([
      'clusters/mc/ns/c1/cluster.yaml',
    ]);
  });

  it('reads folders and tells whether paths exist', async () => {
    const repo = GitopsRepository.create({ remoteUrl: bare, author });
    await repo.publish({
      branch: 'main',
      message: 'Add c1',
      apply: writeCluster('c1'),
    });
    expect(await repo.exists('main', 'clusters/mc/ns/c1')).toBe(true);
    expect(await repo.exists('main', 'clusters/mc/ns/c2')).toBe(false);
    expect(await repo.exists('nope', 'clusters/mc/ns/c1')).toBe(false);
    expect(await repo.readFolder('main', 'clusters/mc/ns/c1')).toEqual({
      commitSha: expect.stringMatching(/^[0-9a-f]{40}$/),
      files: {
        'cluster.yaml': { content: Buffer.from('name: c1\n'), mode: 0o644 },
      },
    });
    expect(
      (await repo.readFolder('main', 'clusters/mc/ns/c2'))?.files,
    ).toBeUndefined();
    expect(await repo.readFolder('nope', 'clusters/mc/ns/c1')).toBeUndefined();
  });

  it('loses no commit when 8 publishes race into one branch', async () => {
    const repo = GitopsRepository.create({
      remoteUrl: bare,
      author,
      maxAttempts: 40,
      retryBaseDelayMs: 20,
      retryMaxDelayMs: 400,
    });
    // 8, not more: each lost race is another fetch and push, and the number of
    // attempts grows with the square of the racers (20 took over 120 s in CI).
    const names = Array.from({ length: 8 }, (_, i) => `race-${i}`);
    const results = await Promise.all(
      names.map(name =>
        repo.publish({
          branch: 'main',
          message: `Add ${name}`,
          apply: writeCluster(name),
        }),
      ),
    );
    expect(results.every(r => r.changed)).toBe(true);
    expect(results.some(r => r.attempts > 1)).toBe(true);
    const subjects = await commitSubjects(bare);
    expect(subjects).toHaveLength(names.length + 1);
    expect(new Set(subjects)).toEqual(
      new Set(['seed', ...names.map(n => `Add ${n}`)]),
    );
    expect(await listFiles(bare)).toEqual(
      expect.arrayContaining(
        names.map(n => `clusters/mc/ns/${n}/cluster.yaml`),
      ),
    );
  }, 120_000);

  it('re-applies the change on the new tip instead of overwriting what others pushed', async () => {
    const repo = GitopsRepository.create({
      remoteUrl: bare,
      author,
      retryBaseDelayMs: 1,
    });
    let calls = 0;
    const result = await repo.publish({
      branch: 'main',
      message: 'Edit shared file',
      apply: async dir => {
        calls++;
        if (calls === 1) {
          // Someone else pushes between our clone and our push.
          await GitopsRepository.create({ remoteUrl: bare, author }).publish({
            branch: 'main',
            message: 'Concurrent',
            apply: writeCluster('other'),
          });
        }
        await writeCluster('mine')(dir);
      },
    });
    expect(calls).toBe(2);
    expect(result.attempts).toBe(2);
    expect(await commitSubjects(bare)).toEqual([
      'Edit shared file',
      'Concurrent',
      'seed',
    ]);
    expect(await listFiles(bare)).toEqual([
      'README.md',
      'clusters/mc/ns/mine/cluster.yaml',
      'clusters/mc/ns/other/cluster.yaml',
    ]);
  });

  it('gives up after the configured attempts with a clear message', async () => {
    const repo = GitopsRepository.create({
      remoteUrl: bare,
      author,
      maxAttempts: 2,
      retryBaseDelayMs: 1,
    });
    let n = 0;
    await expect(
      repo.publish({
        branch: 'main',
        message: 'Never lands',
        apply: async dir => {
          n++;
          await GitopsRepository.create({ remoteUrl: bare, author }).publish({
            branch: 'main',
            message: `Interfering ${n}`,
            apply: writeCluster(`x${n}`),
          });
          await writeCluster('mine')(dir);
        },
      }),
    ).rejects.toThrow(/rejected 2 times/);
    expect(await commitSubjects(bare)).not.toContain('Never lands');
  });

  it('reports a missing repository as a git error', async () => {
    const repo = GitopsRepository.create({
      remoteUrl: path.join(root, 'missing.git'),
      author,
    });
    await expect(
      repo.publish({ branch: 'main', message: 'x', apply: writeCluster('c1') }),
    ).rejects.toThrow(/git clone failed/);
  });

  it('pushes a pull request branch once and reuses it on re-run', async () => {
    const repo = GitopsRepository.create({ remoteUrl: bare, author });
    const first = await repo.publishBranch({
      base: 'main',
      head: 'capstan/c1',
      message: 'Add c1',
      apply: writeCluster('c1'),
    });
    expect(first.changed).toBe(true);
    expect(first.commitSha).not.toBe(first.baseSha);
    const again = await repo.publishBranch({
      base: 'main',
      head: 'capstan/c1',
      message: 'Add c1',
      apply: writeCluster('c1'),
    });
    expect(again).toMatchObject({ changed: false, commitSha: first.commitSha });
    expect(await commitSubjects(bare, 'capstan/c1')).toEqual([
      'Add c1',
      'seed',
    ]);
    expect(await commitSubjects(bare, 'main')).toEqual(['seed']);
  });
});

describe('GitopsRepository credentials', () => {
  it('keeps the token out of error messages', async () => {
    const token = 'ghp_very_secret_value';
    const repo = GitopsRepository.create({
      // A closed loopback port: the clone fails quickly.
      remoteUrl: 'http://127.0.0.1:9/acme/gitops.git',
      author,
      auth: { username: 'x-access-token', password: token },
    });
    const error: Error = await repo
      .exists('main', 'clusters')
      .then(() => new Error('expected a failure'))
      .catch(e => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/git clone failed/);
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(
      Buffer.from(`x-access-token:${token}`).toString('base64'),
    );
  });
});
