import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  emptyPatchSummary,
  type ClusterSummary,
  type ManagementClusterHealth,
} from '@capstan/plugin-capi-common';
import type { CapiActionServices } from '../actions';
import { registerCapiActions } from '../actions';
import type { ClusterAggregate } from '../services/FleetIndex';

const NOW = '2026-11-25T10:00:00Z';

/** A cluster as the read model holds it; `overrides` change what a test needs. */
export function clusterSummary(
  id: string,
  overrides: Partial<ClusterSummary> = {},
): ClusterSummary {
  const [managementCluster, namespace, name] = id.split('/');
  return {
    id,
    managementCluster,
    namespace,
    name,
    labels: {},
    owner: `group:default/${namespace}`,
    entityRefs: [],
    phase: 'Provisioned',
    status: 'Available',
    conditions: [{ type: 'Available', status: 'True', reason: 'Available' }],
    desiredVersion: 'v1.33.4',
    actualVersion: 'v1.33.4',
    runningVersions: ['v1.33.4'],
    rollingOut: false,
    controlPlane: {
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 1,
      initialized: true,
      available: true,
      patch: emptyPatchSummary(),
    },
    nodePools: [
      {
        name: 'md-0',
        kind: 'MachineDeployment',
        replicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        upToDateReplicas: 2,
        rollingOut: false,
        conditions: [],
        patch: {
          total: 2,
          upToDate: 2,
          pending: 0,
          overdue: 0,
          unknown: 0,
          rebootRequired: 0,
          compliance: 1,
        },
      },
    ],
    machines: [],
    patch: {
      total: 2,
      upToDate: 2,
      pending: 0,
      overdue: 0,
      unknown: 0,
      rebootRequired: 0,
      compliance: 1,
    },
    upgradeOptions: ['v1.34.1'],
    upgrade: {
      available: ['v1.34.1'],
      controlPlaneVersions: [{ version: 'v1.33.4', replicas: 1 }],
      workerVersions: [{ version: 'v1.33.4', replicas: 2 }],
      updatingInPlace: [],
    },
    gitopsPath: `clusters/${id}`,
    gitManaged: true,
    createdAt: NOW,
    stale: false,
    apiVersion: 'v1beta2',
    ...overrides,
  };
}

function aggregateOf(c: ClusterSummary): ClusterAggregate {
  const overdue = c.machines.filter(m => m.patch.state === 'overdue');
  return {
    id: c.id,
    managementCluster: c.managementCluster,
    namespace: c.namespace,
    name: c.name,
    ...(c.owner ? { owner: c.owner } : {}),
    status: c.status,
    phase: c.phase,
    runningVersions: c.runningVersions,
    patch: c.patch,
    machineCount: c.machines.length,
    overdueMachines: overdue.map(m => ({
      name: m.name,
      ...(m.nodeName ? { nodeName: m.nodeName } : {}),
      ...(m.patch.dueBy ? { dueBy: m.patch.dueBy } : {}),
    })),
  };
}

export const HEALTH: ManagementClusterHealth[] = [
  {
    name: 'mc-a',
    title: 'MC A',
    state: 'synced',
    apiVersion: 'v1beta2',
    lastSyncAt: NOW,
    stale: false,
    clusterCount: 2,
    machineCount: 6,
  },
];

/**
 * The actions over a fixed fleet, with a policy double: `readable` says
 * which clusters the caller may read, `fleet` whether they may read the fleet.
 */
export function actionsOver(
  clusters: ClusterSummary[],
  policy: {
    readable: (id: string) => boolean;
    fleet: boolean;
    entityClusters?: Record<string, string[]>;
  },
) {
  const byId = new Map(clusters.map(c => [c.id, c]));
  const services: CapiActionServices = {
    access: {
      readFilter: jest.fn(async () => policy.readable),
      requireFleet: jest.fn(async () => {
        if (!policy.fleet) {
          throw new NotAllowedError(
            'The fleet view is for the platform team: it requires the capi.fleet.read permission',
          );
        }
      }),
    },
    reader: {
      index: {
        has: (id: string) => byId.has(id),
        clusterIds: () => byId.keys(),
        getAggregate: (id: string) => {
          const c = byId.get(id);
          return c ? aggregateOf(c) : undefined;
        },
      } as unknown as CapiActionServices['reader']['index'],
      cluster: (id: string) => byId.get(id),
      clusters: (ids: Iterable<string>) =>
        [...ids].flatMap(id => (byId.has(id) ? [byId.get(id)!] : [])),
      fleet: () =>
        ({
          policy: { securityOverdueAfterHours: 48 },
        } as ReturnType<CapiActionServices['reader']['fleet']>),
      health: () => HEALTH,
      unsyncedManagementClusters: () => [],
    },
    resolver: {
      getEntity: jest.fn(async (ref: string) => {
        const ids = policy.entityClusters?.[ref];
        if (!ids) throw new NotFoundError(`Entity ${ref} not found`);
        const [kind, rest] = ref.split(':');
        const [namespace, name] = rest.split('/');
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind,
          metadata: { namespace, name },
        };
      }),
      resolve: jest.fn(
        async entity =>
          policy.entityClusters?.[
            `${entity.kind}:${entity.metadata.namespace}/${entity.metadata.name}`
          ] ?? [],
      ),
    },
  };
  const registry = actionsRegistryServiceMock({
    logger: mockServices.logger.mock(),
  });
  registerCapiActions(registry, services);
  return { registry, services };
}
