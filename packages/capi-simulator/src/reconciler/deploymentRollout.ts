import { CAPI_ANNOTATIONS, CAPI_LABELS } from '@capstan/plugin-capi-common';
import { InfrastructureProvider } from '../api/resources';
import { KubeObject } from '../types';
import { MachineSteps } from './MachineSteps';
import { ReconcileContext } from './ReconcileContext';
import {
  MACHINE_SET_LABEL,
  RESOURCES,
  TEMPLATE_HASH_LABEL,
  templateHash,
} from './capiMeta';
import {
  machineSetPreflight,
  SKIP_PREFLIGHT_CHECKS_ANNOTATION,
} from './machineSetPreflight';
import { buildMachineSet } from './workerObjects';
import { workerSetStatus } from './workerSetStatus';

type Spec = Record<string, any>;

/**
 * A MachineDeployment's scaling (within the autoscaler bounds) and rolling update
 * (maxSurge 1, maxUnavailable 0) through one MachineSet per template revision.
 * A MachineSet creates a Machine only when CAPI's preflight checks against the
 * control plane pass (see {@link machineSetPreflight}); otherwise the rollout
 * holds and the MachineSet says why.
 */
export function reconcileDeployment(
  ctx: ReconcileContext,
  steps: MachineSteps,
  cluster: KubeObject,
  deployment: KubeObject,
  provider: InfrastructureProvider,
  canBootstrap: boolean,
  controlPlane?: KubeObject,
) {
  let md = deployment;
  const namespace = cluster.metadata.namespace!;
  const clusterName = cluster.metadata.name;
  let busy = false;
  let spec = md.spec as Spec;

  // The cluster autoscaler keeps replicas within its min/max annotations.
  const min = Number(md.metadata.annotations?.[CAPI_ANNOTATIONS.autoscalerMin]);
  const max = Number(md.metadata.annotations?.[CAPI_ANNOTATIONS.autoscalerMax]);
  const defaultReplicas = Number.isFinite(min) ? min : 1;
  let replicas =
    spec.replicas === undefined ? defaultReplicas : Number(spec.replicas);
  if (Number.isFinite(min) && replicas < min) replicas = min;
  if (Number.isFinite(max) && replicas > max) replicas = max;
  if (replicas !== spec.replicas) {
    md = ctx.store.update(RESOURCES.machineDeployments, {
      ...md,
      spec: { ...spec, replicas },
    });
    spec = md.spec as Spec;
  }

  const template = spec.template?.spec ?? {};
  const version = String(template.version ?? '');
  const hash = templateHash(template);
  const machineSetName = `${md.metadata.name}-${hash}`;
  const ofDeployment = (m: KubeObject) =>
    m.metadata.labels?.[CAPI_LABELS.deploymentName] === md.metadata.name;

  let machineSet = ctx.get(RESOURCES.machineSets, namespace, machineSetName);
  if (!machineSet) {
    machineSet = ctx.store.create(
      RESOURCES.machineSets,
      buildMachineSet({
        deployment: md,
        clusterName,
        templateHash: hash,
        replicas: 0,
        templateSpec: template,
      }),
    );
  }

  const advanced: KubeObject[] = [];
  for (const machine of steps.machinesOf(
    namespace,
    clusterName,
    ofDeployment,
  )) {
    const upToDate = machine.metadata.labels?.[TEMPLATE_HASH_LABEL] === hash;
    const result = steps.advanceDeletable(
      machine,
      provider,
      canBootstrap,
      upToDate,
    );
    busy = result.moving || busy;
    if (result.machine) advanced.push(result.machine);
  }
  const live = advanced.filter(m => !steps.isDeleting(m));
  const current = live.filter(
    m => m.metadata.labels?.[TEMPLATE_HASH_LABEL] === hash,
  );
  const old = live.filter(
    m => m.metadata.labels?.[TEMPLATE_HASH_LABEL] !== hash,
  );
  const running = (list: KubeObject[]) =>
    list.filter(m => m.status?.phase === 'Running');
  // The MachineDeployment's opt-out propagates to its MachineSets (it wins).
  const skip =
    md.metadata.annotations?.[SKIP_PREFLIGHT_CHECKS_ANNOTATION] ??
    machineSet.metadata.annotations?.[SKIP_PREFLIGHT_CHECKS_ANNOTATION];
  let heldBecause: string[] | undefined;
  const create = () => {
    heldBecause ??= machineSetPreflight({
      cluster,
      controlPlane,
      machineSet: {
        ...machineSet!,
        metadata: {
          ...machineSet!.metadata,
          annotations: skip
            ? { [SKIP_PREFLIGHT_CHECKS_ANNOTATION]: skip }
            : undefined,
        },
      },
    });
    // Held: checked again on the next pass, as CAPI requeues.
    busy = true;
    if (heldBecause.length > 0) return;
    steps.createMachine(cluster, machineSet!, provider, {
      controlPlane: false,
      version,
      deploymentName: md.metadata.name,
      machineSetName,
      templateHash: hash,
    });
  };

  if (old.length === 0) {
    for (let i = current.length; i < replicas; i++) create();
    // Scale down: machines that are not running yet go first, then the newest.
    const surplus = [...current]
      .sort(
        (a, b) =>
          Number(a.status?.phase === 'Running') -
          Number(b.status?.phase === 'Running'),
      )
      .slice(0, Math.max(0, current.length - replicas));
    surplus.forEach(m => steps.deleteMachine(m));
    if (surplus.length) busy = true;
  } else {
    // RollingUpdate with maxSurge 1, maxUnavailable 0.
    busy = true;
    if (current.length < replicas && live.length < replicas + 1) create();
    const available = running(current).length + running(old).length;
    // maxUnavailable 0: an old machine goes only once a new one runs in its place.
    if (available > replicas) {
      const victim = old.find(m => m.status?.phase !== 'Running') ?? old[0];
      steps.deleteMachine(victim);
    } else if (
      old.some(m => m.status?.phase !== 'Running') &&
      live.length > replicas
    ) {
      steps.deleteMachine(old.find(m => m.status?.phase !== 'Running')!);
    }
  }

  // MachineSets mirror the machines they own; old ones go once empty.
  const all = steps
    .machinesOf(namespace, clusterName, ofDeployment)
    .filter(m => !steps.isDeleting(m));
  for (const entry of ctx.store.entriesByLabel(
    RESOURCES.machineSets,
    namespace,
    clusterName,
  )) {
    const ms: KubeObject = JSON.parse(entry.json);
    if (ms.metadata.labels?.[CAPI_LABELS.deploymentName] !== md.metadata.name)
      continue;
    const msHash = ms.metadata.labels?.[TEMPLATE_HASH_LABEL];
    const owned = all.filter(
      m => m.metadata.labels?.[MACHINE_SET_LABEL] === ms.metadata.name,
    );
    if (
      msHash !== hash &&
      owned.length === 0 &&
      !steps.machinesOf(
        namespace,
        clusterName,
        m => m.metadata.labels?.[MACHINE_SET_LABEL] === ms.metadata.name,
      ).length
    ) {
      ctx.store.delete(RESOURCES.machineSets, namespace, ms.metadata.name);
      continue;
    }
    const msReplicas = msHash === hash ? replicas : owned.length;
    const withReplicas = {
      ...ms,
      spec: { ...(ms.spec as Spec), replicas: msReplicas },
    };
    const status = workerSetStatus(
      withReplicas,
      owned,
      new Date(),
      () => msHash === hash,
    );
    if (msHash === hash && heldBecause?.length) {
      reportHeldScaleUp(status, heldBecause, ms);
    }
    ctx.write(RESOURCES.machineSets, ms, { ...withReplicas, status });
  }

  const status = workerSetStatus(
    md,
    all,
    new Date(),
    m => m.metadata.labels?.[TEMPLATE_HASH_LABEL] === hash,
  );
  const written = ctx.writeStatus(RESOURCES.machineDeployments, md, status);
  if (
    all.length !== replicas ||
    all.some(
      m =>
        m.status?.phase !== 'Running' ||
        m.metadata.labels?.[TEMPLATE_HASH_LABEL] !== hash,
    )
  )
    busy = true;
  return { deployment: written, busy };
}

/**
 * What CAPI's MachineSet says while its preflight checks hold a scale-up:
 * `ScalingUp` names the blocked scale-up and each failed check, the v1beta1
 * `MachinesCreated` condition is False with reason `PreflightCheckFailed`.
 */
function reportHeldScaleUp(
  status: Record<string, any>,
  messages: string[],
  previous: KubeObject,
) {
  // Kept from the last pass, so an unchanged hold writes nothing.
  const since =
    (
      previous.status as Spec | undefined
    )?.deprecated?.v1beta1?.conditions?.find(
      (c: Spec) => c.type === 'MachinesCreated' && c.status === 'False',
    )?.lastTransitionTime ?? new Date().toISOString();
  status.conditions = (status.conditions as Array<Record<string, any>>).map(c =>
    c.type === 'ScalingUp' && c.status === 'True'
      ? {
          ...c,
          message: `${c.message} is blocked because:\n${messages
            .map(m => `* ${m}`)
            .join('\n')}`,
        }
      : c,
  );
  const v1beta1 = status.deprecated?.v1beta1;
  if (v1beta1) {
    v1beta1.conditions = [
      ...(v1beta1.conditions ?? []),
      {
        type: 'MachinesCreated',
        status: 'False',
        severity: 'Error',
        reason: 'PreflightCheckFailed',
        message: messages.join('; '),
        lastTransitionTime: since,
      },
    ];
  }
}
