import {
  CAPI_ANNOTATIONS,
  CAPI_LABELS,
  NODE_POOL_ANNOTATIONS,
} from '@capstan/plugin-capi-common';
import { conditionsOf } from './conditions';
import {
  clusterNameOf,
  isCapiLabel,
  isCapstanKey,
  readMeta,
  versionOf,
} from './meta';
import { at, intern, num, obj, str, stringMap } from './read';
import type { TrimmedPool } from './types';
import { readVersionCounts } from './versions';

const keepPoolAnnotation = (key: string) =>
  isCapstanKey(key) ||
  key === CAPI_ANNOTATIONS.autoscalerMin ||
  key === CAPI_ANNOTATIONS.autoscalerMax;

function readReplicas(object: unknown, apiVersion: string) {
  const status = obj(at(object, 'status'));
  if (apiVersion === 'v1beta1') {
    // v1beta1 objects of CAPI >= 1.9 carry the new counters under status.v1beta2.
    const next = obj(status?.v1beta2);
    return {
      replicas: num(status?.replicas) ?? 0,
      readyReplicas:
        num(next?.readyReplicas) ?? num(status?.readyReplicas) ?? 0,
      availableReplicas:
        num(next?.availableReplicas) ?? num(status?.availableReplicas) ?? 0,
      upToDateReplicas:
        num(next?.upToDateReplicas) ?? num(status?.updatedReplicas) ?? 0,
    };
  }
  const old = obj(at(status, 'deprecated', 'v1beta1'));
  return {
    replicas: num(status?.replicas) ?? 0,
    readyReplicas: num(status?.readyReplicas) ?? num(old?.readyReplicas) ?? 0,
    availableReplicas:
      num(status?.availableReplicas) ?? num(old?.availableReplicas) ?? 0,
    upToDateReplicas:
      num(status?.upToDateReplicas) ?? num(old?.updatedReplicas) ?? 0,
  };
}

function readAutoscaling(annotations: Record<string, string>) {
  const min = Number(annotations[CAPI_ANNOTATIONS.autoscalerMin]);
  const max = Number(annotations[CAPI_ANNOTATIONS.autoscalerMax]);
  return annotations[CAPI_ANNOTATIONS.autoscalerMin] !== undefined &&
    annotations[CAPI_ANNOTATIONS.autoscalerMax] !== undefined &&
    Number.isInteger(min) &&
    Number.isInteger(max)
    ? { min, max }
    : undefined;
}

/**
 * The pool's own name for a pool outside a topology: Capstan names a classic
 * MachineDeployment `<cluster>-<pool>`, and the day-2 templates and actions
 * take `<pool>` (as the scaffolder module's ClusterManifests reads it), so
 * the read model names it the same.
 */
function classicPoolName(objectName: string, clusterName: string): string {
  const prefix = `${clusterName}-`;
  return objectName.startsWith(prefix) && objectName.length > prefix.length
    ? objectName.slice(prefix.length)
    : objectName;
}

function normalisePool(
  kind: TrimmedPool['kind'],
  object: unknown,
  servedVersion: string,
): TrimmedPool | undefined {
  // CAPI labels and annotations are read into fields here; the record keeps
  // only capstan.dev ones.
  const labels = stringMap(at(object, 'metadata', 'labels'), isCapiLabel);
  const annotations = stringMap(
    at(object, 'metadata', 'annotations'),
    keepPoolAnnotation,
  );
  const meta = readMeta(object, isCapstanKey, isCapstanKey);
  if (!meta) {
    return undefined;
  }
  const clusterName = clusterNameOf(object, labels);
  if (!clusterName) {
    return undefined;
  }
  const apiVersion = versionOf(object, servedVersion);
  const topologyName =
    kind === 'MachineDeployment'
      ? labels[CAPI_LABELS.topologyDeploymentName]
      : labels['topology.cluster.x-k8s.io/pool-name'];
  const pool: TrimmedPool = {
    ...meta,
    kind,
    clusterName,
    poolName: topologyName ?? classicPoolName(meta.name, clusterName),
    ...readReplicas(object, apiVersion),
    conditions: conditionsOf(object, apiVersion),
  };
  const desired = num(at(object, 'spec', 'replicas'));
  if (desired !== undefined) pool.desiredReplicas = desired;
  const version = str(at(object, 'spec', 'template', 'spec', 'version'));
  if (version) pool.version = intern(version);
  const versions = readVersionCounts(
    apiVersion === 'v1beta1'
      ? at(object, 'status', 'v1beta2', 'versions')
      : at(object, 'status', 'versions'),
  );
  if (versions) pool.versions = versions;
  const phase = str(at(object, 'status', 'phase'));
  if (phase) pool.phase = intern(phase);
  const size = annotations[NODE_POOL_ANNOTATIONS.machineSize];
  if (size) pool.size = size;
  // A classic pool's machine template name (`<cluster>-<pool>-<hash>`) says
  // less than its size: it stands in only when no size was recorded.
  const cls =
    labels['topology.cluster.x-k8s.io/deployment-class'] ??
    (size
      ? undefined
      : str(
          at(object, 'spec', 'template', 'spec', 'infrastructureRef', 'name'),
        ));
  if (cls) pool.class = intern(cls);
  const autoscaling = readAutoscaling(annotations);
  if (autoscaling) pool.autoscaling = autoscaling;
  return pool;
}

/**
 * Trims a MachineDeployment (v1beta2 or v1beta1).
 *
 * @public
 */
export function normaliseMachineDeployment(
  object: unknown,
  servedVersion: string,
) {
  return normalisePool('MachineDeployment', object, servedVersion);
}

/**
 * Trims a MachinePool (v1beta2 or v1beta1).
 *
 * @public
 */
export function normaliseMachinePool(object: unknown, servedVersion: string) {
  return normalisePool('MachinePool', object, servedVersion);
}
