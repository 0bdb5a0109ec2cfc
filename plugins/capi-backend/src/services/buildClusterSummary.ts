import { classicVersionMismatch } from './classicVersionMismatch';
import {
  CLUSTER_ANNOTATIONS,
  entityRefFromClusterLabels,
  ownerRefFromCluster,
  CLUSTER_LABELS,
  ClusterSummary,
  compareKubernetesVersions,
  ControlPlaneSummary,
  gitopsClusterPath,
  MachineSummary,
  NodePoolSummary,
  normalizeKubernetesVersion,
  PatchState,
  countPatchState,
  emptyPatchSummary,
  finishPatchSummary,
  patchStateOfMachine,
} from '@capstan/plugin-capi-common';
import { clusterEntityName } from '@capstan/plugin-capi-node';
import { conditionStatus } from '../normalise/conditions';
import { summariseStatus, VersionTally } from './summariseStatus';
import type {
  TrimmedCluster,
  TrimmedControlPlane,
  TrimmedMachine,
  TrimmedPool,
} from '../normalise/types';

/** What the summary of one cluster is built from. */
export interface ClusterSummaryInput {
  managementCluster: string;
  managementClusterTitle?: string;
  apiVersion: string;
  cluster: TrimmedCluster;
  controlPlane?: TrimmedControlPlane;
  pools: Iterable<TrimmedPool>;
  machines: Iterable<TrimmedMachine>;
  patchStateOf(machine: TrimmedMachine): {
    state: PatchState;
    validUntil: number;
  };
  /** Kubernetes versions the cluster's profile allows, if it has a known profile. */
  allowedVersions?: readonly string[];
  /** The profile allows chained (multi-minor) upgrades of ClusterClass clusters. */
  chainedUpgrades?: boolean;
  gitopsUrl?(path: string): string | undefined;
  /**
   * `aggregate` leaves `machines` empty and reports machine counts and
   * overdue machines instead, for fleet-wide views that must not keep a
   * MachineSummary per machine in memory. Default `full`.
   */
  detail?: 'full' | 'aggregate';
  /** The time the summary is built at (machines starting too long count as missing). */
  now?: number;
}

/**
 * An overdue machine, as the fleet's overdue list shows it.
 *
 * @public
 */
export interface OverdueMachine {
  name: string;
  nodeName?: string;
  securityPendingSince?: string;
  dueBy?: string;
}

const INFRA_PROVIDERS: Array<[RegExp, string]> = [
  [/^VSphere/, 'vsphere'],
  [/^AWS/, 'aws'],
  [/^Azure/, 'azure'],
  [/^(Docker|Dev)/, 'docker'],
  [/^GCP/, 'gcp'],
  [/^OpenStack/, 'openstack'],
  [/^Metal3/, 'metal3'],
];

function providerOf(kind: string | undefined): string | undefined {
  if (!kind) return undefined;
  return INFRA_PROVIDERS.find(([pattern]) => pattern.test(kind))?.[1];
}

/** Owner ref: the annotation, else the owner label read as a group in the default namespace. */
export function ownerOf(cluster: TrimmedCluster): string | undefined {
  return ownerRefFromCluster(cluster);
}

/** Entity refs linked to a cluster by the scaffolder (not counting the owner). */
export function entityRefsOf(cluster: TrimmedCluster): string[] {
  const refs = new Set<string>();
  const annotated = cluster.annotations[CLUSTER_ANNOTATIONS.entityRef];
  if (annotated) refs.add(annotated.toLocaleLowerCase('en-US'));
  const labelled = entityRefFromClusterLabels(cluster.labels);
  if (labelled) refs.add(labelled);
  return [...refs];
}

function poolSummary(pool: TrimmedPool): NodePoolSummary {
  const summary: NodePoolSummary = {
    name: pool.poolName,
    kind: pool.kind,
    replicas: pool.replicas,
    readyReplicas: pool.readyReplicas,
    availableReplicas: pool.availableReplicas,
    upToDateReplicas: pool.upToDateReplicas,
    rollingOut:
      conditionStatus(pool.conditions, 'RollingOut') === 'True' ||
      (pool.replicas > 0 && pool.upToDateReplicas < pool.replicas),
    conditions: pool.conditions,
    patch: emptyPatchSummary(),
  };
  if (pool.class) summary.class = pool.class;
  if (pool.size) summary.size = pool.size;
  if (pool.desiredReplicas !== undefined)
    summary.desiredReplicas = pool.desiredReplicas;
  if (pool.autoscaling) summary.autoscaling = pool.autoscaling;
  if (pool.version) summary.version = pool.version;
  if (pool.phase) summary.phase = pool.phase;
  if (pool.versions) summary.versions = pool.versions;
  return summary;
}

/**
 * Builds the read model of one cluster from its trimmed objects. Returns
 * the summary (without staleness, which the caller adds per request) and
 * the time until which it is valid: patch states turn overdue as time
 * passes.
 */
export function buildClusterSummary(input: ClusterSummaryInput): {
  summary: ClusterSummary;
  validUntil: number;
  machineCount: number;
  overdueMachines: OverdueMachine[];
} {
  const full = input.detail !== 'aggregate';
  let machineCount = 0;
  const overdueMachines: OverdueMachine[] = [];
  const { cluster, managementCluster } = input;
  const ref = {
    managementCluster,
    namespace: cluster.namespace,
    name: cluster.name,
  };
  let validUntil = Infinity;

  // Pools by object name, so that machines (labelled with the object name) find them.
  const pools = new Map<string, NodePoolSummary>();
  const poolByObjectName = new Map<string, NodePoolSummary>();
  const poolInputs = new Map<NodePoolSummary, TrimmedPool>();
  for (const pool of input.pools) {
    const summary = poolSummary(pool);
    pools.set(`${pool.kind}/${summary.name}`, summary);
    poolByObjectName.set(`${pool.kind}/${pool.name}`, summary);
    poolInputs.set(summary, pool);
  }
  for (const tp of cluster.topologyPools) {
    if (!pools.has(`${tp.kind}/${tp.name}`)) {
      // Declared in the topology, not created yet.
      const pending: NodePoolSummary = {
        name: tp.name,
        kind: tp.kind,
        replicas: 0,
        readyReplicas: 0,
        availableReplicas: 0,
        upToDateReplicas: 0,
        rollingOut: false,
        conditions: [],
        patch: emptyPatchSummary(),
      };
      if (tp.class) pending.class = tp.class;
      if (tp.size) pending.size = tp.size;
      if (tp.replicas !== undefined) pending.desiredReplicas = tp.replicas;
      pools.set(`${tp.kind}/${tp.name}`, pending);
    } else {
      const existing = pools.get(`${tp.kind}/${tp.name}`)!;
      if (!existing.size && tp.size) existing.size = tp.size;
      // The ClusterClass worker class says more than a generated template name.
      if (tp.class) existing.class = tp.class;
    }
  }

  const cpInput = input.controlPlane;
  const controlPlane: ControlPlaneSummary = {
    replicas: cpInput?.replicas ?? 0,
    readyReplicas: cpInput?.readyReplicas ?? 0,
    availableReplicas: cpInput?.availableReplicas ?? 0,
    upToDateReplicas: cpInput?.upToDateReplicas ?? 0,
    initialized:
      cpInput?.initialized ?? cluster.controlPlaneInitialized ?? false,
    available: cpInput?.available ?? false,
    patch: emptyPatchSummary(),
  };
  const cpKind = cluster.controlPlaneRef?.kind ?? cpInput?.kind;
  const cpName = cluster.controlPlaneRef?.name ?? cpInput?.name;
  if (cpKind) controlPlane.kind = cpKind;
  if (cpName) controlPlane.name = cpName;
  if (cpInput?.desiredReplicas !== undefined)
    controlPlane.desiredReplicas = cpInput.desiredReplicas;
  if (cpInput?.version) controlPlane.version = cpInput.version;

  const clusterPatch = emptyPatchSummary();
  const machines: MachineSummary[] = [];
  const running = new Set<string>();
  const tally = new VersionTally(input.now);
  for (const m of input.machines) {
    const reported = input.patchStateOf(m);
    // A machine without a node has no patch state yet, whatever it reports.
    const state = patchStateOfMachine(m, reported.state);
    const patchValidUntil = reported.validUntil;
    validUntil = Math.min(validUntil, patchValidUntil);
    let pool: NodePoolSummary | undefined;
    let poolName: string;
    if (m.controlPlane) {
      poolName = 'control-plane';
    } else {
      pool =
        (m.deploymentName &&
          poolByObjectName.get(`MachineDeployment/${m.deploymentName}`)) ||
        (m.machinePoolName &&
          poolByObjectName.get(`MachinePool/${m.machinePoolName}`)) ||
        (m.topologyPoolName &&
          pools.get(`MachineDeployment/${m.topologyPoolName}`)) ||
        undefined;
      poolName =
        pool?.name ??
        m.topologyPoolName ??
        m.deploymentName ??
        m.machinePoolName ??
        'unassigned';
    }
    machineCount++;
    if (state.state === 'overdue') {
      const overdue: OverdueMachine = { name: m.name };
      if (m.nodeName) overdue.nodeName = m.nodeName;
      if (state.securityPendingSince) {
        overdue.securityPendingSince = state.securityPendingSince;
      }
      if (state.dueBy) overdue.dueBy = state.dueBy;
      overdueMachines.push(overdue);
    }
    if (full) {
      const summary: MachineSummary = {
        name: m.name,
        namespace: m.namespace,
        pool: poolName,
        controlPlane: m.controlPlane,
        phase: m.phase,
        patch: state,
      };
      if (m.nodeName) summary.nodeName = m.nodeName;
      if (m.createdAt) summary.createdAt = m.createdAt;
      if (m.version) summary.version = m.version;
      if (m.kubeletVersion) summary.kubeletVersion = m.kubeletVersion;
      if (m.updating) summary.updatingInPlace = true;
      if (m.upToDate !== undefined) summary.upToDate = m.upToDate;
      if (m.osImage) summary.osImage = m.osImage;
      if (m.kernelVersion) summary.kernelVersion = m.kernelVersion;
      if (m.certificatesExpiryDate)
        summary.certificatesExpiryDate = m.certificatesExpiryDate;
      if (m.providerId) summary.providerId = m.providerId;
      if (m.addresses) summary.addresses = m.addresses;
      machines.push(summary);
    }
    countPatchState(clusterPatch, state);
    if (pool) countPatchState(pool.patch, state);
    else if (m.controlPlane) countPatchState(controlPlane.patch, state);
    if (m.kubeletVersion)
      running.add(normalizeKubernetesVersion(m.kubeletVersion));
    tally.add(m, poolName);
    if (
      m.controlPlane &&
      m.certificatesExpiryDate &&
      (!controlPlane.certificatesExpiryDate ||
        m.certificatesExpiryDate < controlPlane.certificatesExpiryDate)
    ) {
      controlPlane.certificatesExpiryDate = m.certificatesExpiryDate;
    }
  }
  machines.sort(
    (a, b) => a.pool.localeCompare(b.pool) || a.name.localeCompare(b.name),
  );
  overdueMachines.sort((a, b) =>
    a.name < b.name ? -1 : Number(a.name > b.name),
  );
  const nodePools = [...pools.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const pool of nodePools) finishPatchSummary(pool.patch);
  finishPatchSummary(controlPlane.patch);
  finishPatchSummary(clusterPatch);

  const runningVersions = [...running].sort((a, b) =>
    compareKubernetesVersions(b, a),
  );
  const actualVersion = runningVersions[runningVersions.length - 1];
  const desiredRaw = cluster.desiredVersion ?? cpInput?.version;
  const desiredVersion = desiredRaw
    ? normalizeKubernetesVersion(desiredRaw)
    : undefined;
  const versionMismatch = Boolean(
    desiredVersion &&
      (cluster.clusterClass
        ? runningVersions.some(
            v => compareKubernetesVersions(v, desiredVersion) !== 0,
          )
        : classicVersionMismatch(tally, nodePools, desiredVersion)),
  );
  validUntil = Math.min(validUntil, tally.validUntil);
  const verdict = summariseStatus({
    cluster,
    controlPlaneInput: cpInput,
    controlPlane,
    nodePools,
    poolInputs,
    tally,
    desiredVersion,
    versionMismatch,
    allowedVersions: input.allowedVersions,
    chainedUpgrades: input.chainedUpgrades,
  });
  const headline = verdict.headline;
  const rollingOut =
    versionMismatch ||
    verdict.status === 'Upgrading' ||
    verdict.status === 'RollingOut' ||
    conditionStatus(cluster.conditions, 'RollingOut') === 'True' ||
    nodePools.some(p => p.rollingOut) ||
    (controlPlane.replicas > 0 &&
      controlPlane.upToDateReplicas < controlPlane.replicas);

  const gitopsPath =
    cluster.annotations[CLUSTER_ANNOTATIONS.gitopsPath] ??
    gitopsClusterPath(ref);
  const summary: ClusterSummary = {
    id: `${managementCluster}/${cluster.namespace}/${cluster.name}`,
    ...ref,
    labels: cluster.labels,
    entityRefs: entityRefsOf(cluster),
    phase: cluster.phase,
    status: verdict.status,
    conditions: cluster.conditions,
    runningVersions,
    rollingOut,
    controlPlane,
    nodePools,
    machines,
    patch: clusterPatch,
    upgradeOptions: verdict.upgrade.available,
    upgrade: verdict.upgrade,
    gitopsPath,
    stale: false,
    apiVersion: input.apiVersion,
  };
  const owner = ownerOf(cluster);
  const profile = cluster.labels[CLUSTER_LABELS.profile];
  const provider = providerOf(cluster.infrastructureKind);
  const gitopsUrl = input.gitopsUrl?.(gitopsPath);
  if (cluster.uid) summary.uid = cluster.uid;
  const entityName = clusterEntityName({
    ...ref,
    labels: cluster.labels,
    uid: cluster.uid,
  });
  if (entityName) summary.entityName = entityName;
  if (input.managementClusterTitle)
    summary.managementClusterTitle = input.managementClusterTitle;
  if (owner) summary.owner = owner;
  if (profile) summary.profile = profile;
  if (headline) summary.headline = headline;
  if (verdict.explanation) summary.explanation = verdict.explanation;
  if (desiredVersion) summary.desiredVersion = desiredVersion;
  if (actualVersion) summary.actualVersion = actualVersion;
  if (cluster.clusterClass) summary.clusterClass = cluster.clusterClass;
  if (provider) summary.provider = provider;
  if (cluster.controlPlaneEndpoint)
    summary.controlPlaneEndpoint = cluster.controlPlaneEndpoint;
  if (gitopsUrl) summary.gitopsUrl = gitopsUrl;
  if (cluster.createdAt) summary.createdAt = cluster.createdAt;
  return { summary, validUntil, machineCount, overdueMachines };
}
