import { createHash } from 'node:crypto';
import {
  CAPI_LABELS,
  DEFAULT_PATCH_ANNOTATIONS,
} from '@capstan/plugin-capi-common';
import { INFRASTRUCTURE_KINDS, InfrastructureProvider } from '../api/resources';
import { rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import {
  Condition,
  MACHINE_SET_LABEL,
  TEMPLATE_HASH_LABEL,
  UNHEALTHY_ANNOTATION,
  V1BETA2,
  condition,
  conditionsOf,
  infrastructureRef,
  legacyCondition,
  ownerRef,
} from './capiMeta';

/** Machines as the simulator creates them, and their status per lifecycle phase (v1beta2 shape). */

export interface MachineInit {
  name: string;
  namespace: string;
  clusterName: string;
  version: string;
  provider: InfrastructureProvider;
  owner: KubeObject;
  controlPlane: boolean;
  deploymentName?: string;
  machineSetName?: string;
  templateHash?: string;
  failureDomain?: string;
  uid?: string;
  creationTimestamp?: string;
}

export function freshPatchAnnotations(now: Date): Record<string, string> {
  return {
    [DEFAULT_PATCH_ANNOTATIONS.lastPatched]: rfc3339(now),
    [DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]: '0',
    [DEFAULT_PATCH_ANNOTATIONS.pendingSecurityUpdates]: '0',
    [DEFAULT_PATCH_ANNOTATIONS.rebootRequired]: 'false',
  };
}

export function buildMachine(init: MachineInit, now: Date): KubeObject {
  const labels: Record<string, string> = {
    [CAPI_LABELS.clusterName]: init.clusterName,
  };
  if (init.controlPlane) labels[CAPI_LABELS.controlPlane] = '';
  if (init.deploymentName)
    labels[CAPI_LABELS.deploymentName] = init.deploymentName;
  if (init.machineSetName) labels[MACHINE_SET_LABEL] = init.machineSetName;
  if (init.templateHash) labels[TEMPLATE_HASH_LABEL] = init.templateHash;
  return {
    apiVersion: V1BETA2,
    kind: 'Machine',
    metadata: {
      name: init.name,
      namespace: init.namespace,
      labels,
      annotations: freshPatchAnnotations(now),
      ownerReferences: [ownerRef(init.owner)],
      ...(init.uid ? { uid: init.uid } : {}),
      ...(init.creationTimestamp
        ? { creationTimestamp: init.creationTimestamp }
        : {}),
    },
    spec: {
      clusterName: init.clusterName,
      version: init.version,
      bootstrap: {
        configRef: {
          apiGroup: 'bootstrap.cluster.x-k8s.io',
          kind: 'KubeadmConfig',
          name: init.name,
        },
      },
      infrastructureRef: infrastructureRef(init.provider, 'machine', init.name),
      ...(init.failureDomain ? { failureDomain: init.failureDomain } : {}),
    },
    status: { phase: 'Pending' },
  };
}

function hashNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

function providerId(
  provider: InfrastructureProvider,
  name: string,
  uid: string,
): string {
  switch (provider) {
    case 'vsphere':
      return `vsphere://${uid}`;
    case 'aws':
      return `aws:///eu-central-1${'abc'[hashNumber(uid) % 3]}/i-0${uid
        .replace(/-/g, '')
        .slice(0, 16)}`;
    case 'azure':
      return `azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/capi/providers/Microsoft.Compute/virtualMachines/${name}`;
    default:
      return `docker:////${name}`;
  }
}

export function machineAddress(uid: string): string {
  const n = hashNumber(uid);
  return `10.${(n >> 16) & 0xff}.${(n >> 8) & 0xff}.${(n & 0xfe) + 1}`;
}

const OS_IMAGES: Record<InfrastructureProvider, string> = {
  vsphere: 'Ubuntu 24.04.1 LTS',
  aws: 'Ubuntu 22.04.5 LTS',
  azure: 'Ubuntu 22.04.5 LTS',
  docker: 'Debian GNU/Linux 12 (bookworm)',
};

export type MachinePhase =
  | 'Pending'
  | 'Provisioning'
  | 'Provisioned'
  | 'Running'
  | 'Deleting'
  | 'Failed';

/** The status a machine has in a phase: what CAPI, the bootstrap and infrastructure providers would report. */
export function machineStatus(
  machine: KubeObject,
  phase: MachinePhase,
  provider: InfrastructureProvider,
  now: Date,
  upToDate = true,
): { spec: Record<string, unknown>; status: Record<string, unknown> } {
  const previous = conditionsOf(machine);
  const name = machine.metadata.name;
  const uid = machine.metadata.uid ?? name;
  const version = String(machine.spec?.version ?? '');
  const generation = machine.metadata.generation;
  const controlPlane =
    machine.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined;
  const bootstrapped = phase !== 'Pending';
  const provisioned =
    phase === 'Provisioned' || phase === 'Running' || phase === 'Deleting';
  const running = phase === 'Running';
  const unhealthy = machine.metadata.annotations?.[UNHEALTHY_ANNOTATION];
  const [badReason, ...badMessage] = (unhealthy ?? '').split(':');
  const healthy = running && !unhealthy;
  const notRunningReason =
    phase === 'Deleting' ? 'Deleting' : 'NodeDoesNotExist';
  const badText = badMessage.join(':').trim();
  // Reasons and messages of the node conditions: healthy, running but unhealthy, or not running yet.
  let node: {
    readyReason: string;
    healthyReason: string;
    readyMessage?: string;
    healthyMessage?: string;
    machineMessage?: string;
  } = {
    readyReason: 'NodeReady',
    healthyReason: 'NodeHealthy',
  };
  if (running && !healthy) {
    node = {
      readyReason: 'NodeNotReady',
      healthyReason: badReason.trim() || 'NodeConditionsFailed',
      readyMessage: `* Node.Ready: ${badText || badReason}`,
      healthyMessage: badText || 'Node conditions failed',
      machineMessage: `* NodeHealthy: ${badText || badReason}`,
    };
  } else if (!running) {
    node = {
      readyReason: notRunningReason,
      healthyReason: notRunningReason,
      readyMessage: 'Waiting for a Node',
      healthyMessage: 'Waiting for a Node',
      machineMessage: `* Machine is ${phase.toLowerCase()}`,
    };
  }
  const conditions: Condition[] = [
    condition(
      previous,
      'BootstrapConfigReady',
      bootstrapped,
      bootstrapped ? 'Ready' : 'NotReady',
      bootstrapped
        ? undefined
        : 'KubeadmConfig status.initialization.dataSecretCreated is false',
      now,
      generation,
    ),
    condition(
      previous,
      'InfrastructureReady',
      provisioned,
      provisioned ? 'Ready' : 'NotReady',
      provisioned
        ? undefined
        : `${INFRASTRUCTURE_KINDS[provider].machine} status.initialization.provisioned is false`,
      now,
      generation,
    ),
    condition(
      previous,
      'NodeReady',
      healthy,
      node.readyReason,
      node.readyMessage,
      now,
      generation,
    ),
    condition(
      previous,
      'NodeHealthy',
      healthy,
      node.healthyReason,
      node.healthyMessage,
      now,
      generation,
    ),
    condition(
      previous,
      'Ready',
      healthy,
      healthy ? 'Ready' : 'NotReady',
      node.machineMessage,
      now,
      generation,
    ),
    condition(
      previous,
      'Available',
      healthy,
      healthy ? 'Available' : 'NotReady',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'UpToDate',
      upToDate,
      upToDate ? 'UpToDate' : 'NotUpToDate',
      upToDate ? undefined : '* Version and/or template changed',
      now,
      generation,
    ),
    condition(
      previous,
      'Deleting',
      phase === 'Deleting',
      phase === 'Deleting' ? 'DrainingNode' : 'NotDeleting',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Paused',
      false,
      'NotPaused',
      undefined,
      now,
      generation,
    ),
  ];
  const status: Record<string, unknown> = {
    phase,
    observedGeneration: generation,
    initialization: {
      bootstrapDataSecretCreated: bootstrapped,
      infrastructureProvisioned: provisioned,
    },
    conditions,
    lastUpdated:
      (machine.status as { phase?: string; lastUpdated?: string })?.phase ===
      phase
        ? (machine.status as { lastUpdated?: string }).lastUpdated ??
          rfc3339(now)
        : rfc3339(now),
    deprecated: {
      v1beta1: {
        conditions: [
          'Ready',
          'BootstrapConfigReady',
          'InfrastructureReady',
          'NodeHealthy',
        ]
          .map(type =>
            legacyCondition(conditions.find(c => c.type === type)!, 'Warning'),
          )
          .map(c =>
            c.type === 'BootstrapConfigReady'
              ? { ...c, type: 'BootstrapReady' }
              : c,
          ),
      },
    },
  };
  const spec: Record<string, unknown> = {};
  if (provisioned) {
    spec.providerID = providerId(provider, name, uid);
    status.addresses = [
      { type: 'InternalIP', address: machineAddress(uid) },
      { type: 'Hostname', address: name },
    ];
  }
  if (running || (phase === 'Deleting' && provisioned)) {
    status.nodeRef = { name };
    const kernel = (machine.status as { nodeInfo?: { kernelVersion?: string } })
      ?.nodeInfo?.kernelVersion;
    status.nodeInfo = {
      architecture: 'amd64',
      bootID: uid,
      containerRuntimeVersion: 'containerd://1.7.24',
      kernelVersion:
        kernel ??
        (provider === 'docker' ? '6.1.0-28-amd64' : '6.8.0-49-generic'),
      kubeProxyVersion: version,
      kubeletVersion: version,
      machineID: uid.replace(/-/g, ''),
      operatingSystem: 'linux',
      osImage: OS_IMAGES[provider],
      systemUUID: uid,
    };
    if (controlPlane) {
      const created =
        Date.parse(machine.metadata.creationTimestamp ?? '') || now.getTime();
      status.certificatesExpiryDate = rfc3339(
        new Date(created + 365 * 24 * 3600_000),
      );
    }
  }
  return { spec, status };
}
