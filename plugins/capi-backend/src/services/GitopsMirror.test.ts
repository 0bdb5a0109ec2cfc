import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  GitopsMirror,
  clusterFoldersOf,
  gitopsMirrorAuthFromConfig,
} from './GitopsMirror';

jest.setTimeout(60_000);

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

function createRepo() {
  const root = mkdtempSync(join(tmpdir(), 'capi-gitops-mirror-test-'));
  const bare = join(root, 'gitops.git');
  const work = join(root, 'work');
  const run = (...args: string[]) =>
    execFileSync('git', ['-C', work, ...args], { env, stdio: 'pipe' });
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', bare]);
  execFileSync('git', ['init', '--quiet', '-b', 'main', work]);
  return {
    root,
    bare,
    write(path: string, content = 'kind: Cluster\n') {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    },
    remove(path: string) {
      run('rm', '--quiet', '-r', path);
    },
    commit(branch = 'main') {
      run('add', '--all');
      run('commit', '--quiet', '-m', 'change');
      run('push', '--quiet', bare, `HEAD:${branch}`);
    },
  };
}

describe('GitopsMirror', () => {
  let repo: ReturnType<typeof createRepo>;
  let mirror: GitopsMirror;
  const logger = mockServices.logger.mock();

  beforeEach(() => {
    repo = createRepo();
    repo.write('README.md', '# GitOps\n');
    repo.write('clusters/aws-eu/clusters/payments-prod-00001/cluster.yaml');
    repo.write(
      'clusters/aws-eu/clusters/payments-prod-00001/kustomization.yaml',
    );
    repo.write('clusters/onprem-fra/team-a/web/cluster.yaml');
    repo.commit();
    mirror = GitopsMirror.create({
      gitops: { repoUrl: repo.bare, branch: 'main' },
      logger,
      minRefreshIntervalMs: 0,
    });
  });

  afterEach(async () => {
    await mirror.stop();
    rmSync(repo.root, { recursive: true, force: true });
  });

  it('lists the cluster folders of the branch and answers which clusters are in Git', async () => {
    expect(mirror.hasFolder('clusters/onprem-fra/team-a/web')).toBeUndefined();
    const snapshot = await mirror.refresh();
    expect([...snapshot!.folders].sort()).toEqual([
      'clusters/aws-eu/clusters/payments-prod-00001',
      'clusters/onprem-fra/team-a/web',
    ]);
    expect(snapshot!.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(mirror.hasFolder('clusters/onprem-fra/team-a/web')).toBe(true);
    expect(mirror.hasFolder('clusters/onprem-fra/team-a/other')).toBe(false);
  });

  it("lists each folder's YAML files with their blob ids and reads their contents", async () => {
    repo.write(
      'clusters/onprem-fra/team-a/web/cluster.yaml',
      'kind: Cluster # ünïcode\n',
    );
    repo.commit();
    const snapshot = await mirror.refresh();
    expect([...snapshot!.files.keys()].sort()).toEqual([
      'clusters/aws-eu/clusters/payments-prod-00001/cluster.yaml',
      'clusters/aws-eu/clusters/payments-prod-00001/kustomization.yaml',
      'clusters/onprem-fra/team-a/web/cluster.yaml',
    ]);
    const web = snapshot!.files.get(
      'clusters/onprem-fra/team-a/web/cluster.yaml',
    )!;
    const other = snapshot!.files.get(
      'clusters/aws-eu/clusters/payments-prod-00001/kustomization.yaml',
    )!;
    const contents = await mirror.readBlobs([web, other, 'not-an-id']);
    expect(contents.get(web)).toBe('kind: Cluster # ünïcode\n');
    expect(contents.get(other)).toBe('kind: Cluster\n');
    expect(contents.size).toBe(2);
  });

  it('sees a decommissioned folder go and a new one come, and tells listeners once per change', async () => {
    await mirror.refresh();
    const changes: string[][] = [];
    mirror.onChange(s => changes.push([...s.folders].sort()));
    repo.remove('clusters/onprem-fra/team-a/web');
    repo.write('clusters/azure-we/clusters/new-one/cluster.yaml');
    repo.commit();
    await mirror.refresh();
    await mirror.refresh(); // nothing new: no second notification
    expect(changes).toEqual([
      [
        'clusters/aws-eu/clusters/payments-prod-00001',
        'clusters/azure-we/clusters/new-one',
      ],
    ]);
  });

  it('reads only the configured branch', async () => {
    repo.write('clusters/aws-eu/clusters/on-a-branch/cluster.yaml');
    repo.commit('proposal');
    const snapshot = await mirror.refresh();
    expect(snapshot!.folders.has('clusters/aws-eu/clusters/on-a-branch')).toBe(
      false,
    );
  });

  it('keeps the last listing when the repository cannot be read, and keeps credentials out of the error and the log', async () => {
    await mirror.refresh();
    const secret = 's3cr3t-token';
    const broken = GitopsMirror.create({
      gitops: {
        repoUrl: `https://user:${secret}@127.0.0.1:1/acme/clusters.git`,
        branch: 'main',
      },
      logger,
      auth: async () => ({ username: 'x-access-token', password: secret }),
    });
    const error = await broken.refresh().catch(e => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).not.toContain(secret);
    expect(String(error)).toContain(
      'https://***@127.0.0.1:1/acme/clusters.git',
    );
    expect(broken.snapshot()).toBeUndefined();
    expect(broken.hasFolder('clusters/a/b/c')).toBeUndefined();
    for (const call of logger.warn.mock.calls) {
      expect(JSON.stringify(call)).not.toContain(secret);
    }
    await broken.stop();
  });

  it('does not take hostile paths for cluster folders', () => {
    const listing = [
      'clusters/aws-eu/clusters/ok/cluster.yaml',
      'clusters/aws-eu/clusters/deeper/nested/cluster.yaml',
      'clusters/aws-eu/cluster.yaml',
      'clusters/AWS/clusters/upper/cluster.yaml',
      'clusters/aws-eu/../x/cluster.yaml',
      'clusters/aws-eu/clusters/no-yaml/README.md',
      'other/aws-eu/clusters/x/cluster.yaml',
    ].join('\0');
    expect([...clusterFoldersOf(listing)]).toEqual([
      'clusters/aws-eu/clusters/ok',
    ]);
  });

  it('finds a token for an https repository in the integrations config, none for a local path', async () => {
    const config = new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', token: 'ghp_x' }],
        gitlab: [{ host: 'gitlab.example.com', token: 'glpat_y' }],
      },
    });
    expect(
      await gitopsMirrorAuthFromConfig(config, {
        repoUrl: 'https://github.com/acme/clusters',
      })?.(),
    ).toEqual({ username: 'x-access-token', password: 'ghp_x' });
    expect(
      await gitopsMirrorAuthFromConfig(config, {
        repoUrl: 'https://gitlab.example.com/acme/clusters',
      })?.(),
    ).toEqual({ username: 'oauth2', password: 'glpat_y' });
    expect(
      gitopsMirrorAuthFromConfig(config, { repoUrl: '/srv/gitops.git' }),
    ).toBeUndefined();
  });
});
