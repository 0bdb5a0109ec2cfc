import { ResourceDefinition } from '../api/resources';
import { KubeStatusError } from '../server/status';
import { clusterWebhook } from './clusterWebhook';
import { invalid, invalidStatus } from './fieldErrors';
import { kubeadmControlPlaneWebhook } from './kubeadmControlPlaneWebhook';
import { machineDeploymentWebhook } from './machineDeploymentWebhook';
import { machineHealthCheckWebhook } from './machineHealthCheckWebhook';
import { dns1123SubdomainProblems } from './names';
import { AdmissionRequest, ValidatingWebhook } from './types';

/** CAPI's validating webhooks, by `<kind>.<group>`. */
const WEBHOOKS: Record<string, ValidatingWebhook> = {
  'Cluster.cluster.x-k8s.io': clusterWebhook,
  'MachineDeployment.cluster.x-k8s.io': machineDeploymentWebhook,
  'MachineHealthCheck.cluster.x-k8s.io': machineHealthCheckWebhook,
  'KubeadmControlPlane.controlplane.cluster.x-k8s.io':
    kubeadmControlPlaneWebhook,
};

/**
 * Admits a create or update the way kube-apiserver does for Cluster API's kinds: the
 * object's name must be a DNS-1123 subdomain (the API server's rule for custom resources),
 * then CAPI's validating webhook for the kind, if it has one, must accept it. Throws the
 * `422 Invalid` Status the real stack answers with; returns nothing when admitted.
 * Status-subresource writes and the simulator's own controllers are not admitted, as
 * webhooks do not see them upstream either.
 */
export function admit(
  def: Pick<ResourceDefinition, 'kind' | 'group'>,
  request: AdmissionRequest,
): void {
  if (!def.group) return;
  const target = {
    kind: def.kind,
    group: def.group,
    name: request.object.metadata.name ?? '',
  };
  if (target.name) {
    const nameErrors = dns1123SubdomainProblems(target.name).map(problem =>
      invalid('metadata.name', target.name, problem),
    );
    if (nameErrors.length > 0) throw invalidStatus(target, nameErrors);
  }
  const webhook = WEBHOOKS[`${def.kind}.${def.group}`];
  if (!webhook) return;
  const errors = webhook.validate(request);
  if (errors.length > 0) throw invalidStatus(target, errors, webhook.name);
}

/** Whether an error is an admission refusal (a `422 Invalid` Status). */
export function isAdmissionRefusal(error: unknown): error is KubeStatusError {
  return error instanceof KubeStatusError && error.code === 422;
}
