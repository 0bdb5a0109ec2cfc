import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { InfrastructureProvider } from '../api/resources';
import { KubeObject } from '../types';
import { MachineSteps } from './MachineSteps';
import { ReconcileContext } from './ReconcileContext';
import { RESOURCES } from './capiMeta';
import { controlPlaneStatus } from './controlPlaneStatus';

type Spec = Record<string, any>;

/** KubeadmControlPlane rollout and scaling: one machine at a time, a new one (surge) before an old one goes. */
export function reconcileControlPlane(
  ctx: ReconcileContext,
  steps: MachineSteps,
  cluster: KubeObject,
  kcp: KubeObject,
  provider: InfrastructureProvider,
  infrastructureProvisioned: boolean,
) {
  const namespace = cluster.metadata.namespace!;
  const clusterName = cluster.metadata.name;
  const spec = kcp.spec as Spec;
  const desired = Number(spec.replicas ?? 1);
  const version = String(spec.version ?? '');
  let busy = false;
  let machines = steps.machinesOf(
    namespace,
    clusterName,
    m => m.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined,
  );
  const initialized =
    (kcp.status as Spec | undefined)?.initialization
      ?.controlPlaneInitialized === true ||
    machines.some(m => m.status?.phase === 'Running');

  // Advance what exists.
  const advanced: KubeObject[] = [];
  machines.forEach((machine, index) => {
    const canBootstrap =
      infrastructureProvisioned && (initialized || index === 0);
    const result = steps.advanceDeletable(
      machine,
      provider,
      canBootstrap,
      machine.spec?.version === version,
    );
    busy = result.moving || busy;
    if (result.machine) advanced.push(result.machine);
  });
  machines = advanced;
  const live = machines.filter(m => !steps.isDeleting(m));
  const settled = live.every(m => m.status?.phase === 'Running');
  const outdated = live.filter(m => m.spec?.version !== version);
  const current = live.filter(m => m.spec?.version === version);

  // KCP changes one machine at a time: create (surge) first, then remove an outdated one.
  if (settled && !machines.some(m => steps.isDeleting(m))) {
    if (
      current.length < desired &&
      live.length < desired + (outdated.length > 0 ? 1 : 0)
    ) {
      steps.createMachine(cluster, kcp, provider, {
        controlPlane: true,
        version,
      });
      busy = true;
    } else if (live.length > desired) {
      const victim = outdated[0] ?? current[current.length - 1];
      steps.deleteMachine(victim);
      busy = true;
    }
  }
  const fresh = steps.machinesOf(
    namespace,
    clusterName,
    m => m.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined,
  );
  const status = controlPlaneStatus(
    kcp,
    fresh.filter(m => !steps.isDeleting(m)),
    new Date(),
  );
  const controlPlane = ctx.writeStatus(RESOURCES.controlPlanes, kcp, status);
  if (fresh.length !== desired || fresh.some(m => m.spec?.version !== version))
    busy = true;
  return { controlPlane, busy };
}
