import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ClusterRef, ClusterSummary } from '@capstan/plugin-capi-common';
import type { KubeApiError, KubeClient, KubeObject } from '../KubeClient';
import { recordOf, type ReadModelRecord } from './ReadModelRecord';

export const NAMESPACE = 'parity';
export const CLUSTER = 'parity-1';
export const FROM_VERSION = 'v1.34.1';
export const TO_VERSION = 'v1.35.0';

/** Where the scenario runs: a management cluster capi-backend watches. */
export interface LifecycleTarget {
  /** The management cluster's name in capi-backend's config. */
  managementCluster: string;
  client: KubeClient;
  /** capi-backend's read model of a cluster; undefined when it has none. */
  read(ref: ClusterRef): Promise<ClusterSummary | undefined>;
}

/** What the read model showed during one step and once the step settled. */
export interface StepRecord {
  step: string;
  /** The settled read model (or the last one seen, when it did not settle). */
  settled: ReadModelRecord;
  settledAfterMs: number;
  timedOut: boolean;
  /** Distinct `phase status headline [pool=status …]` seen while the step ran, in order. */
  seen: string[];
  /** Every cluster phase and every status the read model showed during the step. */
  phases: string[];
  statuses: string[];
  /**
   * For a person reading the report: the machines and control plane as the
   * API server had them each time the read model showed Degraded.
   */
  degradedSnapshots: string[][];
}

type Condition = { type: string; status: string; lastTransitionTime?: string };

/** CAPI's negative-polarity condition types: `False` is their normal state. */
const NEGATIVE = [
  'RollingOut',
  'ScalingUp',
  'ScalingDown',
  'Remediating',
  'Deleting',
  'Paused',
  'Updating',
];

function conditionText(conditions: Condition[] | undefined, type: string) {
  const c = conditions?.find(x => x.type === type);
  return c ? `${c.status}@${c.lastTransitionTime?.slice(11, 19)}` : 'none';
}

/** What a person needs to tell why a step showed Degraded. */
async function degradedSnapshot(client: KubeClient): Promise<string[]> {
  const [machines, planes] = await Promise.all([
    client.request(
      'GET',
      `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/machines`,
    ),
    client.request(
      'GET',
      `/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/kubeadmcontrolplanes`,
    ),
  ]);
  const lines: string[] = [];
  for (const m of (machines.body?.items ?? []) as KubeObject[]) {
    const status = (m.status ?? {}) as {
      phase?: string;
      conditions?: Condition[];
    };
    const meta = m.metadata as {
      labels?: Record<string, string>;
      creationTimestamp?: string;
      deletionTimestamp?: string;
    };
    const cp = 'cluster.x-k8s.io/control-plane' in (meta.labels ?? {});
    lines.push(
      `machine ${cp ? 'cp' : 'worker'} ${status.phase} created@${String(
        meta.creationTimestamp,
      ).slice(11, 19)}${
        meta.deletionTimestamp ? ' deleting' : ''
      } Available=${conditionText(
        status.conditions,
        'Available',
      )} Deleting=${conditionText(
        status.conditions,
        'Deleting',
      )} EtcdMemberHealthy=${conditionText(
        status.conditions,
        'EtcdMemberHealthy',
      )}`,
    );
  }
  for (const kcp of (planes.body?.items ?? []) as KubeObject[]) {
    const status = (kcp.status ?? {}) as {
      replicas?: number;
      availableReplicas?: number;
      upToDateReplicas?: number;
      conditions?: Condition[];
    };
    lines.push(
      `kcp replicas ${status.replicas} available ${
        status.availableReplicas
      } upToDate ${status.upToDateReplicas} ${(status.conditions ?? [])
        .filter(
          c => c.status !== (NEGATIVE.includes(c.type) ? 'False' : 'True'),
        )
        .map(c => `${c.type}=${c.status}`)
        .join(' ')}`,
    );
  }
  return lines;
}

/**
 * Upstream's in-memory ClusterClass and its templates (collected by
 * `scripts/real-capi.sh build`), in the scenario's namespace. Kinds the
 * target does not serve (the simulator has no DevClusterTemplate) are left
 * out by `createAll`.
 */
export function inMemoryClusterClass(templatesDir: string): KubeObject[] {
  const text = fs.readFileSync(
    path.join(templatesDir, 'clusterclass-in-memory.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(d => d.toJS() as KubeObject)
    .filter(Boolean)
    .map(o => ({ ...o, metadata: { ...o.metadata, namespace: NAMESPACE } }));
}

const workers = (poolA: number) => ({
  machineDeployments: [
    { class: 'default-worker', name: 'pool-a', replicas: poolA },
    { class: 'default-worker', name: 'pool-b', replicas: 1 },
  ],
});

/** A ClusterClass cluster: 1 control plane machine, pools pool-a (2) and pool-b (1). */
export function topologyCluster(): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name: CLUSTER, namespace: NAMESPACE },
    spec: {
      clusterNetwork: {
        services: { cidrBlocks: ['10.128.0.0/12'] },
        pods: { cidrBlocks: ['192.168.0.0/16'] },
        serviceDomain: 'cluster.local',
      },
      topology: {
        classRef: { name: 'in-memory' },
        version: FROM_VERSION,
        controlPlane: { replicas: 1 },
        workers: workers(2),
      },
    },
  };
}

/** Creates what the target serves, skipping kinds it has no resource for. */
export async function createAll(
  client: KubeClient,
  objects: KubeObject[],
): Promise<string[]> {
  const skipped: string[] = [];
  // POST, not server-side apply: the simulator does not serve apply patches.
  await client
    .create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    })
    .catch(error => {
      if ((error as KubeApiError).status !== 409) throw error;
    });
  for (const obj of objects) {
    if (!(await client.resourceFor(obj.apiVersion, obj.kind))) {
      skipped.push(obj.kind);
      continue;
    }
    await client.create(obj);
  }
  return skipped;
}

/**
 * The machines asked for run and the cluster says so (Available, nothing
 * rolling out): controllers under load finish their roll-ups late, and a
 * quiet spell alone could end a step before they do.
 */
function allRunning(s: ClusterSummary | undefined, machines: number) {
  return (
    s !== undefined &&
    s.machines.length === machines &&
    s.machines.every(m => m.phase === 'Running') &&
    s.status === 'Available' &&
    !s.rollingOut
  );
}

/** The steps, each a change and when its result counts as reached. */
export const STEPS: Array<{
  step: string;
  change: (client: KubeClient) => Promise<unknown>;
  reached: (s: ClusterSummary | undefined) => boolean;
}> = [
  {
    step: 'create',
    change: client => client.create(topologyCluster()),
    reached: s => allRunning(s, 4),
  },
  {
    step: 'scale pool-a 2→3',
    change: client =>
      client.mergePatch(topologyCluster(), {
        spec: { topology: { workers: workers(3) } },
      }),
    reached: s => allRunning(s, 5),
  },
  {
    step: `upgrade ${FROM_VERSION}→${TO_VERSION}`,
    change: client =>
      client.mergePatch(topologyCluster(), {
        spec: { topology: { version: TO_VERSION } },
      }),
    reached: s =>
      allRunning(s, 5) && s!.machines.every(m => m.version === TO_VERSION),
  },
  {
    step: 'delete',
    change: client => client.delete(topologyCluster()),
    reached: s => s === undefined,
  },
];

/**
 * Runs one step on a target and waits until its result is reached and the
 * read model has not changed for `quietMs` (controllers finish their
 * roll-ups after the machines run), or until `timeoutMs`.
 */
export async function runStep(
  target: LifecycleTarget,
  step: (typeof STEPS)[number],
  options: { timeoutMs: number; quietMs: number; pollMs?: number },
): Promise<StepRecord> {
  const ref = {
    managementCluster: target.managementCluster,
    namespace: NAMESPACE,
    name: CLUSTER,
  };
  const started = Date.now();
  await step.change(target.client);
  const seen: string[] = [];
  const phases = new Set<string>();
  const statuses = new Set<string>();
  let last = '';
  let lastChange = Date.now();
  let record: ReadModelRecord = recordOf(undefined);
  const degradedSnapshots: string[][] = [];
  for (;;) {
    const summary = await target.read(ref).catch(() => undefined);
    record = recordOf(summary);
    const pools = summary?.nodePools
      .map(p => `${p.name}=${p.status ?? 'unset'}`)
      .join(' ');
    const triple = summary
      ? `${summary.phase} ${summary.status} ${record.headline} [${pools}]`
      : 'absent';
    if (seen[seen.length - 1] !== triple) {
      seen.push(triple);
      if (summary?.status === 'Degraded' && degradedSnapshots.length < 10) {
        degradedSnapshots.push(
          await degradedSnapshot(target.client).catch(e => [String(e)]),
        );
      }
    }
    phases.add(summary?.phase ?? 'absent');
    statuses.add(summary?.status ?? 'absent');
    const json = JSON.stringify(record);
    if (json !== last) {
      last = json;
      lastChange = Date.now();
    }
    const now = Date.now();
    if (step.reached(summary) && now - lastChange >= options.quietMs) {
      return {
        step: step.step,
        settled: record,
        settledAfterMs: lastChange - started,
        timedOut: false,
        seen,
        phases: [...phases].sort(),
        statuses: [...statuses].sort(),
        degradedSnapshots,
      };
    }
    if (now - started > options.timeoutMs) {
      return {
        step: step.step,
        settled: record,
        settledAfterMs: now - started,
        timedOut: true,
        seen,
        phases: [...phases].sort(),
        statuses: [...statuses].sort(),
        degradedSnapshots,
      };
    }
    await new Promise(r => setTimeout(r, options.pollMs ?? 500));
  }
}
