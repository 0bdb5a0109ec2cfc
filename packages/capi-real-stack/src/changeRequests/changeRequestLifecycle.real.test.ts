import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JsonObject } from '@backstage/types';
import type {
  ChangeRequest,
  ChangeRequestStage,
} from '@capstan/plugin-capi-common';
import { RealCapiStack, repoRoot } from '../RealCapiStack';
import { createGitopsRepo } from '../manifests/__testUtils__/capiActions';
import { ArgoCdStandIn } from './__testUtils__/ArgoCdStandIn';
import { GitopsWorkTree } from './__testUtils__/GitopsWorkTree';
import { inMemoryClassIn } from './__testUtils__/inMemoryClass';
import { startTrackingBackend } from './__testUtils__/trackingBackend';

const MC = 'real';
const NAMESPACE = 'clusters';
const CLUSTER = 'cr-1';
const CLUSTER_ID = `${MC}/${NAMESPACE}/${CLUSTER}`;
const FOLDER = `clusters/${MC}/${NAMESPACE}/${CLUSTER}`;
const FROM_VERSION = 'v1.34.1';
const TO_VERSION = 'v1.35.0';
const DOWNGRADE_VERSION = 'v1.33.0';

/** A profile on upstream's in-memory ClusterClass (no variables). */
const PROFILES: JsonObject = {
  'real-in-memory': {
    title: 'Real Cluster API, in-memory machines',
    managementCluster: MC,
    namespace: NAMESPACE,
    mode: 'clusterclass',
    clusterClass: { name: 'in-memory', workerClass: 'default-worker' },
    kubernetesVersions: [FROM_VERSION, TO_VERSION],
    machineSizes: { small: { cpu: 2, memoryMiB: 4096, diskGiB: 20 } },
    limits: { maxNodePools: 3, maxReplicas: 5 },
  },
};

const ENDED: ReadonlySet<ChangeRequestStage> = new Set([
  'done',
  'failed',
  'closed',
]);

/** The stages a request passed, in the order of their times. */
function stagesInOrder(request: ChangeRequest): ChangeRequestStage[] {
  return (Object.entries(request.stages) as Array<[ChangeRequestStage, string]>)
    .sort(([, a], [, b]) => Date.parse(a) - Date.parse(b))
    .map(([stage]) => stage);
}

/** Seconds from the request to each stage, for the record. */
function stageTimes(request: ChangeRequest): Record<string, number> {
  const start = Date.parse(request.requestedAt);
  return Object.fromEntries(
    stagesInOrder(request).map(stage => [
      stage,
      Math.round((Date.parse(request.stages[stage]!) - start) / 100) / 10,
    ]),
  );
}

/**
 * A change's whole life against the real Cluster API v1.14 controllers: the
 * real `capi:*` actions publish to a Git repository and hand the change
 * request to the real capi backend; a sync step playing Argo CD applies the
 * committed folder to the real API server (upstream's webhooks judge it)
 * and reports each sync in an Argo CD Application; capi-backend follows the
 * request through its stages by watching the real management cluster.
 */
describe('change requests against the real Cluster API controllers', () => {
  let stack: RealCapiStack;
  let tmp: string;
  let bare: string;
  let argo: ArgoCdStandIn;
  let backend: Awaited<ReturnType<typeof startTrackingBackend>>;
  let work: GitopsWorkTree;
  const record: Record<string, unknown> = {};

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'capstan-real-cr-'));
    const started = Date.now();
    [stack, bare] = await Promise.all([
      RealCapiStack.start({ controllers: true }),
      createGitopsRepo(tmp),
    ]);
    record.stackStartSeconds = Math.round((Date.now() - started) / 1000);
    const client = stack.client();
    await client.ensureNamespace(NAMESPACE);
    for (const obj of inMemoryClassIn(stack.info.templates, NAMESPACE)) {
      await client.apply(obj, { dryRun: false });
    }
    await ArgoCdStandIn.install(client);
    argo = new ArgoCdStandIn({
      client: stack.client(),
      bare,
      managementCluster: MC,
    });
    argo.start(1_000);
    backend = await startTrackingBackend({
      managementCluster: {
        name: MC,
        url: stack.info.server,
        ca: fs.readFileSync(stack.info.caFile, 'utf8'),
        token: fs.readFileSync(stack.info.tokenFile, 'utf8').trim(),
      },
      gitopsRepo: bare,
      profiles: PROFILES,
      stuckAfter: '20m',
    });
    await backend.synced(MC, 300_000);
    work = await GitopsWorkTree.clone(bare, path.join(tmp, 'hand'));
  }, 900_000);

  afterAll(async () => {
    const report = path.join(
      repoRoot(),
      'test-results',
      'capi-change-requests-real.json',
    );
    fs.mkdirSync(path.dirname(report), { recursive: true });
    fs.writeFileSync(report, `${JSON.stringify(record, null, 2)}\n`);
    await argo?.stop();
    await backend?.stop();
    await stack?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, 180_000);

  /** Waits until the newest request of `kind` on the cluster ended. */
  async function ended(
    cluster: string,
    kind: ChangeRequest['kind'],
    timeoutMs = 600_000,
  ): Promise<ChangeRequest> {
    const deadline = Date.now() + timeoutMs;
    let last: ChangeRequest | undefined;
    for (;;) {
      const requests = await backend.changeRequests(cluster);
      last = requests.filter(r => r.kind === kind).pop() ?? last;
      if (last && ENDED.has(last.stage)) return last;
      if (Date.now() > deadline) {
        throw new Error(
          `the ${kind} request of ${cluster} did not end: ${JSON.stringify(
            last,
          )}`,
        );
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  /**
   * `done` means the rollout is over: read right after it, the cluster is
   * Available, every pool's machines are up to date and the machines run
   * the version.
   */
  async function expectSettled(
    request: ChangeRequest,
    version: string,
  ): Promise<void> {
    const live = await backend.cluster(request.clusterId);
    const pools = live.nodePools.map(p => ({
      name: p.name,
      desired: p.desiredReplicas,
      replicas: p.replicas,
      upToDate: p.upToDateReplicas,
      ready: p.readyReplicas,
      status: p.status,
    }));
    record[`${request.kind}AtDone`] = {
      status: live.status,
      runningVersions: live.runningVersions,
      controlPlane: live.controlPlane,
      pools,
    };
    expect(live.status).toBe('Available');
    expect(live.rollingOut).toBe(false);
    expect(live.runningVersions).toEqual([version]);
    expect(live.controlPlane.upToDateReplicas).toBe(
      live.controlPlane.desiredReplicas,
    );
    for (const pool of pools) {
      expect(pool).toMatchObject({
        replicas: pool.desired,
        upToDate: pool.desired,
        ready: pool.desired,
      });
    }
  }

  const workspace = () => fs.mkdtempSync(path.join(tmp, 'ws-'));

  it('create: requested → in-git → applied → rolling-out → done', async () => {
    const ws = workspace();
    const rendered = await backend.runAction(
      'capi:cluster:render',
      {
        profile: 'real-in-memory',
        name: CLUSTER,
        owner: 'group:default/team-platform',
        entityRef: 'component:default/real-capi-check',
        description: 'Followed through its change requests',
        kubernetesVersion: FROM_VERSION,
        controlPlaneReplicas: 1,
        nodePools: [{ name: 'general', size: 'small', replicas: 1 }],
        podCidrs: ['192.168.0.0/16'],
        serviceCidrs: ['10.128.0.0/12'],
      },
      ws,
      'task-create',
    );
    expect(rendered.path).toBe(FOLDER);
    await backend.runAction(
      'capi:gitops:publish',
      { sourcePath: FOLDER, createOnly: true },
      ws,
      'task-create',
    );
    const request = await ended(CLUSTER_ID, 'create');
    record.create = { stages: stageTimes(request), reason: request.reason };
    expect(request.requestedBy).toBe('user:default/platform');
    expect(request.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(stagesInOrder(request)).toEqual([
      'requested',
      'in-git',
      'applied',
      'rolling-out',
      'done',
    ]);
    await expectSettled(request, FROM_VERSION);
    expect(argo.lastSync(FOLDER)?.phase).toBe('Succeeded');
  }, 900_000);

  it('scale a pool up: requested → in-git → applied → rolling-out → done', async () => {
    await backend.runAction(
      'capi:nodepool:update',
      { cluster: CLUSTER_ID, name: 'general', replicas: 2 },
      workspace(),
    );
    const request = await ended(CLUSTER_ID, 'update-pool');
    record.scale = { stages: stageTimes(request), reason: request.reason };
    // A topology's pools ask for its version (29bb50a records it per pool).
    expect(request.desired.pools).toEqual([
      { name: 'general', replicas: 2, version: FROM_VERSION },
    ]);
    expect(stagesInOrder(request)).toEqual([
      'requested',
      'in-git',
      'applied',
      'rolling-out',
      'done',
    ]);
    await expectSettled(request, FROM_VERSION);
  }, 900_000);

  it('upgrade Kubernetes: requested → in-git → applied → rolling-out → done', async () => {
    // The scale before it is done, so nothing rolls out: the action starts
    // at once, as it does for a user who saw `done` on the card.
    await backend.runAction(
      'capi:cluster:upgrade',
      { cluster: CLUSTER_ID, kubernetesVersion: TO_VERSION },
      workspace(),
    );
    const request = await ended(CLUSTER_ID, 'upgrade');
    record.upgrade = { stages: stageTimes(request), reason: request.reason };
    expect(request.desired.version).toBe(TO_VERSION);
    expect(stagesInOrder(request)).toEqual([
      'requested',
      'in-git',
      'applied',
      'rolling-out',
      'done',
    ]);
    await expectSettled(request, TO_VERSION);
  }, 1_200_000);

  it('a change the real webhook refuses (a Kubernetes downgrade) fails at once, with the refusal', async () => {
    // A hand commit (the scaffolder refuses downgrades itself), handed over
    // as a service the way the scaffolder module does. Lower than anything
    // the cluster ran, so it is refused whatever the steps before reached.
    const sha = await work.edit(
      `${FOLDER}/cluster.yaml`,
      cluster => {
        cluster.spec.topology.version = DOWNGRADE_VERSION;
      },
      'Downgrade cr-1 (refused by the Cluster webhook)',
    );
    const started = Date.now();
    await backend.record({
      id: createHash('sha256').update(sha).digest('hex').slice(0, 32),
      managementCluster: MC,
      namespace: NAMESPACE,
      name: CLUSTER,
      kind: 'upgrade',
      requestedBy: 'user:default/platform',
      taskId: 'hand-downgrade',
      mode: 'commit',
      commitSha: sha,
      desired: {
        present: true,
        version: DOWNGRADE_VERSION,
        controlPlaneReplicas: 1,
        pools: [{ name: 'general', replicas: 2 }],
      },
    });
    const request = await ended(CLUSTER_ID, 'upgrade', 300_000);
    record.refusedUpgrade = {
      stages: stageTimes(request),
      reason: request.reason,
      failedAfterSeconds: Math.round((Date.now() - started) / 1000),
    };
    expect(stagesInOrder(request)).toEqual(['requested', 'in-git', 'failed']);
    expect(request.reason).toContain(
      `Argo CD could not apply the change (Application argocd/${NAMESPACE}.${CLUSTER})`,
    );
    expect(request.reason).toContain(argo.lastSync(FOLDER)!.message);
    expect(request.reason).toMatch(
      /admission webhook "validation\.cluster\.cluster\.x-k8s\.io" denied the request: .*version cannot be decreased/,
    );
    expect(argo.lastSync(FOLDER)?.phase).toBe('Failed');
    // Long before stuckAfter (20 min).
    expect(Date.now() - started).toBeLessThan(240_000);
  }, 400_000);

  it('a new cluster the real webhook refuses fails at once, although it is not live', async () => {
    const name = 'cr-refused';
    const sha = await work.add(
      `clusters/${MC}/${NAMESPACE}/${name}/cluster.yaml`,
      {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'Cluster',
        metadata: { name, namespace: NAMESPACE },
        spec: {
          topology: {
            classRef: { name: 'in-memory' },
            version: 'latest',
            controlPlane: { replicas: 1 },
          },
        },
      },
      `Add ${name} (its version is refused by the Cluster webhook)`,
    );
    const started = Date.now();
    await backend.record({
      id: createHash('sha256').update(sha).digest('hex').slice(0, 32),
      managementCluster: MC,
      namespace: NAMESPACE,
      name,
      kind: 'create',
      taskId: 'hand-create',
      mode: 'commit',
      commitSha: sha,
      desired: { present: true, controlPlaneReplicas: 1, pools: [] },
    });
    const request = await ended(
      `${MC}/${NAMESPACE}/${name}`,
      'create',
      300_000,
    );
    record.refusedCreate = {
      stages: stageTimes(request),
      reason: request.reason,
      failedAfterSeconds: Math.round((Date.now() - started) / 1000),
    };
    expect(stagesInOrder(request)).toEqual(['requested', 'in-git', 'failed']);
    expect(request.reason).toContain(
      `Argo CD could not apply the change (Application argocd/${NAMESPACE}.${name})`,
    );
    expect(Date.now() - started).toBeLessThan(240_000);
  }, 400_000);
});
