import type {
  EntityClustersResponse,
  FleetResponse,
  ProfilesResponse,
} from '@capstan/plugin-capi-common';
import {
  startCapiBackend,
  startKubernetesBackend,
  waitForSync,
  type KubernetesObjectsResponse,
} from './backends';
import { BenchHttpClient, type TimedCall } from './BenchHttpClient';
import {
  benchEntity,
  benchEntityRef,
  BENCH_ENTITY_ID,
  KUBERNETES_ID_LABEL,
  wholeFleetEntity,
  type BenchFleet,
  type BenchFleetOptions,
} from './fleet';
import { naiveClients, naiveEntityClusters, naiveFleetSummary } from './naive';
import type { RatioResult, TimedQuery } from './report';
import { measure, summarize, type MeasureOptions } from './stats';

/** What the ratio run needs from the bench around it. */
export interface RatioRunOptions {
  managementClusters: number;
  clusters: number;
  entityClusters: number;
  fast: MeasureOptions;
  slow: MeasureOptions;
  startFleet: (options: BenchFleetOptions) => Promise<BenchFleet>;
  /** Records a wrong answer (the run then fails). */
  check: (condition: boolean, message: string) => void;
  log: (message: string) => void;
}

// The entity list is paged (at most 100 clusters a page): the bench reads
// the largest page, and checks `total` against the truth.
export const ENTITY_PATH = `/clusters?entityRef=${encodeURIComponent(
  benchEntityRef,
)}&limit=100`;
export const FLEET_PAGE = '/fleet?limit=50';
/**
 * The floor: a signed-in request to the capi backend that does nothing
 * (no profiles are configured, the answer is `{"items":[]}`), through the
 * same Backstage HTTP stack, auth and client as the entity query.
 */
const FLOOR_PATH = '/profiles';
/** One answer in this many is kept and checked after timing. */
const SAMPLE_EVERY = 50;

export function countKubernetesClusters(res: KubernetesObjectsResponse) {
  let clusters = 0;
  let objects = 0;
  let errors = 0;
  for (const item of res.items) {
    errors += item.errors.length;
    for (const group of item.resources) {
      objects += group.resources.length;
      clusters += group.resources.filter(
        r => (r as { kind?: string }).kind === 'Cluster',
      ).length;
    }
  }
  return { clusters, objects, errors };
}

/**
 * Times `call` with bodies counted, not parsed; every SAMPLE_EVERY-th body
 * is kept and handed to `verify` after the timing, outside the timed span.
 */
export async function timeCounted(
  call: TimedCall,
  options: MeasureOptions,
  verify: (body: Buffer) => void,
): Promise<TimedQuery> {
  let calls = 0;
  let minBytes = Infinity;
  let maxBytes = 0;
  const samples: Buffer[] = [];
  const durations = await measure(async () => {
    const keep = calls++ % SAMPLE_EVERY === 0;
    const { bytes, body } = await call(keep);
    minBytes = Math.min(minBytes, bytes);
    maxBytes = Math.max(maxBytes, bytes);
    if (body) samples.push(body);
  }, options);
  samples.forEach(verify);
  return {
    ...summarize(durations),
    responseBytes: { min: minBytes, max: maxBytes },
    checkedSamples: samples.length,
  };
}

const parse = <T>(body: Buffer) => JSON.parse(body.toString('utf8')) as T;

/** One management-cluster count: floor, capi, Kubernetes backend and naive fan-out on one fleet. */
export async function ratioRun(options: RatioRunOptions): Promise<RatioResult> {
  const { check, log, fast, slow } = options;
  log(
    `ratio run: ${options.managementClusters} management clusters, ${options.clusters} clusters`,
  );
  const sim = await options.startFleet({
    managementClusters: options.managementClusters,
    clusters: options.clusters,
    entityClusters: options.entityClusters,
  });
  const { labelled, truth } = sim;
  const entities = [benchEntity, wholeFleetEntity];
  const capi = await startCapiBackend(sim, { entities });
  const k8s = await startKubernetesBackend(sim, entities);
  const clients = await naiveClients(sim);
  const capiHttp = BenchHttpClient.create(capi.baseUrl);
  const k8sHttp = BenchHttpClient.create(k8s.baseUrl);
  const k8sRequest = (entity: typeof benchEntity) => ({
    method: 'POST' as const,
    path: `/services/${entity.metadata.name}`,
    body: { entity },
  });
  const requests = {
    floor: { method: 'GET' as const, path: FLOOR_PATH },
    capiEntity: { method: 'GET' as const, path: ENTITY_PATH },
    capiFleet: { method: 'GET' as const, path: FLEET_PAGE },
    k8sEntity: k8sRequest(benchEntity),
    k8sFleet: k8sRequest(wholeFleetEntity),
  };
  try {
    await waitForSync(capi, truth, 120_000);

    // Same answer from all three, through the timed client, before timing.
    const checkFloor = (res: ProfilesResponse) =>
      check(
        Array.isArray(res.items) && res.items.length === 0,
        `floor route answered ${JSON.stringify(res).slice(0, 200)}`,
      );
    const checkCapiEntity = (res: EntityClustersResponse) =>
      check(
        res.total === labelled.length &&
          res.items.length === Math.min(100, labelled.length),
        `capi entity query returned ${res.items.length} (total ${res.total}) of ${labelled.length} clusters`,
      );
    const checkK8sEntity = (res: KubernetesObjectsResponse) => {
      const counted = countKubernetesClusters(res);
      check(
        counted.clusters === labelled.length && counted.errors === 0,
        `kubernetes backend entity query returned ${counted.clusters} of ${labelled.length} clusters, ${counted.errors} errors`,
      );
    };
    const checkCapiFleet = (res: FleetResponse) =>
      check(
        res.summary.clusters === truth.clusters &&
          res.summary.machines === truth.machines,
        `capi fleet summary ${res.summary.clusters}/${res.summary.machines}, truth ${truth.clusters}/${truth.machines}`,
      );
    const checkK8sFleet = (res: KubernetesObjectsResponse) => {
      const counted = countKubernetesClusters(res);
      check(
        counted.clusters === truth.clusters && counted.errors === 0,
        `kubernetes backend fleet returned ${counted.clusters} of ${truth.clusters} clusters, ${counted.errors} errors`,
      );
    };
    checkFloor(await capiHttp.json(requests.floor));
    checkCapiEntity(await capiHttp.json(requests.capiEntity));
    checkK8sEntity(await k8sHttp.json(requests.k8sEntity));
    const selector = `${KUBERNETES_ID_LABEL}=${BENCH_ENTITY_ID}`;
    const naiveEntity = await naiveEntityClusters(clients, selector);
    check(
      naiveEntity.length === labelled.length,
      `naive entity query returned ${naiveEntity.length} of ${labelled.length} clusters`,
    );
    checkCapiFleet(await capiHttp.json(requests.capiFleet));
    checkK8sFleet(await k8sHttp.json(requests.k8sFleet));
    const naiveFleet = await naiveFleetSummary(clients);
    check(
      naiveFleet.clusters === truth.clusters &&
        naiveFleet.machines === truth.machines,
      `naive fleet ${naiveFleet.clusters}/${naiveFleet.machines}`,
    );

    log('  floor and entity query');
    const floor = await timeCounted(
      capiHttp.prepare(requests.floor),
      fast,
      body => checkFloor(parse(body)),
    );
    const entity = {
      capi: await timeCounted(
        capiHttp.prepare(requests.capiEntity),
        fast,
        body => checkCapiEntity(parse(body)),
      ),
      kubernetesBackend: await timeCounted(
        k8sHttp.prepare(requests.k8sEntity),
        slow,
        body => checkK8sEntity(parse(body)),
      ),
      naive: summarize(
        await measure(() => naiveEntityClusters(clients, selector), slow),
      ),
    };
    log('  fleet query');
    const fleet = {
      capi: await timeCounted(
        capiHttp.prepare(requests.capiFleet),
        fast,
        body => checkCapiFleet(parse(body)),
      ),
      kubernetesBackend: await timeCounted(
        k8sHttp.prepare(requests.k8sFleet),
        slow,
        body => checkK8sFleet(parse(body)),
      ),
      naive: summarize(await measure(() => naiveFleetSummary(clients), slow)),
    };
    return {
      managementClusters: options.managementClusters,
      clusters: truth.clusters,
      machines: truth.machines,
      entityClusters: labelled.length,
      floor,
      entity,
      fleet,
    };
  } finally {
    capiHttp.close();
    k8sHttp.close();
    await k8s.stop();
    await capi.stop();
    await sim.stop();
  }
}
