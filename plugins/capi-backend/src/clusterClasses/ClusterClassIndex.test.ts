import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ClusterClassIndex } from './ClusterClassIndex';
import { createClusterClassRouter } from './clusterClassRouter';
import { readClusterClass } from './readClusterClass';

/** A v1beta2 ClusterClass as CAPI reports it, with inline and external definitions. */
const v1beta2Class = {
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'ClusterClass',
  metadata: { name: 'vsphere-standard', namespace: 'clusters' },
  spec: { variables: [] },
  status: {
    variables: [
      {
        name: 'machineSize',
        definitions: [
          {
            from: 'external-patch',
            required: false,
            schema: { openAPIV3Schema: { type: 'string' } },
          },
          {
            from: 'inline',
            required: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                required: ['cpu'],
                properties: { cpu: { type: 'integer', minimum: 1 } },
              },
            },
          },
        ],
        definitionsConflict: true,
      },
      { name: 'broken' },
    ],
  },
};

describe('readClusterClass', () => {
  it('takes the inline definition of status.variables and skips entries without a schema', () => {
    expect(readClusterClass('onprem-fra', v1beta2Class)).toEqual({
      managementCluster: 'onprem-fra',
      namespace: 'clusters',
      name: 'vsphere-standard',
      variables: [
        {
          name: 'machineSize',
          required: true,
          from: 'inline',
          definitionsConflict: true,
          schema: {
            type: 'object',
            required: ['cpu'],
            properties: { cpu: { type: 'integer', minimum: 1 } },
          },
        },
      ],
    });
  });

  it('falls back to spec.variables of a class CAPI has not reconciled, and ignores garbage', () => {
    const c = readClusterClass('aws-eu', {
      metadata: { name: 'aws', namespace: 'default' },
      spec: {
        variables: [
          {
            name: 'region',
            required: true,
            schema: { openAPIV3Schema: { type: 'string' } },
          },
          { name: 'noSchema' },
          'junk',
        ],
      },
    });
    expect(c?.variables.map(v => [v.name, v.required])).toEqual([
      ['region', true],
    ]);
    expect(readClusterClass('aws-eu', null)).toBeUndefined();
    expect(readClusterClass('aws-eu', { metadata: {} })).toBeUndefined();
  });
});

describe('GET /cluster-classes', () => {
  function appWith(index: ClusterClassIndex) {
    const app = express();
    app.use(
      createClusterClassRouter({ httpAuth: mockServices.httpAuth(), index }),
    );
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.rootLogger(),
      }).error(),
    );
    return app;
  }

  it('lists the classes of synced management clusters, filtered, and follows watch events', async () => {
    const index = new ClusterClassIndex();
    index.replace('onprem-fra', [v1beta2Class]);
    index.replace('aws-eu', []);
    index.upsert('aws-eu', {
      metadata: { name: 'aws', namespace: 'default' },
      status: { variables: [] },
    });
    const app = appWith(index);
    const all = await request(app).get('/cluster-classes');
    expect(all.status).toBe(200);
    expect(all.body.synced).toEqual(['aws-eu', 'onprem-fra']);
    expect(
      all.body.items.map((c: any) => `${c.managementCluster}/${c.name}`),
    ).toEqual(['aws-eu/aws', 'onprem-fra/vsphere-standard']);
    const one = await request(app).get(
      '/cluster-classes?managementCluster=onprem-fra&name=vsphere-standard',
    );
    expect(one.body.items).toHaveLength(1);
    index.remove('onprem-fra', v1beta2Class);
    const gone = await request(app).get(
      '/cluster-classes?managementCluster=onprem-fra',
    );
    expect(gone.body.items).toEqual([]);
  });

  it('refuses unknown or malformed query parameters', async () => {
    const app = appWith(new ClusterClassIndex());
    expect(
      (await request(app).get('/cluster-classes?managementCluster=../x'))
        .status,
    ).toBe(400);
    expect((await request(app).get('/cluster-classes?foo=1')).status).toBe(400);
  });

  it('refuses callers without credentials', async () => {
    const index = new ClusterClassIndex();
    const app = express();
    app.use(
      createClusterClassRouter({
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.none(),
        }),
        index,
      }),
    );
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.rootLogger(),
      }).error(),
    );
    const response = await request(app).get('/cluster-classes');
    expect(response.status).toBe(401);
  });
});
