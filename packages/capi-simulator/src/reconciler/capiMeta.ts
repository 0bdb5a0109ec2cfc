import { createHash } from 'node:crypto';
import { INFRASTRUCTURE_KINDS, InfrastructureProvider } from '../api/resources';
import { rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject, OwnerReference } from '../types';

/**
 * What every simulated CAPI object shares: resource names, labels, hashes,
 * owner references, conditions and infrastructure references.
 */
export const RESOURCES = {
  clusters: 'clusters.cluster.x-k8s.io',
  clusterClasses: 'clusterclasses.cluster.x-k8s.io',
  controlPlanes: 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
  machineDeployments: 'machinedeployments.cluster.x-k8s.io',
  machineSets: 'machinesets.cluster.x-k8s.io',
  machines: 'machines.cluster.x-k8s.io',
} as const;

/** Simulator-only annotation: makes a running machine's node unhealthy, value `Reason: message`. */
export const UNHEALTHY_ANNOTATION = 'capi-simulator.capstan.dev/unhealthy';
/** Label CAPI puts on a MachineSet's machines: hash of the machine template. */
export const TEMPLATE_HASH_LABEL = 'machine-template-hash';
export const MACHINE_SET_LABEL = 'cluster.x-k8s.io/set-name';

export const V1BETA2 = 'cluster.x-k8s.io/v1beta2';
export const KCP_API_VERSION = 'controlplane.cluster.x-k8s.io/v1beta2';

export type Condition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message?: string;
  lastTransitionTime: string;
  observedGeneration?: number;
};

export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 5);
}

/** Like CAPI's generated name suffixes: 5 characters from a hash, stable for the same inputs. */
export function suffix(...parts: string[]): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const hex = createHash('sha256').update(parts.join('/')).digest();
  let out = '';
  for (let i = 0; i < 5; i++) out += alphabet[hex[i] % alphabet.length];
  return out;
}

/** Identifies a MachineDeployment's machine template, like CAPI's machine-template-hash label. */
export function templateHash(templateSpec: Record<string, unknown>): string {
  return shortHash(
    String(templateSpec.version ?? ''),
    JSON.stringify(templateSpec.infrastructureRef ?? {}),
    JSON.stringify(templateSpec.bootstrap ?? {}),
  );
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Builds a condition, keeping the previous transition time while the status is unchanged. */
export function condition(
  previous: Condition[] | undefined,
  type: string,
  status: boolean | 'Unknown',
  reason: string,
  message: string | undefined,
  now: Date,
  observedGeneration?: number,
): Condition {
  let value: Condition['status'] = 'Unknown';
  if (status !== 'Unknown') value = status ? 'True' : 'False';
  const before = previous?.find(c => c.type === type);
  return {
    type,
    status: value,
    reason,
    ...(message ? { message } : {}),
    lastTransitionTime:
      before && before.status === value
        ? before.lastTransitionTime
        : rfc3339(now),
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
}

/** A v1beta1-style condition (with severity), kept under status.deprecated.v1beta1 for v1beta1 readers. */
export function legacyCondition(
  c: Condition,
  severity: 'Error' | 'Warning' | 'Info' = 'Warning',
) {
  return {
    type: c.type,
    status: c.status,
    ...(c.status === 'True'
      ? {}
      : {
          severity,
          reason: c.reason,
          ...(c.message ? { message: c.message } : {}),
        }),
    lastTransitionTime: c.lastTransitionTime,
  };
}

export function conditionsOf(
  obj: KubeObject | undefined,
): Condition[] | undefined {
  return (obj?.status as { conditions?: Condition[] } | undefined)?.conditions;
}

export function providerOfKind(
  kind: string | undefined,
): InfrastructureProvider | undefined {
  if (!kind) return undefined;
  if (kind.startsWith('VSphere')) return 'vsphere';
  if (kind.startsWith('AWS')) return 'aws';
  if (kind.startsWith('Azure')) return 'azure';
  if (kind.startsWith('Dev') || kind.startsWith('Docker')) return 'docker';
  return undefined;
}

export function infrastructureRef(
  provider: InfrastructureProvider,
  kind: 'cluster' | 'machine' | 'machineTemplate',
  name: string,
) {
  return {
    apiGroup: 'infrastructure.cluster.x-k8s.io',
    kind: INFRASTRUCTURE_KINDS[provider][kind],
    name,
  };
}
