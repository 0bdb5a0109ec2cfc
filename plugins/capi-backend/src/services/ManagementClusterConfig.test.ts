import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { readManagementClusters } from './ManagementClusterConfig';
import { capiPlugin } from '../plugin';

// Real HTTPS servers on a shared 2-core machine: allow for load.
jest.setTimeout(30_000);

const read = (managementClusters: JsonValue[]) =>
  readManagementClusters(new ConfigReader({ capi: { managementClusters } }));

describe('readManagementClusters', () => {
  it('reads every auth type', () => {
    expect(
      read([
        {
          name: 'fra',
          title: 'Frankfurt',
          url: 'https://fra:6443',
          auth: { type: 'serviceAccountToken', token: 's3cret' },
          caData: 'PEM',
        },
        {
          name: 'aws',
          auth: { type: 'kubeconfig', file: '/etc/kube/aws', context: 'mgmt' },
          skipTLSVerify: true,
        },
        { name: 'local', auth: { type: 'inCluster' }, caFile: '/ca.pem' },
      ]),
    ).toEqual([
      {
        name: 'fra',
        title: 'Frankfurt',
        url: 'https://fra:6443',
        auth: { type: 'serviceAccountToken', token: 's3cret' },
        caData: 'PEM',
        caFile: undefined,
        skipTLSVerify: false,
      },
      {
        name: 'aws',
        title: 'aws',
        url: undefined,
        auth: { type: 'kubeconfig', file: '/etc/kube/aws', context: 'mgmt' },
        caData: undefined,
        caFile: undefined,
        skipTLSVerify: true,
      },
      {
        name: 'local',
        title: 'local',
        url: undefined,
        auth: { type: 'inCluster' },
        caData: undefined,
        caFile: '/ca.pem',
        skipTLSVerify: false,
      },
    ]);
    expect(readManagementClusters(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      { auth: { type: 'inCluster' } },
      'Invalid management cluster #0 (capi.managementClusters[0]): name is required',
    ],
    [
      { name: 'Bad_Name', auth: { type: 'inCluster' } },
      'management cluster "Bad_Name"',
    ],
    [
      { name: 'fra', url: 'https://x', auth: { type: 'serviceAccountToken' } },
      '"fra" (capi.managementClusters[0]): auth.token is required',
    ],
    [
      { name: 'fra', auth: { type: 'serviceAccountToken', token: 't' } },
      '"fra" (capi.managementClusters[0]): url is required',
    ],
    [
      { name: 'fra', auth: { type: 'password' } },
      'auth.type "password" is not one of',
    ],
    [{ name: 'fra' }, 'auth.type is required'],
    [
      { name: 'fra', url: 'ftp://x', auth: { type: 'inCluster' } },
      'url is not an http(s) URL',
    ],
    [
      { name: 'fra', auth: { type: 'inCluster' }, caData: 'a', caFile: 'b' },
      'set caData or caFile, not both',
    ],
  ])('rejects %j naming the entry', (entry, message) => {
    expect(() => read([entry])).toThrow(message);
  });

  it.each([
    [
      'https://admin:hunter2@fra.example.com:6443',
      'must not contain credentials',
    ],
    [
      'https://token-abc123@fra.example.com:6443',
      'must not contain credentials',
    ],
    [
      'https://fra.example.com:6443/?access_token=abc123',
      'must not have a query',
    ],
    ['https://fra.example.com:6443/#hunter2', 'must not have a query'],
    ['ftp://admin:hunter2@fra', 'not an http(s) URL'],
  ])('refuses the url %s at startup without echoing it', (url, message) => {
    let error: Error | undefined;
    try {
      read([{ name: 'fra', url, auth: { type: 'kubeconfig' } }]);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(message);
    expect(error?.message).toContain('"fra"');
    for (const secret of ['hunter2', 'abc123', 'token-abc']) {
      expect(error?.message).not.toContain(secret);
    }
  });

  it('rejects duplicate names', () => {
    expect(() =>
      read([
        { name: 'a', auth: { type: 'inCluster' } },
        { name: 'a', auth: { type: 'inCluster' } },
      ]),
    ).toThrow(
      'Invalid management cluster "a": the name is used more than once',
    );
  });

  it('never puts the token in an error message', () => {
    expect(() =>
      read([
        {
          name: 'fra',
          auth: { type: 'serviceAccountToken', token: 'SECRET-TOKEN' },
        },
      ]),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('SECRET-TOKEN'),
      }),
    );
  });
});

describe('plugin startup', () => {
  const start = (managementClusters: JsonValue[]) =>
    startTestBackend({
      features: [
        capiPlugin,
        mockServices.rootConfig.factory({
          data: { capi: { managementClusters } },
        }),
      ],
    });

  it('fails on a misconfigured management cluster, naming it', async () => {
    await expect(
      start([{ name: 'broken', auth: { type: 'nope' } }]),
    ).rejects.toThrow(/management cluster "broken".*auth.type "nope"/);
  });

  it('starts although a management cluster is unreachable, and reports it down', async () => {
    const backend = await start([
      // Port 9 (discard) on loopback: connection refused.
      {
        name: 'gone',
        url: 'https://127.0.0.1:9',
        auth: { type: 'serviceAccountToken', token: 't' },
      },
    ]);
    try {
      let body: {
        items: Array<{ name: string; state: string; lastError?: string }>;
      } = { items: [] };
      for (let i = 0; i < 100 && body.items[0]?.state !== 'down'; i++) {
        const res = await request(backend.server)
          .get('/api/capi/management-clusters')
          .set('Authorization', mockCredentials.user.header());
        body = res.body;
        await new Promise(r => setTimeout(r, 20));
      }
      expect(body.items[0]).toMatchObject({ name: 'gone', state: 'down' });
      expect(body.items[0].lastError).toContain('ECONNREFUSED');
    } finally {
      await backend.stop();
    }
  });
});
