import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import { condition, conditionsOf } from './capiMeta';
import {
  countMachines,
  replicaConditions,
  unhealthyMessages,
  versionCounts,
} from './replicaRollups';

/** MachineDeployment (or MachineSet) status from its machines. */
export function workerSetStatus(
  owner: KubeObject,
  machines: KubeObject[],
  now: Date,
  isUpToDate: (m: KubeObject) => boolean,
): Record<string, unknown> {
  const desired = Number(owner.spec?.replicas ?? 1);
  const counts = countMachines(machines, desired, isUpToDate);
  const previous = conditionsOf(owner);
  const generation = owner.metadata.generation;
  // Available when no more machines are unavailable than maxUnavailable (0 in the default strategy) allows, at steady state.
  const available = counts.available >= desired;
  const problems = unhealthyMessages(machines);
  let phase = 'Running';
  if (counts.replicas < desired) phase = 'ScalingUp';
  else if (counts.replicas > desired) phase = 'ScalingDown';
  const clusterName =
    owner.spec?.clusterName ?? owner.metadata.labels?.[CAPI_LABELS.clusterName];
  return {
    observedGeneration: generation,
    selector: `cluster.x-k8s.io/cluster-name=${clusterName},cluster.x-k8s.io/deployment-name=${
      owner.metadata.labels?.[CAPI_LABELS.deploymentName] ?? owner.metadata.name
    }`,
    replicas: counts.replicas,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    upToDateReplicas: counts.upToDate,
    versions: versionCounts(machines),
    ...(owner.kind === 'MachineDeployment' ? { phase } : {}),
    conditions: [
      condition(
        previous,
        'Available',
        available,
        available ? 'Available' : 'NotAvailable',
        available
          ? undefined
          : problems.join('\n') ||
              `${counts.available} available replicas, at least ${desired} required`,
        now,
        generation,
      ),
      ...replicaConditions(previous, counts, now, generation, 'machines'),
    ],
    deprecated: {
      v1beta1: {
        readyReplicas: counts.ready,
        availableReplicas: counts.available,
        updatedReplicas: counts.upToDate,
        unavailableReplicas: Math.max(0, desired - counts.available),
        conditions: [
          {
            type: 'Ready',
            status: available ? 'True' : 'False',
            lastTransitionTime: rfc3339(now),
            ...(available
              ? {}
              : { severity: 'Warning', reason: 'WaitingForAvailableMachines' }),
          },
        ],
      },
    },
  };
}
