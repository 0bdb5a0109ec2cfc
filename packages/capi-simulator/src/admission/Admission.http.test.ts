import { startSimulator } from '../simulator';
import { kubeRequest } from '../__testUtils__/kubeRequest';
import { Simulator } from '../types';
import { kcp as kcpSpec } from './__testUtils__/admissionRequests';

// Real HTTPS: leave room for a loaded CI machine.
jest.setTimeout(30_000);

const KCPS =
  '/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/team-a/kubeadmcontrolplanes';

function kcp(replicas: number) {
  return {
    apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
    ...kcpSpec(replicas),
  };
}

describe('admission through the Kubernetes API', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-a'],
      reconcile: false,
      patchSimulation: false,
    });
  });
  afterAll(() => sim.stop());

  it('answers a refused create and patch with the API server Status and writes nothing', async () => {
    const mc = sim.get('mc-a');
    const refused = await kubeRequest(mc, 'POST', KCPS, { body: kcp(2) });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
      message:
        'admission webhook "validation.kubeadmcontrolplane.controlplane.cluster.x-k8s.io" denied the request: KubeadmControlPlane.controlplane.cluster.x-k8s.io "shop-cp" is invalid: spec.replicas: Forbidden: cannot be an even number when etcd is stacked',
      details: {
        name: 'shop-cp',
        kind: 'KubeadmControlPlane',
        causes: [{ reason: 'FieldValueForbidden', field: 'spec.replicas' }],
      },
    });
    expect((await kubeRequest(mc, 'GET', `${KCPS}/shop-cp`)).status).toBe(404);

    expect((await kubeRequest(mc, 'POST', KCPS, { body: kcp(3) })).status).toBe(
      201,
    );
    const scaled = await kubeRequest(mc, 'PATCH', `${KCPS}/shop-cp`, {
      body: { spec: { replicas: 4 } },
      contentType: 'application/merge-patch+json',
    });
    expect(scaled.status).toBe(422);
    expect(scaled.json.message).toContain(
      'cannot be an even number when etcd is stacked',
    );
    expect(
      (await kubeRequest(mc, 'GET', `${KCPS}/shop-cp`)).json.spec.replicas,
    ).toBe(3);
    // The status subresource is not admitted (webhooks do not see it upstream either).
    const status = await kubeRequest(mc, 'PATCH', `${KCPS}/shop-cp/status`, {
      body: { status: { replicas: 4 } },
      contentType: 'application/merge-patch+json',
    });
    expect(status.status).toBe(200);
  });
});
