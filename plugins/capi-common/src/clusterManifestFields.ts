import { CAPI_ANNOTATIONS, NODE_POOL_ANNOTATIONS } from './annotations';

/**
 * A Kubernetes object as parsed from a manifest (plain JSON).
 *
 * @public
 */
export interface ManifestObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
  spec?: unknown;
  [key: string]: unknown;
}

/**
 * A node pool as a cluster's manifests describe it.
 *
 * @public
 */
export interface ManifestNodePool {
  /** The pool's own name (a classic MachineDeployment's name without `<cluster>-`). */
  name: string;
  /** Name of the MachineDeployment (classic) or topology entry. */
  objectName: string;
  size?: string;
  /** Unset when the manifests leave the count to the autoscaler (or say nothing). */
  replicas?: number;
  autoscaling?: { min: number; max: number };
  labels: Record<string, string>;
}

/**
 * The fields Capstan manages in a cluster's manifests: what the scaffolder
 * writes and edits, and what drift detection compares with the live objects.
 *
 * @public
 */
export interface ManifestClusterFields {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  /** Whether the Cluster uses `spec.topology` (ClusterClass). */
  topology: boolean;
  clusterClass?: string;
  kubernetesVersion?: string;
  controlPlaneReplicas?: number;
  /** Name of the KubeadmControlPlane of a classic cluster. */
  controlPlaneName?: string;
  nodePools: ManifestNodePool[];
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

const text = (value: unknown) =>
  typeof value === 'string' ? value : undefined;

function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isRecord(value)) return result;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') result[key] = v;
  }
  return result;
}

/**
 * A non-negative integer, from a number or a numeric string.
 *
 * @public
 */
export function parseManifestCount(value: unknown): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The autoscaler bounds in a pool's annotations, when both are set.
 *
 * @public
 */
export function manifestAutoscaling(
  annotations: unknown,
): { min: number; max: number } | undefined {
  const min = parseManifestCount(
    at(annotations, CAPI_ANNOTATIONS.autoscalerMin),
  );
  const max = parseManifestCount(
    at(annotations, CAPI_ANNOTATIONS.autoscalerMax),
  );
  return min !== undefined && max !== undefined ? { min, max } : undefined;
}

/**
 * Reads the fields Capstan manages from a cluster's manifests (the objects
 * of its folder, parsed): the Cluster, and for a classic cluster its
 * KubeadmControlPlane and MachineDeployments. Undefined when there is no
 * Cluster.
 *
 * @public
 */
export function readManifestClusterFields(
  objects: readonly ManifestObject[],
): ManifestClusterFields | undefined {
  const cluster = objects.find(
    o => o.kind === 'Cluster' && typeof at(o, 'metadata', 'name') === 'string',
  );
  if (!cluster) return undefined;
  const name = text(at(cluster, 'metadata', 'name'))!;
  const topology = at(cluster, 'spec', 'topology');
  const fields: ManifestClusterFields = {
    name,
    labels: stringMap(at(cluster, 'metadata', 'labels')),
    topology: isRecord(topology),
    nodePools: [],
  };
  const namespace = text(at(cluster, 'metadata', 'namespace'));
  if (namespace) fields.namespace = namespace;

  if (isRecord(topology)) {
    fields.clusterClass =
      text(at(topology, 'classRef', 'name')) ?? text(at(topology, 'class'));
    fields.kubernetesVersion = text(topology.version);
    fields.controlPlaneReplicas = parseManifestCount(
      at(topology, 'controlPlane', 'replicas'),
    );
    const pools = at(topology, 'workers', 'machineDeployments');
    for (const pool of Array.isArray(pools) ? pools : []) {
      const poolName = text(at(pool, 'name'));
      if (!poolName) continue;
      const annotations = at(pool, 'metadata', 'annotations');
      const entry: ManifestNodePool = {
        name: poolName,
        objectName: poolName,
        size: text(at(annotations, NODE_POOL_ANNOTATIONS.machineSize)),
        replicas: parseManifestCount(at(pool, 'replicas')),
        autoscaling: manifestAutoscaling(annotations),
        labels: stringMap(at(pool, 'metadata', 'labels')),
      };
      fields.nodePools.push(entry);
    }
    return fields;
  }

  const controlPlaneName = text(at(cluster, 'spec', 'controlPlaneRef', 'name'));
  if (controlPlaneName) fields.controlPlaneName = controlPlaneName;
  const controlPlane = objects.find(
    o =>
      o.kind === 'KubeadmControlPlane' &&
      (controlPlaneName === undefined ||
        at(o, 'metadata', 'name') === controlPlaneName),
  );
  if (controlPlane) {
    fields.kubernetesVersion = text(at(controlPlane, 'spec', 'version'));
    fields.controlPlaneReplicas = parseManifestCount(
      at(controlPlane, 'spec', 'replicas'),
    );
  }
  const prefix = `${name}-`;
  for (const md of objects) {
    if (md.kind !== 'MachineDeployment') continue;
    if (at(md, 'spec', 'clusterName') !== name) continue;
    const objectName = text(at(md, 'metadata', 'name'));
    if (!objectName) continue;
    const labels = stringMap(at(md, 'spec', 'template', 'metadata', 'labels'));
    delete labels['cluster.x-k8s.io/cluster-name'];
    const annotations = at(md, 'metadata', 'annotations');
    fields.nodePools.push({
      name: objectName.startsWith(prefix)
        ? objectName.slice(prefix.length)
        : objectName,
      objectName,
      size: text(at(annotations, NODE_POOL_ANNOTATIONS.machineSize)),
      replicas: parseManifestCount(at(md, 'spec', 'replicas')),
      autoscaling: manifestAutoscaling(annotations),
      labels,
    });
  }
  return fields;
}
