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

/** KubeadmControlPlane status from its machines. */
export function controlPlaneStatus(
  kcp: KubeObject,
  machines: KubeObject[],
  now: Date,
): Record<string, unknown> {
  const desired = Number(kcp.spec?.replicas ?? 1);
  const version = String(kcp.spec?.version ?? '');
  const counts = countMachines(
    machines,
    desired,
    m => m.spec?.version === version,
  );
  const previous = conditionsOf(kcp);
  const generation = kcp.metadata.generation;
  const initialized =
    (kcp.status as { initialization?: { controlPlaneInitialized?: boolean } })
      ?.initialization?.controlPlaneInitialized === true ||
    machines.some(m => m.status?.phase === 'Running');
  const available =
    initialized &&
    counts.available > 0 &&
    counts.available >= Math.floor(desired / 2) + 1;
  const running = machines
    .filter(m => m.status?.phase === 'Running')
    .map(m => String(m.spec?.version));
  const lowest = running.sort()[0];
  const problems = unhealthyMessages(machines);
  return {
    observedGeneration: generation,
    selector: `cluster.x-k8s.io/cluster-name=${
      kcp.metadata.labels?.[CAPI_LABELS.clusterName] ?? ''
    },cluster.x-k8s.io/control-plane`,
    replicas: counts.replicas,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    upToDateReplicas: counts.upToDate,
    ...(lowest ? { version: lowest } : {}),
    versions: versionCounts(machines),
    initialization: { controlPlaneInitialized: initialized },
    conditions: [
      condition(
        previous,
        'Available',
        available,
        available ? 'Available' : 'NotAvailable',
        available
          ? undefined
          : problems.join('\n') || 'Control plane is not available yet',
        now,
        generation,
      ),
      condition(
        previous,
        'Initialized',
        initialized,
        initialized ? 'Initialized' : 'NotInitialized',
        initialized ? undefined : 'Control plane not yet initialized',
        now,
        generation,
      ),
      ...replicaConditions(
        previous,
        counts,
        now,
        generation,
        'control plane machines',
      ),
    ],
    deprecated: {
      v1beta1: {
        readyReplicas: counts.ready,
        updatedReplicas: counts.upToDate,
        unavailableReplicas: counts.replicas - counts.available,
        ready: available,
        conditions: [
          {
            type: 'Ready',
            status: available ? 'True' : 'False',
            lastTransitionTime: rfc3339(now),
            ...(available
              ? {}
              : { severity: 'Warning', reason: 'NotAvailable' }),
          },
        ],
      },
    },
  };
}
