import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { parse } from 'yaml';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import scaffolderModuleCapi from './index';
import { createActionHarness, payments } from './__testUtils__/actionHarness';
import { commitSubjects } from './__testUtils__/gitFixtures';
import { exampleCapiConfig } from './__testUtils__/exampleConfig';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');

async function loadTemplate(file: string) {
  return parse(await fs.readFile(path.join(TEMPLATES_DIR, file), 'utf8'));
}

/**
 * The capi backend as the render action's live check sees it: no cluster
 * but the seeded one exists, every management cluster is synced.
 */
const fakeCapiBackend = createBackendPlugin({
  pluginId: 'capi',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.httpRouter },
      async init({ http }) {
        const router = Router();
        router.get('/clusters/:mc/:ns/:name', (req, res) => {
          if (req.params.name === 'payments-prod') {
            // Everything runs the Git version and nothing rolls out.
            res.json({
              name: 'payments-prod',
              status: 'Available',
              stale: false,
              desiredVersion: 'v1.33.4',
              controlPlane: {
                versions: [{ version: 'v1.33.4', replicas: 3 }],
              },
              nodePools: [],
            });
          } else {
            res.status(404).json({ error: { name: 'NotFoundError' } });
          }
        });
        const managementClusters = [
          'onprem-fra',
          'aws-eu',
          'azure-we',
          'local',
        ].map(name => ({ name, lastSyncAt: new Date().toISOString() }));
        router.get('/management-clusters', (_req, res) => {
          res.json({ items: managementClusters });
        });
        router.get('/cluster-classes', (_req, res) => {
          // The profiles' classes live on the demo's management clusters;
          // variables are checked by their own tests.
          res.json({
            items: [],
            synced: [],
            withoutClusterClassApi: managementClusters.map(m => m.name),
          });
        });
        router.get('/fleet', (req, res) => {
          const items =
            req.query.managementCluster === 'onprem-fra' &&
            String(req.query.search ?? '').includes('payments-prod')
              ? [
                  {
                    managementCluster: 'onprem-fra',
                    namespace: 'clusters',
                    name: 'payments-prod',
                  },
                ]
              : [];
          res.json({ items, total: items.length, managementClusters });
        });
        http.use(router);
      },
    });
  },
});

/**
 * Every template in templates/ runs through the real scaffolder backend's
 * dry-run endpoint with this module installed, against a bare GitOps repo.
 */
describe('templates through the scaffolder dry-run endpoint', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleCapi,
        fakeCapiBackend,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'checkout', namespace: 'default' },
              spec: {
                type: 'service',
                lifecycle: 'production',
                owner: 'group:default/team-checkout',
                system: 'shop',
              },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            capi: {
              ...exampleCapiConfig,
              gitops: {
                repoUrl: h.bare,
                webUrl: 'https://git.example.com/gitops/tree/{branch}/{path}',
              },
            },
          },
        }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await h?.close();
  });

  async function dryRun(file: string, values: object) {
    const response = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: await loadTemplate(file),
        values,
        directoryContents: [],
      });
    const log = (
      (response.body.log ?? []) as Array<{ body: { message: string } }>
    )
      .map(l => l.body.message)
      .join('\n');
    return { response, log };
  }

  it('new-cluster renders the folder and publishes nothing', async () => {
    const { response, log } = await dryRun('new-cluster.yaml', {
      name: 'checkout-dev',
      profile: 'aws-eu',
      kubernetesVersion: 'v1.33.4',
      controlPlaneReplicas: 1,
      owner: 'group:default/team-checkout',
      entityRef: 'component:default/checkout',
      nodePools: [
        {
          name: 'general',
          size: 'small',
          replicas: 2,
          labels: { tier: 'web' },
        },
      ],
      addons: ['monitoring'],
    });
    expect(response.status).toBe(200);
    const files = (
      response.body.directoryContents as Array<{
        path: string;
        base64Content: string;
      }>
    )
      .map(f => f.path)
      .sort();
    expect(files).toEqual([
      'clusters/aws-eu/clusters/checkout-dev/catalog-info.yaml',
      'clusters/aws-eu/clusters/checkout-dev/cluster.yaml',
      'clusters/aws-eu/clusters/checkout-dev/kustomization.yaml',
    ]);
    expect(log).toContain(
      'Rendered the definition of cluster checkout-dev (namespace clusters, management cluster aws-eu): 7 objects (',
    );
    // A cluster made for a component belongs to the component's System too.
    const catalogInfo = (
      response.body.directoryContents as Array<{
        path: string;
        base64Content: string;
      }>
    ).find(f => f.path.endsWith('catalog-info.yaml'))!;
    expect(
      parse(Buffer.from(catalogInfo.base64Content, 'base64').toString('utf8'))
        .spec,
    ).toEqual(
      expect.objectContaining({
        owner: 'group:default/team-checkout',
        system: 'system:default/shop',
        dependencyOf: ['component:default/checkout'],
      }),
    );
    expect(log).toContain(
      'Dry run: the change "Add cluster aws-eu/clusters/checkout-dev" passed every check; nothing was pushed to Git.',
    );
    // Every line an action writes is a sentence, not an echo of its step name.
    expect(log).not.toMatch(/Published publish/);
    expect(response.body.output.links).toEqual(
      expect.arrayContaining([
        {
          title: 'Cluster definition in Git',
          url: 'https://git.example.com/gitops/tree/main/clusters/aws-eu/clusters/checkout-dev',
        },
        expect.objectContaining({
          title: 'Cluster in the catalog',
          // Opaque: the name reveals nothing of the cluster (docs/architecture.md).
          entityRef: expect.stringMatching(
            /^resource:default\/cluster-[0-9a-f]{24}$/,
          ),
        }),
      ]),
    );
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });

  it('new-cluster works with only the required fields', async () => {
    const { response, log } = await dryRun('new-cluster.yaml', {
      name: 'minimal',
      profile: 'onprem-fra',
      owner: 'group:default/team-a',
      controlPlaneReplicas: 3,
      nodePools: [{ name: 'general', size: 'small', replicas: 1 }],
    });
    expect(response.body.error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(log).toMatch(
      /Rendered the definition of cluster minimal \(namespace clusters, management cluster onprem-fra\): a Cluster that ClusterClass \S+ expands into its control plane and node pools, in 3 files under clusters\/onprem-fra\/clusters\/minimal\./,
    );
  });

  it('new-cluster hands the chosen ClusterClass settings to the render action, which refuses ones the profile does not expose', async () => {
    const { response } = await dryRun('new-cluster.yaml', {
      name: 'with-settings',
      profile: 'onprem-fra',
      owner: 'group:default/team-a',
      controlPlaneReplicas: 3,
      nodePools: [{ name: 'general', size: 'small', replicas: 1 }],
      variables: { kubeProxyMode: 'ipvs' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      'variable "kubeProxyMode" is not one the profile "onprem-fra" lets you set',
    );
  });

  it('new-cluster reports all invalid input at once as a 400, and a taken name after authorising', async () => {
    const { response } = await dryRun('new-cluster.yaml', {
      name: 'new-one',
      profile: 'onprem-fra',
      owner: 'group:default/team-payments',
      nodePools: [
        { name: 'general', size: 'gigantic', replicas: 2 },
        { name: 'control-plane', size: 'small', replicas: 1 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toContain('unknown size "gigantic"');
    expect(response.body.error.message).toContain(
      '"control-plane" is reserved for the control plane',
    );
    // The name is checked against Git and the live cluster only once the
    // caller is known to be allowed to create it.
    const taken = await dryRun('new-cluster.yaml', {
      name: 'payments-prod',
      profile: 'onprem-fra',
      owner: 'group:default/team-payments',
      nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
    });
    expect(taken.response.status).toBe(409);
    expect(taken.response.body.error.message).toContain(
      'cluster "payments-prod" already exists in onprem-fra/clusters in the GitOps repository',
    );
  });

  it('add-node-pool states the impact', async () => {
    const { response, log } = await dryRun('add-node-pool.yaml', {
      cluster: 'onprem-fra/clusters/payments-prod',
      pool: { name: 'gpu', size: 'large', autoscaling: { min: 0, max: 4 } },
    });
    expect(response.status).toBe(200);
    expect(log).toMatch(
      /Impact of the change "add node pool gpu .*": .*No machine is replaced\./,
    );
    expect(response.body.output.text[0].content).toContain(
      'Creates 0 machines',
    );
  });

  it('add-node-pool refuses autoscaling min > max', async () => {
    const { response } = await dryRun('add-node-pool.yaml', {
      cluster: 'onprem-fra/clusters/payments-prod',
      pool: { name: 'gpu', size: 'large', autoscaling: { min: 5, max: 2 } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      'autoscaling min 5 is greater than max 2',
    );
  });

  it('scale-node-pool changes replicas in place, and autoscaling bounds', async () => {
    const fixed = await dryRun('scale-node-pool.yaml', {
      cluster: 'onprem-fra/clusters/payments-prod',
      pool: 'general',
      scaling: 'fixed',
      replicas: 5,
    });
    expect(fixed.response.status).toBe(200);
    expect(fixed.response.body.output.text[0].content).toBe(
      'Applied without replacing machines: node pool general: 3 replicas → 5 replicas. No machine is replaced.',
    );
    const autoscaled = await dryRun('scale-node-pool.yaml', {
      cluster: 'onprem-fra/clusters/payments-prod',
      pool: 'general',
      scaling: 'autoscaled',
      autoscaling: { min: 2, max: 8 },
    });
    expect(autoscaled.response.body.output.text[0].content).toContain(
      'node pool general: 3 replicas → autoscaled 2–8',
    );
  });

  it('upgrade-kubernetes states the rollout', async () => {
    const { response, log } = await dryRun('upgrade-kubernetes.yaml', {
      cluster: 'onprem-fra/clusters/payments-prod',
      kubernetesVersion: 'v1.34.1',
    });
    expect(response.status).toBe(200);
    expect(log).toContain('Rollout replaces up to 12 machines');
    expect(log).toMatch(/Dry run: .* nothing was pushed to Git\./);
  });

  it('decommission-cluster states that every machine goes', async () => {
    const { response } = await dryRun('decommission-cluster.yaml', {
      cluster: 'onprem-fra/clusters/payments-prod',
      confirm: 'payments-prod',
    });
    expect(response.status).toBe(200);
    expect(response.body.output.text[0].content).toMatch(
      /^Deletes up to 12 machines/,
    );
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });
});
