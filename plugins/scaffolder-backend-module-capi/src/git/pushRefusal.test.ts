import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitSubjects, createBareRepo } from '../__testUtils__/gitFixtures';
import { GitopsRepository, writeFolder } from './GitopsRepository';
import { classifyPushFailure } from './pushRefusal';

const author = { name: 'Capstan Test', email: 'capstan@example.com' };

/** A server-side hook that refuses every push with the host's message. */
async function installRefusingHook(
  bare: string,
  hook: 'pre-receive' | 'update',
  message: string,
): Promise<void> {
  const file = path.join(bare, 'hooks', hook);
  await fs.writeFile(file, `#!/bin/sh\necho "${message}" >&2\nexit 1\n`);
  await fs.chmod(file, 0o755);
}

describe('a push the server refuses', () => {
  let root: string;
  let bare: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'capstan-refusal-test-'));
    bare = await createBareRepo(root);
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it.each(['pre-receive', 'update'] as const)(
    'is reported on the first attempt with the server message and the pull-request hint (%s hook)',
    async hook => {
      await installRefusingHook(
        bare,
        hook,
        'GitLab: You are not allowed to push code to protected branches on this project.',
      );
      let applied = 0;
      const repo = GitopsRepository.create({
        remoteUrl: bare,
        author,
        maxAttempts: 30,
        retryBaseDelayMs: 1000,
      });
      const started = Date.now();
      const error = await repo
        .publish({
          branch: 'main',
          message: 'Add c1',
          apply: async dir => {
            applied++;
            await writeFolder(path.join(dir, 'clusters/mc/ns/c1'), {
              'cluster.yaml': 'name: c1\n',
            });
          },
        })
        .catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toContain(
        'The Git server refused the push to main',
      );
      expect(error.message).toContain(
        'You are not allowed to push code to protected branches on this project.',
      );
      expect(error.message).toContain('pull-request mode');
      expect(error.message).not.toMatch(/others pushed first/);
      expect(applied).toBe(1);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await commitSubjects(bare)).toEqual(['seed']);
    },
  );

  it('is reported for a pull request branch without the pull-request hint', async () => {
    await installRefusingHook(bare, 'pre-receive', 'branch names are policed');
    const repo = GitopsRepository.create({ remoteUrl: bare, author });
    const error = await repo
      .publishBranch({
        base: 'main',
        head: 'capstan/add-c1',
        message: 'Add c1',
        apply: dir =>
          writeFolder(path.join(dir, 'clusters/mc/ns/c1'), {
            'cluster.yaml': 'name: c1\n',
          }),
      })
      .catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain('branch names are policed');
    expect(error.message).not.toContain('pull-request mode');
  });
});

describe('classifyPushFailure', () => {
  it('tells permanent refusals from races as the hosts word them', () => {
    const refused = [
      ' ! [remote rejected] main -> main (pre-receive hook declined)\nerror: failed to push some refs',
      ' ! [remote rejected] main -> main (protected branch hook declined)',
      'remote: error: GH006: Protected branch update failed for refs/heads/main.\n ! [remote rejected] main -> main (protected branch hook declined)',
      'remote: error: GH013: Repository rule violations found for refs/heads/main.',
      ' ! [remote rejected] main -> main (hook declined)',
      ' ! [remote rejected] main -> main (branch is currently checked out)',
    ];
    for (const stderr of refused) {
      expect(classifyPushFailure(stderr).kind).toBe('refused');
    }
    const races = [
      ' ! [rejected]        main -> main (fetch first)\nhint: Updates were rejected because the remote contains work',
      ' ! [rejected]        main -> main (non-fast-forward)',
      " ! [remote rejected] main -> main (cannot lock ref 'refs/heads/main': is at abc but expected def)",
      ' ! [remote rejected] main -> main (failed to update ref)',
      'error: cannot lock ref: incorrect old value provided',
    ];
    for (const stderr of races) {
      expect(classifyPushFailure(stderr)).toEqual({ kind: 'race' });
    }
    expect(
      classifyPushFailure('fatal: unable to access: Could not resolve host'),
    ).toEqual({ kind: 'other' });
  });

  it('quotes only the server lines, without control characters, bounded', () => {
    const failure = classifyPushFailure(
      `remote: \u001b[31mGH006: Protected branch update failed\u001b[0m\nremote: ${'x'.repeat(
        5000,
      )}\n ! [remote rejected] main -> main (protected branch hook declined)\nerror: failed to push some refs to 'https://***@git.example.com/ops.git'`,
    );
    expect(failure.kind).toBe('refused');
    const message = failure.kind === 'refused' ? failure.serverMessage : '';
    expect(message).toMatch(/^GH006: Protected branch update failed\n/);
    expect(message).not.toContain('\u001b');
    expect(message.length).toBeLessThanOrEqual(1501);
    expect(message).not.toContain('error: failed to push');
  });
});
