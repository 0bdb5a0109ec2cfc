import type { KubeObject } from '../types';

/**
 * The refusal a CAPI validating webhook would answer for a manifest, or
 * undefined when it would admit it. Only the rules the simulator models:
 * an even control plane replica count (stacked etcd needs an odd number).
 */
export function admissionRefusal(object: KubeObject): string | undefined {
  const spec = (object as { spec?: Record<string, unknown> }).spec;
  const even = (value: unknown) =>
    typeof value === 'number' && value > 0 && value % 2 === 0;
  if (object.kind === 'KubeadmControlPlane' && even(spec?.replicas)) {
    return `admission webhook "validation.kubeadmcontrolplane.controlplane.cluster.x-k8s.io" denied the request: KubeadmControlPlane.controlplane.cluster.x-k8s.io "${object.metadata.name}" is invalid: spec.replicas: Forbidden: cannot be an even number when etcd is stacked`;
  }
  const topology = spec?.topology as
    | { controlPlane?: { replicas?: unknown } }
    | undefined;
  if (object.kind === 'Cluster' && even(topology?.controlPlane?.replicas)) {
    return `admission webhook "validation.cluster.cluster.x-k8s.io" denied the request: Cluster.cluster.x-k8s.io "${object.metadata.name}" is invalid: spec.topology.controlPlane.replicas: Forbidden: cannot be an even number when etcd is stacked`;
  }
  return undefined;
}
