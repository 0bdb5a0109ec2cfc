import { conditionsOf, conditionStatus } from './conditions';
import {
  clusterNameOf,
  isCapiLabel,
  isCapstanKey,
  readMeta,
  versionOf,
} from './meta';
import { at, bool, num, obj, str, stringMap } from './read';
import type { TrimmedControlPlane } from './types';
import { readVersionCounts } from './versions';

/**
 * Trims a KubeadmControlPlane (v1beta2 or v1beta1).
 *
 * @public
 */
export function normaliseKubeadmControlPlane(
  object: unknown,
  servedVersion: string,
): TrimmedControlPlane | undefined {
  const labels = stringMap(at(object, 'metadata', 'labels'), isCapiLabel);
  const meta = readMeta(object, isCapstanKey, isCapstanKey);
  if (!meta) {
    return undefined;
  }
  const apiVersion = versionOf(object, servedVersion);
  const status = obj(at(object, 'status'));
  const conditions = conditionsOf(object, apiVersion);
  const next = apiVersion === 'v1beta1' ? obj(status?.v1beta2) : status;
  const old =
    apiVersion === 'v1beta1'
      ? status
      : obj(at(status, 'deprecated', 'v1beta1'));
  const initialized =
    apiVersion === 'v1beta1'
      ? bool(status?.initialized) ?? false
      : bool(at(status, 'initialization', 'controlPlaneInitialized')) ??
        conditionStatus(conditions, 'Initialized') === 'True';
  const available =
    conditionStatus(conditions, 'Available') === 'True' ||
    (apiVersion === 'v1beta1' && bool(status?.ready) === true);
  const cp: TrimmedControlPlane = {
    ...meta,
    kind: 'KubeadmControlPlane',
    replicas: num(status?.replicas) ?? 0,
    readyReplicas: num(next?.readyReplicas) ?? num(old?.readyReplicas) ?? 0,
    availableReplicas:
      num(next?.availableReplicas) ??
      // v1beta1 without the v1beta2 block: ready is the closest thing
      num(old?.readyReplicas) ??
      0,
    upToDateReplicas:
      num(next?.upToDateReplicas) ?? num(old?.updatedReplicas) ?? 0,
    initialized,
    available,
    conditions,
  };
  const clusterName = clusterNameOf(object, labels);
  if (clusterName) cp.clusterName = clusterName;
  const desired = num(at(object, 'spec', 'replicas'));
  if (desired !== undefined) cp.desiredReplicas = desired;
  const version = str(at(object, 'spec', 'version'));
  if (version) cp.version = version;
  const statusVersion = str(status?.version);
  if (statusVersion) cp.statusVersion = statusVersion;
  const versions = readVersionCounts(next?.versions);
  if (versions) cp.versions = versions;
  return cp;
}
