import {
  ClusterSummary,
  gitopsClusterPath,
  ManagementClusterHealth,
  stringifyClusterRef,
} from '@capstan/plugin-capi-common';
import { clusterEntityName } from '@capstan/plugin-capi-node';

const emptyPatch = {
  total: 0,
  upToDate: 0,
  pending: 0,
  overdue: 0,
  unknown: 0,
  rebootRequired: 0,
  compliance: 1,
};

/** A read-model cluster for tests; `ref` fields decide id, paths and entity name. */
export function makeClusterSummary(
  overrides: Partial<ClusterSummary> & {
    managementCluster?: string;
    namespace?: string;
    name?: string;
  } = {},
): ClusterSummary {
  const ref = {
    managementCluster: overrides.managementCluster ?? 'mc-fra',
    namespace: overrides.namespace ?? 'team-payments',
    name: overrides.name ?? 'checkout-prod',
  };
  const id = stringifyClusterRef(ref);
  // As the capi backend names it: from the uid Kubernetes gave the Cluster.
  const uid = overrides.uid ?? `uid-of-${id}`;
  return {
    ...ref,
    id,
    uid,
    entityName: clusterEntityName({
      ...ref,
      labels: overrides.labels,
      uid,
    }),
    labels: {},
    entityRefs: [],
    phase: 'Provisioned',
    status: 'Available',
    conditions: [],
    runningVersions: ['v1.33.2'],
    rollingOut: false,
    controlPlane: {
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      upToDateReplicas: 3,
      initialized: true,
      available: true,
      patch: emptyPatch,
    },
    nodePools: [],
    machines: [],
    patch: emptyPatch,
    upgradeOptions: [],
    gitopsPath: gitopsClusterPath(ref),
    stale: false,
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    ...overrides,
  };
}

/** Health of a management cluster that is synced, for fleet responses. */
export function makeManagementClusterHealth(
  name: string,
  overrides: Partial<ManagementClusterHealth> = {},
): ManagementClusterHealth {
  return {
    name,
    title: name,
    state: 'synced',
    lastSyncAt: '2026-11-20T00:00:00.000Z',
    stale: false,
    clusterCount: 0,
    machineCount: 0,
    ...overrides,
  };
}
