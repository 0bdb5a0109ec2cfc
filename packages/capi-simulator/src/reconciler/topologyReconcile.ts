import { CAPI_ANNOTATIONS, CAPI_LABELS } from '@capstan/plugin-capi-common';
import { InfrastructureProvider } from '../api/resources';
import { KubeObject } from '../types';
import { ReconcileContext } from './ReconcileContext';
import { RESOURCES, infrastructureRef, shortHash, suffix } from './capiMeta';
import { buildControlPlane, controlPlaneRef } from './controlPlaneObject';
import { buildMachineDeployment, workerTemplateSpec } from './workerObjects';

/** On a topology MachineDeployment: a hash of its pool's class and variables, to see them change. */
export const VARIABLES_HASH_ANNOTATION =
  'capi-simulator.capstan.dev/topology-variables-hash';

type Spec = Record<string, any>;

/**
 * The topology controller's part: a topology Cluster's KubeadmControlPlane and
 * MachineDeployments from `spec.topology`, the control plane upgraded first and
 * then one pool at a time.
 */
export function reconcileTopology(
  ctx: ReconcileContext,
  original: KubeObject,
  provider: InfrastructureProvider,
) {
  let cluster = original;
  const namespace = cluster.metadata.namespace!;
  const name = cluster.metadata.name;
  const topology = (cluster.spec as Spec).topology as Spec;
  const version = String(topology.version ?? '');
  const uid = cluster.metadata.uid!;

  // Control plane: created from the class, version changes go here first.
  const kcpName =
    (cluster.spec as Spec).controlPlaneRef?.name ??
    `${name}-${suffix(uid, 'control-plane')}`;
  let controlPlane = ctx.get(RESOURCES.controlPlanes, namespace, kcpName);
  const cpReplicas = Number(topology.controlPlane?.replicas ?? 1);
  if (!controlPlane) {
    controlPlane = ctx.store.create(
      RESOURCES.controlPlanes,
      buildControlPlane({
        name: kcpName,
        namespace,
        cluster,
        provider,
        replicas: cpReplicas,
        version,
        topologyOwned: true,
      }),
    );
  } else {
    const spec = controlPlane.spec as Spec;
    if (spec.replicas !== cpReplicas || spec.version !== version) {
      controlPlane = ctx.write(RESOURCES.controlPlanes, controlPlane, {
        ...controlPlane,
        spec: { ...spec, replicas: cpReplicas, version },
      });
    }
  }
  const spec = cluster.spec as Spec;
  if (spec.controlPlaneRef?.name !== kcpName || !spec.infrastructureRef) {
    cluster = ctx.store.update(RESOURCES.clusters, {
      ...cluster,
      spec: {
        ...spec,
        controlPlaneRef: controlPlaneRef(kcpName),
        infrastructureRef:
          spec.infrastructureRef ??
          infrastructureRef(provider, 'cluster', name),
      },
    });
  }

  // Workers are upgraded after the control plane, one MachineDeployment at a time.
  const cpStatus = controlPlane.status as Spec | undefined;
  const controlPlaneDone =
    cpStatus?.version === version &&
    cpStatus?.upToDateReplicas === cpReplicas &&
    cpStatus?.replicas === cpReplicas;
  const wanted: Spec[] = topology.workers?.machineDeployments ?? [];
  const existing = ctx.store
    .entriesByLabel(RESOURCES.machineDeployments, namespace, name)
    .map(e => JSON.parse(e.json) as KubeObject)
    .filter(
      md => md.metadata.labels?.[CAPI_LABELS.topologyOwned] !== undefined,
    );
  let upgrading = existing.some(md => {
    const s = md.status as Spec | undefined;
    const mdVersion = (md.spec as Spec).template?.spec?.version;
    return (
      mdVersion === version &&
      (s?.upToDateReplicas !== (md.spec as Spec).replicas ||
        s?.replicas !== (md.spec as Spec).replicas)
    );
  });
  const deployments: KubeObject[] = [];
  for (const topo of wanted) {
    const topoName = String(topo.name);
    let md = existing.find(
      d => d.metadata.labels?.[CAPI_LABELS.topologyDeploymentName] === topoName,
    );
    const annotations: Record<string, string> = {
      ...(topo.metadata?.annotations ?? {}),
      [VARIABLES_HASH_ANNOTATION]: shortHash(
        JSON.stringify({ class: topo.class, variables: topo.variables }),
      ),
    };
    const min = Number(annotations[CAPI_ANNOTATIONS.autoscalerMin]);
    const defaultReplicas = Number.isFinite(min) ? min : 1;
    const replicas =
      topo.replicas !== undefined ? Number(topo.replicas) : defaultReplicas;
    if (!md) {
      const mdName = `${name}-${topoName}-${suffix(uid, topoName)}`;
      const mdVersion = controlPlaneDone
        ? version
        : cpStatus?.version ?? version;
      md = ctx.store.create(
        RESOURCES.machineDeployments,
        buildMachineDeployment({
          name: mdName,
          namespace,
          clusterName: name,
          replicas,
          labels: {
            ...(topo.metadata?.labels ?? {}),
            [CAPI_LABELS.clusterName]: name,
            [CAPI_LABELS.topologyOwned]: '',
            [CAPI_LABELS.topologyDeploymentName]: topoName,
            [CAPI_LABELS.deploymentName]: mdName,
          },
          annotations,
          owner: cluster,
          templateSpec: workerTemplateSpec({
            clusterName: name,
            deploymentName: mdName,
            version: mdVersion,
            provider,
            machineTemplateName: `${mdName}-${String(topo.class ?? 'worker')}`,
          }),
        }),
      );
    } else {
      const mdSpec = md.spec as Spec;
      let mdVersion = mdSpec.template?.spec?.version;
      if (mdVersion !== version && controlPlaneDone && !upgrading) {
        mdVersion = version;
        upgrading = true;
      }
      // A change of the pool's class or variables (e.g. the machine size) gets the pool a
      // new infrastructure template, as CAPI's topology controller rotates it: a rollout.
      const variablesHash = shortHash(
        JSON.stringify({ class: topo.class, variables: topo.variables }),
      );
      const recordedHash = md.metadata.annotations?.[VARIABLES_HASH_ANNOTATION];
      annotations[VARIABLES_HASH_ANNOTATION] = variablesHash;
      let infraRef = mdSpec.template?.spec?.infrastructureRef;
      if (recordedHash !== undefined && recordedHash !== variablesHash) {
        infraRef = infrastructureRef(
          provider,
          'machineTemplate',
          `${md.metadata.name}-${String(
            topo.class ?? 'worker',
          )}-${variablesHash}`,
        );
      }
      const hasAutoscaler =
        annotations[CAPI_ANNOTATIONS.autoscalerMin] !== undefined;
      const nextReplicas =
        topo.replicas !== undefined || !hasAutoscaler
          ? replicas
          : mdSpec.replicas ?? replicas;
      md = ctx.write(RESOURCES.machineDeployments, md, {
        ...md,
        metadata: {
          ...md.metadata,
          annotations: { ...md.metadata.annotations, ...annotations },
        },
        spec: {
          ...mdSpec,
          replicas: nextReplicas,
          template: {
            ...mdSpec.template,
            spec: {
              ...mdSpec.template?.spec,
              version: mdVersion,
              ...(infraRef ? { infrastructureRef: infraRef } : {}),
            },
          },
        },
      });
    }
    deployments.push(md);
  }
  for (const md of existing) {
    if (
      !wanted.some(
        t =>
          String(t.name) ===
          md.metadata.labels?.[CAPI_LABELS.topologyDeploymentName],
      )
    ) {
      ctx.store.delete(
        RESOURCES.machineDeployments,
        namespace,
        md.metadata.name,
      );
    }
  }
  return { cluster, controlPlane, deployments };
}
