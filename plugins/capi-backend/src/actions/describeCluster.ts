import {
  ClusterCondition,
  ClusterSummary,
  explainCondition,
  isConditionFailing,
  isConditionHealthy,
} from '@capstan/plugin-capi-common';

/** A condition with what it means in plain words. */
function explained(condition: ClusterCondition) {
  const explanation = explainCondition(condition);
  return {
    explanation: explanation.title,
    detail: explanation.detail,
    ...(explanation.action ? { whatToDo: explanation.action } : {}),
    condition: {
      type: condition.type,
      status: condition.status,
      ...(condition.reason ? { reason: condition.reason } : {}),
      ...(condition.message ? { message: condition.message } : {}),
      ...(condition.lastTransitionTime
        ? { since: condition.lastTransitionTime }
        : {}),
    },
  };
}

/**
 * One cluster as an assistant needs it: the status, why it is not healthy
 * (the headline and every condition that is not in its normal state, each in
 * plain words with the condition behind it), pools, versions, the upgrades
 * that can be asked for now, and the patch state with the machines that need
 * attention. Built from the same read model the entity card shows.
 */
export function describeCluster(c: ClusterSummary) {
  const notHealthy = c.conditions.filter(
    condition => !isConditionHealthy(condition),
  );
  return {
    id: c.id,
    name: c.name,
    managementCluster: c.managementCluster,
    namespace: c.namespace,
    ...(c.owner ? { owner: c.owner } : {}),
    entityRefs: c.entityRefs,
    ...(c.profile ? { profile: c.profile } : {}),
    status: c.status,
    phase: c.phase,
    healthy: c.status === 'Available' && !c.stale,
    ...(c.headline ? { headline: explained(c.headline) } : {}),
    problems: notHealthy.map(condition => ({
      ...explained(condition),
      failing: isConditionFailing(condition),
    })),
    ...(c.stale
      ? {
          stale: {
            reason: c.staleReason ?? 'The management cluster is not current',
            ...(c.staleSince ? { since: c.staleSince } : {}),
          },
        }
      : {}),
    versions: {
      ...(c.desiredVersion ? { desired: c.desiredVersion } : {}),
      ...(c.actualVersion ? { lowestRunning: c.actualVersion } : {}),
      running: c.runningVersions,
      rollingOut: c.rollingOut,
    },
    upgrade: {
      available: c.upgrade?.available ?? c.upgradeOptions,
      ...(c.upgrade?.blockedReason
        ? { blockedReason: c.upgrade.blockedReason }
        : {}),
      ...(c.upgrade?.plans ? { plans: c.upgrade.plans } : {}),
    },
    controlPlane: {
      ...(c.controlPlane.kind ? { kind: c.controlPlane.kind } : {}),
      ...(c.controlPlane.version ? { version: c.controlPlane.version } : {}),
      replicas: c.controlPlane.replicas,
      readyReplicas: c.controlPlane.readyReplicas,
      available: c.controlPlane.available,
      ...(c.controlPlane.certificatesExpiryDate
        ? { certificatesExpire: c.controlPlane.certificatesExpiryDate }
        : {}),
    },
    nodePools: c.nodePools.map(pool => ({
      name: pool.name,
      kind: pool.kind,
      ...(pool.class ? { class: pool.class } : {}),
      ...(pool.size ? { size: pool.size } : {}),
      ...(pool.desiredReplicas !== undefined
        ? { desiredReplicas: pool.desiredReplicas }
        : {}),
      replicas: pool.replicas,
      readyReplicas: pool.readyReplicas,
      availableReplicas: pool.availableReplicas,
      upToDateReplicas: pool.upToDateReplicas,
      ...(pool.autoscaling ? { autoscaling: pool.autoscaling } : {}),
      ...(pool.version ? { version: pool.version } : {}),
      ...(pool.status ? { status: pool.status } : {}),
      ...(pool.explanation ? { explanation: pool.explanation.title } : {}),
      patch: pool.patch,
    })),
    patch: {
      ...c.patch,
      machinesNeedingAttention: c.machines
        .filter(m => m.patch.state !== 'up-to-date' || m.patch.rebootRequired)
        .map(m => ({
          machine: m.name,
          pool: m.pool,
          ...(m.nodeName ? { node: m.nodeName } : {}),
          state: m.patch.state,
          rebootRequired: m.patch.rebootRequired,
          ...(m.patch.pendingSecurityUpdates !== undefined
            ? { pendingSecurityUpdates: m.patch.pendingSecurityUpdates }
            : {}),
          ...(m.patch.dueBy ? { dueBy: m.patch.dueBy } : {}),
          ...(m.patch.lastPatched ? { lastPatched: m.patch.lastPatched } : {}),
        })),
    },
    gitops: {
      path: c.gitopsPath,
      ...(c.gitopsUrl ? { url: c.gitopsUrl } : {}),
      ...(c.gitManaged !== undefined ? { inGit: c.gitManaged } : {}),
    },
  };
}
