import { CAPI_ANNOTATIONS, CAPI_LABELS } from '@capstan/plugin-capi-common';
import { InfrastructureProvider } from '../api/resources';
import {
  RESOURCES,
  TEMPLATE_HASH_LABEL,
  UNHEALTHY_ANNOTATION,
  infrastructureRef,
  suffix,
  templateHash,
} from '../reconciler/capiMeta';
import {
  MachinePhase,
  buildMachine,
  machineStatus,
} from '../reconciler/machineObjects';
import { clusterStatus } from '../reconciler/clusterStatus';
import { controlPlaneStatus } from '../reconciler/controlPlaneStatus';
import { workerSetStatus } from '../reconciler/workerSetStatus';
import {
  buildControlPlane,
  controlPlaneRef,
} from '../reconciler/controlPlaneObject';
import {
  buildMachineDeployment,
  buildMachineSet,
  workerTemplateSpec,
} from '../reconciler/workerObjects';
import { rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import { SeedClusterPlan } from './FleetPlan';
import type { SeedTarget, SeededCluster } from './FleetSeeder';
import { patchAnnotations } from './patchAnnotations';
import { clusterEndpoint, plannedCluster } from './plannedCluster';
import { pick, seededRandom, seededUuid } from './random';

const FAILURE_DOMAINS: Record<InfrastructureProvider, string[]> = {
  vsphere: ['fra-rack-a', 'fra-rack-b', 'fra-rack-c'],
  aws: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  azure: ['1', '2', '3'],
  docker: [],
};

const UNHEALTHY_REASONS = [
  'NodeConditionsFailed: Node is reporting MemoryPressure',
  'NodeConditionsFailed: Node is reporting DiskPressure',
  'NodeNotReady: kubelet stopped posting node status',
];

type Spec = Record<string, any>;

interface LivePool {
  topologyName: string;
  replicas: number;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  /** A classic-mode MachineDeployment synced from Git. */
  existing?: KubeObject;
}

function autoscalerMin(annotations?: Record<string, string>) {
  const min = Number(annotations?.[CAPI_ANNOTATIONS.autoscalerMin]);
  return Number.isFinite(min) ? min : undefined;
}

/**
 * Builds one cluster's live objects: from its plan alone (store seeding), or
 * around the Cluster (and, in classic mode, the control plane and
 * MachineDeployments) the GitOps sync created from Git.
 */
export function seedClusterLiveState(
  target: SeedTarget,
  plan: SeedClusterPlan,
  now: Date,
  synced?: KubeObject,
): SeededCluster {
  const { store, provider } = target;
  const random = seededRandom(plan.liveSeed);
  const uid = () => seededUuid(random);
  const name = plan.name;
  const provisioning = plan.state === 'provisioning';
  const created = plan.createdAt;
  const failureDomains = FAILURE_DOMAINS[provider];

  let cluster: KubeObject;
  let existingKcp: KubeObject | undefined;
  let pools: LivePool[];
  let targetVersion: string;
  let cpReplicas: number;
  if (!synced) {
    cluster = plannedCluster(target, plan, uid());
    targetVersion = plan.targetVersion;
    cpReplicas = plan.controlPlaneReplicas;
    pools = plan.pools.map(p => ({
      topologyName: p.name,
      replicas: p.replicas,
      annotations: p.autoscaling
        ? {
            [CAPI_ANNOTATIONS.autoscalerMin]: String(p.autoscaling.min),
            [CAPI_ANNOTATIONS.autoscalerMax]: String(p.autoscaling.max),
          }
        : undefined,
    }));
  } else {
    cluster = synced;
    const spec = synced.spec as Spec;
    const topology = spec.topology as Spec | undefined;
    if (topology) {
      targetVersion = String(topology.version ?? plan.targetVersion);
      cpReplicas = Number(topology.controlPlane?.replicas ?? 1);
      pools = ((topology.workers?.machineDeployments ?? []) as Spec[]).map(
        md => ({
          topologyName: String(md.name),
          replicas: Number(
            md.replicas ?? autoscalerMin(md.metadata?.annotations) ?? 1,
          ),
          annotations: md.metadata?.annotations,
          labels: md.metadata?.labels,
        }),
      );
    } else {
      existingKcp = store.get(
        RESOURCES.controlPlanes,
        synced.metadata.namespace,
        String(spec.controlPlaneRef?.name),
      );
      targetVersion = String(
        (existingKcp?.spec as Spec | undefined)?.version ?? plan.targetVersion,
      );
      cpReplicas = Number(
        (existingKcp?.spec as Spec | undefined)?.replicas ?? 1,
      );
      pools = store
        .list(RESOURCES.machineDeployments, synced.metadata.namespace)
        .filter(md => (md.spec as Spec | undefined)?.clusterName === name)
        .map(md => ({
          topologyName: md.metadata.name,
          replicas: Number(
            (md.spec as Spec).replicas ??
              autoscalerMin(md.metadata.annotations) ??
              1,
          ),
          existing: md,
        }));
    }
  }
  // A cluster upgraded in Git since it was seeded runs what Git asks for.
  const version =
    targetVersion === plan.targetVersion ? plan.version : targetVersion;
  const namespace = cluster.metadata.namespace!;
  const clusterUid = cluster.metadata.uid!;
  const topologyMode = Boolean((cluster.spec as Spec).topology);
  const kcpName =
    existingKcp?.metadata.name ??
    `${name}-${suffix(clusterUid, 'control-plane')}`;
  cluster = {
    ...cluster,
    spec: {
      ...cluster.spec,
      ...(provisioning
        ? {}
        : { controlPlaneEndpoint: clusterEndpoint(plan.index) }),
      controlPlaneRef: controlPlaneRef(kcpName),
      infrastructureRef:
        (cluster.spec as Spec).infrastructureRef ??
        infrastructureRef(provider, 'cluster', name),
    },
  };

  const kcp: KubeObject = existingKcp
    ? {
        ...existingKcp,
        metadata: {
          ...existingKcp.metadata,
          labels: {
            ...existingKcp.metadata.labels,
            [CAPI_LABELS.clusterName]: name,
          },
        },
      }
    : buildControlPlane({
        name: kcpName,
        namespace,
        cluster,
        provider,
        replicas: cpReplicas,
        version: targetVersion,
        topologyOwned: topologyMode,
        uid: uid(),
        creationTimestamp: rfc3339(created),
      });

  const machinePhase = (controlPlane: boolean, i: number): MachinePhase => {
    if (!provisioning) return 'Running';
    if (controlPlane) return i === 0 ? 'Provisioning' : 'Pending';
    return 'Pending';
  };
  const machineFor = (
    machineOwner: KubeObject,
    opts: {
      controlPlane: boolean;
      i: number;
      md?: KubeObject;
      ms?: KubeObject;
      hash?: string;
    },
  ) => {
    const machineUid = uid();
    const machine = buildMachine(
      {
        name: `${(opts.ms ?? machineOwner).metadata.name}-${suffix(
          machineUid,
        )}`,
        namespace,
        clusterName: name,
        version,
        provider,
        owner: opts.ms ?? machineOwner,
        controlPlane: opts.controlPlane,
        deploymentName: opts.md?.metadata.name,
        machineSetName: opts.ms?.metadata.name,
        templateHash: opts.hash,
        failureDomain: failureDomains.length
          ? failureDomains[opts.i % failureDomains.length]
          : undefined,
        uid: machineUid,
        creationTimestamp: rfc3339(
          new Date(
            Math.max(
              created.getTime(),
              now.getTime() - random() * 60 * 24 * 3600_000,
            ),
          ),
        ),
      },
      now,
    );
    machine.metadata.annotations = {
      ...machine.metadata.annotations,
      ...patchAnnotations(random, now),
    };
    const { spec, status } = machineStatus(
      machine,
      machinePhase(opts.controlPlane, opts.i),
      provider,
      now,
      true,
    );
    machine.spec = { ...machine.spec, ...spec };
    machine.status = status;
    return machine;
  };

  const cpMachines: KubeObject[] = [];
  for (let i = 0; i < cpReplicas; i++) {
    cpMachines.push(machineFor(kcp, { controlPlane: true, i }));
  }
  const activeCp = provisioning
    ? cpMachines.filter(m => m.status?.phase !== 'Pending')
    : cpMachines;
  kcp.status = controlPlaneStatus(kcp, activeCp, now);

  const deployments: KubeObject[] = [];
  const workerSets: Array<{
    md: KubeObject;
    ms: KubeObject;
    machines: KubeObject[];
  }> = [];
  let degradedDone = plan.state !== 'degraded';
  for (const pool of pools) {
    const mdName =
      pool.existing?.metadata.name ??
      (topologyMode
        ? `${name}-${pool.topologyName}-${suffix(
            clusterUid,
            pool.topologyName,
          )}`
        : `${name}-${pool.topologyName}`);
    const existingTemplate = (pool.existing?.spec as Spec | undefined)?.template
      ?.spec as Spec | undefined;
    // The machines run `version`; while upgrading, Git already asks for the next.
    const templateSpec = existingTemplate
      ? { ...existingTemplate, clusterName: name, version }
      : workerTemplateSpec({
          clusterName: name,
          deploymentName: mdName,
          version,
          provider,
          machineTemplateName: `${mdName}-default-worker`,
        });
    const hash = templateHash(templateSpec);
    const mdLabels = {
      ...(pool.labels ?? {}),
      ...pool.existing?.metadata.labels,
      [CAPI_LABELS.clusterName]: name,
      [CAPI_LABELS.deploymentName]: mdName,
      ...(topologyMode
        ? {
            [CAPI_LABELS.topologyOwned]: '',
            [CAPI_LABELS.topologyDeploymentName]: pool.topologyName,
          }
        : {}),
    };
    const md: KubeObject = pool.existing
      ? {
          ...pool.existing,
          metadata: { ...pool.existing.metadata, labels: mdLabels },
          spec: { ...pool.existing.spec, replicas: pool.replicas },
        }
      : buildMachineDeployment({
          name: mdName,
          namespace,
          uid: uid(),
          creationTimestamp: rfc3339(created),
          clusterName: name,
          replicas: pool.replicas,
          labels: mdLabels,
          annotations: pool.annotations,
          owner: cluster,
          templateSpec,
        });
    const ms = buildMachineSet({
      deployment: md,
      uid: uid(),
      creationTimestamp: rfc3339(created),
      clusterName: name,
      templateHash: hash,
      replicas: pool.replicas,
      templateSpec,
    });
    const machines: KubeObject[] = [];
    for (let i = 0; i < pool.replicas; i++) {
      const machine = machineFor(md, {
        controlPlane: false,
        i,
        md,
        ms,
        hash,
      });
      if (!degradedDone) {
        machine.metadata.annotations = {
          ...machine.metadata.annotations,
          [UNHEALTHY_ANNOTATION]: pick(random, UNHEALTHY_REASONS),
        };
        const { status } = machineStatus(
          machine,
          'Running',
          provider,
          now,
          true,
        );
        machine.status = status;
        degradedDone = true;
      }
      machines.push(machine);
    }
    const isCurrent = (m: KubeObject) =>
      m.metadata.labels?.[TEMPLATE_HASH_LABEL] === hash;
    ms.status = workerSetStatus(ms, machines, now, isCurrent);
    md.status = workerSetStatus(md, machines, now, isCurrent);
    deployments.push(md);
    workerSets.push({ md, ms, machines });
  }
  cluster.status = clusterStatus(cluster, true, kcp, deployments, now);
  if (provisioning) {
    (cluster.status as Record<string, unknown>).phase = 'Provisioned';
  }

  const write = (resource: string, obj: KubeObject, exists: boolean) =>
    exists ? store.update(resource, obj) : store.create(resource, obj);
  write(RESOURCES.clusters, cluster, Boolean(synced));
  write(RESOURCES.controlPlanes, kcp, Boolean(existingKcp));
  cpMachines.forEach(m => store.create(RESOURCES.machines, m));
  for (const [i, { md, ms, machines }] of workerSets.entries()) {
    write(RESOURCES.machineDeployments, md, Boolean(pools[i].existing));
    store.create(RESOURCES.machineSets, ms);
    machines.forEach(m => store.create(RESOURCES.machines, m));
  }
  return {
    managementCluster: target.name,
    namespace,
    name,
    inProgress: plan.state === 'provisioning' || version !== targetVersion,
  };
}
