import { assertNoUrlCredentials } from './gitopsUrls';

describe('assertNoUrlCredentials', () => {
  it.each([
    [
      'repoUrl',
      { repoUrl: 'https://x-access-token:ghp_s3cret@github.com/acme/gitops' },
    ],
    ['repoUrl', { repoUrl: 'https://ghp_s3cret@github.com/acme/gitops' }],
    [
      'cloneUrl',
      {
        repoUrl: 'https://github.com/acme/gitops',
        cloneUrl: 'http://user:ghp_s3cret@git.local/acme/gitops.git',
      },
    ],
    [
      'cloneUrl',
      {
        repoUrl: 'https://github.com/acme/gitops',
        cloneUrl: 'ssh://git:ghp_s3cret@github.com/acme/gitops.git',
      },
    ],
  ])('refuses credentials in %s without repeating them', (key, config) => {
    let error: Error | undefined;
    try {
      assertNoUrlCredentials(config);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(
      `capi.gitops.${key} must not contain credentials`,
    );
    expect(error?.message).not.toContain('s3cret');
  });

  it.each([
    { repoUrl: '/var/lib/capstan/gitops.git' },
    { repoUrl: 'file:///var/lib/capstan/gitops.git' },
    { repoUrl: 'https://github.com/acme/gitops' },
    {
      repoUrl: 'https://github.com/acme/gitops',
      cloneUrl: 'ssh://git@github.com/acme/gitops.git',
    },
    {
      repoUrl: 'https://github.com/acme/gitops',
      cloneUrl: 'git@github.com:acme/gitops.git',
    },
  ])('accepts %j', config => {
    expect(() => assertNoUrlCredentials(config)).not.toThrow();
  });
});
