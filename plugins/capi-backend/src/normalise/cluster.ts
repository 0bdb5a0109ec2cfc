import {
  NODE_POOL_ANNOTATIONS,
  controlPlaneEndpointUrl,
} from '@capstan/plugin-capi-common';
import { conditionsOf } from './conditions';
import { isCapstanKey, readMeta, versionOf } from './meta';
import { at, bool, compact, intern, list, num, obj, str } from './read';
import type { TrimmedCluster, TrimmedTopologyPool } from './types';
import { readUpgradePlan, readVersionCounts } from './versions';

function readTopologyPools(topology: unknown): TrimmedTopologyPool[] {
  const pools: TrimmedTopologyPool[] = [];
  const add = (kind: TrimmedTopologyPool['kind'], items: unknown) => {
    for (const item of list(items)) {
      const name = str(at(item, 'name'));
      if (!name) {
        continue;
      }
      const pool: TrimmedTopologyPool = { kind, name: intern(name) };
      const cls = str(at(item, 'class'));
      const replicas = num(at(item, 'replicas'));
      const size = str(
        at(item, 'metadata', 'annotations', NODE_POOL_ANNOTATIONS.machineSize),
      );
      if (cls) pool.class = intern(cls);
      if (size) pool.size = intern(size);
      if (replicas !== undefined) pool.replicas = replicas;
      pools.push(pool);
    }
  };
  add('MachineDeployment', at(topology, 'workers', 'machineDeployments'));
  add('MachinePool', at(topology, 'workers', 'machinePools'));
  return compact(pools);
}

/**
 * Trims a Cluster (v1beta2 or v1beta1) to what the read model needs.
 *
 * @public
 */
export function normaliseCluster(
  object: unknown,
  servedVersion: string,
): TrimmedCluster | undefined {
  const meta = readMeta(object, () => true, isCapstanKey, { keepUid: true });
  if (!meta) {
    return undefined;
  }
  const apiVersion = versionOf(object, servedVersion);
  const spec = obj(at(object, 'spec'));
  const status = obj(at(object, 'status'));
  const topology = obj(spec?.topology);
  const cluster: TrimmedCluster = {
    ...meta,
    kind: 'Cluster',
    phase: str(status?.phase) ?? 'Unknown',
    conditions: conditionsOf(object, apiVersion),
    topologyPools: topology ? readTopologyPools(topology) : [],
  };
  const failureMessage =
    apiVersion === 'v1beta1'
      ? str(status?.failureMessage) ?? str(status?.failureReason)
      : str(at(status, 'deprecated', 'v1beta1', 'failureMessage')) ??
        str(at(status, 'deprecated', 'v1beta1', 'failureReason'));
  if (failureMessage) cluster.failureMessage = failureMessage;

  const desiredVersion = str(topology?.version);
  if (desiredVersion) cluster.desiredVersion = desiredVersion;
  const clusterClass =
    apiVersion === 'v1beta1'
      ? str(topology?.class) ?? str(at(topology, 'classRef', 'name'))
      : str(at(topology, 'classRef', 'name')) ?? str(topology?.class);
  if (clusterClass) cluster.clusterClass = clusterClass;

  const cpKind = str(at(spec, 'controlPlaneRef', 'kind'));
  const cpName = str(at(spec, 'controlPlaneRef', 'name'));
  if (cpKind || cpName)
    cluster.controlPlaneRef = { kind: cpKind, name: cpName };
  const infraKind = str(at(spec, 'infrastructureRef', 'kind'));
  if (infraKind) cluster.infrastructureKind = infraKind;

  const host = str(at(spec, 'controlPlaneEndpoint', 'host'));
  const port = num(at(spec, 'controlPlaneEndpoint', 'port'));
  const endpoint = host ? controlPlaneEndpointUrl(host, port) : undefined;
  if (endpoint) cluster.controlPlaneEndpoint = endpoint;

  const cpInitialized =
    apiVersion === 'v1beta1'
      ? bool(status?.controlPlaneReady) ??
        bool(at(status, 'v1beta2', 'controlPlaneInitialized'))
      : bool(at(status, 'initialization', 'controlPlaneInitialized'));
  const infraReady =
    apiVersion === 'v1beta1'
      ? bool(status?.infrastructureReady)
      : bool(at(status, 'initialization', 'infrastructureProvisioned'));
  if (cpInitialized !== undefined)
    cluster.controlPlaneInitialized = cpInitialized;
  if (infraReady !== undefined) cluster.infrastructureReady = infraReady;
  if (bool(spec?.paused) === true) cluster.paused = true;
  // CAPI v1.14: versions running and the upgrade plan (v1beta1 objects carry them under status.v1beta2).
  const next = apiVersion === 'v1beta1' ? obj(status?.v1beta2) : status;
  const cpVersions = readVersionCounts(at(next, 'controlPlane', 'versions'));
  const workerVersions = readVersionCounts(at(next, 'workers', 'versions'));
  const cpPlan = readUpgradePlan(at(next, 'controlPlane', 'upgradePlan'));
  const workersPlan = readUpgradePlan(at(next, 'workers', 'upgradePlan'));
  if (cpVersions) cluster.controlPlaneVersions = cpVersions;
  if (workerVersions) cluster.workerVersions = workerVersions;
  if (cpPlan) cluster.controlPlanePlan = cpPlan;
  if (workersPlan) cluster.workersPlan = workersPlan;
  // Change requests: whether the controllers saw the latest spec.
  const generation = num(at(object, 'metadata', 'generation'));
  const observedGeneration = num(status?.observedGeneration);
  if (generation !== undefined) cluster.generation = generation;
  if (observedGeneration !== undefined) {
    cluster.observedGeneration = observedGeneration;
  }
  return cluster;
}
