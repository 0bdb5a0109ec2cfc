import type { ClusterCondition, ConditionExplanation } from './types';
import { wordsOf } from './words';

/**
 * One entry of the explanation catalogue: which conditions it matches and
 * what it tells the user.
 *
 * @public
 */
export interface ExplanationEntry {
  id: string;
  /** Condition types it applies to; any type when empty. */
  types: readonly string[];
  status: ClusterCondition['status'];
  /** Reasons it applies to; any reason when absent. */
  reasons?: readonly string[];
  /** Applies only when the message matches. */
  message?: RegExp;
  title: string;
  detail: string;
  action?: string;
}

const UP_TO_DATE = [
  'UpToDate',
  'MachinesUpToDate',
  'ControlPlaneMachinesUpToDate',
  'WorkerMachinesUpToDate',
  'MachinesSpecUpToDate',
];
const MACHINES_READY = [
  'MachinesReady',
  'ControlPlaneMachinesReady',
  'WorkerMachinesReady',
];
const UPGRADE_REASONS = [
  'ClusterUpgrading',
  'ControlPlaneUpgradePending',
  'MachineDeploymentsUpgradePending',
  'MachineDeploymentsUpgradeDeferred',
  'MachinePoolsUpgradePending',
  'MachinePoolsUpgradeDeferred',
  'MachineDeploymentsCreatePending',
  'MachinePoolsCreatePending',
];

/**
 * The reasons users meet most, in plain words, first match wins: more
 * specific entries (a reason, a message) come before general ones. The
 * README of capi-backend lists them as a table.
 *
 * @public
 */
export const EXPLANATION_CATALOGUE: readonly ExplanationEntry[] = [
  {
    id: 'admission-webhook-denied',
    types: [],
    status: 'False',
    message: /admission webhook .* denied|denied the request/i,
    title: 'A validating webhook refused a change to this cluster.',
    detail:
      'Cluster API or a provider rejected the object as written, so the change is not applied.',
    action:
      'Read the message, correct the value in the cluster definition in Git and let it sync again.',
  },
  {
    id: 'drain-blocked',
    types: ['Deleting'],
    status: 'True',
    reasons: ['DrainingNode'],
    title: 'A machine is being removed and its node is being drained.',
    detail:
      'Pods are evicted before the machine goes; a PodDisruptionBudget that allows no disruption, or pods that cannot be evicted, keep the drain waiting.',
    action:
      'If this lasts, check the PodDisruptionBudgets and the pods named in the message on the workload cluster.',
  },
  {
    id: 'volume-detach-blocked',
    types: ['Deleting'],
    status: 'True',
    reasons: ['WaitingForVolumeDetach'],
    title: 'A machine is being removed and waits for its volumes to detach.',
    detail:
      'Cluster API waits until the storage driver reports every volume of the node detached.',
    action:
      'If this lasts, check the VolumeAttachments and the CSI driver on the workload cluster.',
  },
  {
    id: 'pre-drain-hook',
    types: ['Deleting'],
    status: 'True',
    reasons: ['WaitingForPreDrainHook', 'WaitingForPreTerminateHook'],
    title: 'A machine deletion waits for a lifecycle hook.',
    detail:
      'A pre-drain or pre-terminate hook annotation on the Machine holds the deletion until its owner removes it.',
    action:
      'Ask the team that owns the hook (often the control plane provider) to finish it.',
  },
  {
    id: 'deleting',
    types: ['Deleting'],
    status: 'True',
    title: 'Being deleted.',
    detail:
      'Cluster API removes the machines, then the infrastructure; this takes some minutes.',
  },
  {
    id: 'paused',
    types: ['Paused'],
    status: 'True',
    title: 'Reconciliation is paused.',
    detail:
      'Cluster API does not act on this object while it (or its ClusterClass) is paused: no rollouts, no scaling, no repairs.',
    action:
      'Unpause it (spec.paused, or the cluster.x-k8s.io/paused annotation) when the maintenance is over.',
  },
  {
    id: 'control-plane-not-initialized',
    types: ['ControlPlaneInitialized', 'Initialized'],
    status: 'False',
    title: 'The control plane is not initialised yet.',
    detail:
      'The first control plane machine is being created and bootstrapped; workers wait for it.',
    action:
      'Nothing to do while it is new. If it lasts more than about 20 minutes, look at the control plane machine: infrastructure or bootstrap problems show there.',
  },
  {
    id: 'remote-connection-probe-failed',
    types: ['RemoteConnectionProbe'],
    status: 'False',
    title: "The management cluster cannot reach the cluster's API server.",
    detail:
      'Cluster API probes the API server regularly; it failed for longer than the grace period, so nodes, health checks and rollouts cannot be followed.',
    action:
      'Check that the API server and its load balancer are up and that the network between management and workload cluster is open.',
  },
  {
    id: 'infrastructure-missing',
    types: ['InfrastructureReady'],
    status: 'False',
    reasons: ['InfrastructureDoesNotExist', 'InfrastructureDeleted'],
    title: 'The infrastructure object is missing.',
    detail:
      'The provider object the cluster or machine refers to does not exist (yet, or any more).',
    action:
      'Check that the infrastructure manifests are in Git and synced, and that the provider is installed.',
  },
  {
    id: 'infrastructure-not-ready',
    types: ['InfrastructureReady', 'InfrastructureProvisioned'],
    status: 'False',
    title: 'The infrastructure provider is not ready.',
    detail:
      'The provider is still creating networks, load balancers or virtual machines, or has stopped on an error; its own message is below.',
    action:
      'If the message names an error (quota, credentials, an unknown template or network), fix it with the platform team.',
  },
  {
    id: 'waiting-for-bootstrap',
    types: ['BootstrapConfigReady'],
    status: 'False',
    title: 'The machine waits for its bootstrap data.',
    detail:
      'The kubeadm configuration that joins it to the cluster is generated only once the cluster infrastructure and control plane are ready.',
    action:
      'Nothing to do while the cluster is coming up; if it lasts, look at the control plane.',
  },
  {
    id: 'waiting-for-node',
    types: ['NodeHealthy', 'NodeReady'],
    status: 'False',
    reasons: ['NodeDoesNotExist', 'WaitingForNode', 'NodeProvisioning'],
    title: 'The machine has no node yet.',
    detail:
      'The virtual machine exists but the kubelet has not joined the cluster with its provider ID yet.',
    action:
      'Nothing to do while it boots; if it lasts, check the machine console and the cloud-init/kubeadm logs.',
  },
  {
    id: 'node-not-ready',
    types: ['NodeHealthy', 'NodeReady'],
    status: 'False',
    title: 'A node is not ready.',
    detail:
      'The kubelet reports the node NotReady, or the node reports pressure conditions.',
    action:
      'Check the node: the kubelet, the container runtime and the network plugin (CNI).',
  },
  {
    id: 'health-check-failed',
    types: ['HealthCheckSucceeded'],
    status: 'False',
    title: 'A machine health check finds a machine unhealthy.',
    detail:
      'The MachineHealthCheck conditions are not met (e.g. the node is not Ready for too long); Cluster API will replace the machine unless remediation is limited.',
    action:
      'Usually nothing; if machines keep failing, look for the cause on the node before they are replaced again.',
  },
  {
    id: 'remediating',
    types: ['Remediating'],
    status: 'True',
    title: 'Unhealthy machines are being replaced.',
    detail:
      'A MachineHealthCheck marked machines unhealthy and Cluster API is remediating them.',
    action:
      'If machines keep being remediated, look for the cause on the nodes.',
  },
  {
    id: 'topology-upgrading',
    types: ['TopologyReconciled'],
    status: 'False',
    reasons: UPGRADE_REASONS,
    title: 'A Kubernetes upgrade is rolling out.',
    detail:
      'The control plane is upgraded first, then the node pools, one after another.',
    action:
      'Nothing to do; a new version can be asked for once this one is everywhere.',
  },
  {
    id: 'topology-hook-blocking',
    types: ['TopologyReconciled'],
    status: 'False',
    reasons: ['LifecycleHookBlocking'],
    title: 'A lifecycle hook holds the topology change.',
    detail:
      'A runtime extension (e.g. BeforeClusterUpgrade) asked Cluster API to wait.',
    action: 'Ask the platform team which extension is blocking and why.',
  },
  {
    id: 'topology-reconcile-failed',
    types: ['TopologyReconciled'],
    status: 'False',
    reasons: ['TopologyReconcileFailed'],
    title: 'The cluster topology could not be applied.',
    detail:
      'Cluster API failed to turn the ClusterClass and the cluster topology into objects, often because a webhook refused a generated object or a variable is invalid.',
    action:
      'Read the message; fix the cluster definition (versions, variables, pools) in Git, or ask the platform team if the ClusterClass is at fault.',
  },
  {
    id: 'clusterclass-not-reconciled',
    types: ['TopologyReconciled'],
    status: 'False',
    reasons: ['ClusterClassNotReconciled'],
    title: 'The ClusterClass is not up to date.',
    detail:
      'Cluster API waits for the ClusterClass to be reconciled before it changes clusters that use it.',
    action:
      'Ask the platform team to check the ClusterClass and its templates.',
  },
  {
    id: 'rolling-out',
    types: ['RollingOut'],
    status: 'True',
    title: 'Machines are being replaced or updated.',
    detail:
      'A change to the machine template, size or version is being rolled out, one machine at a time, keeping capacity.',
    action: 'Nothing to do; it ends when every machine is up to date.',
  },
  {
    id: 'updating-in-place',
    types: ['Updating'],
    status: 'True',
    title: 'The machine is being updated in place.',
    detail: 'Cluster API applies the change without replacing the machine.',
  },
  {
    id: 'scaling-up',
    types: ['ScalingUp'],
    status: 'True',
    title: 'Machines are being added.',
    detail:
      'New machines are provisioned until the desired number is reached; a pool counts as available again when they are.',
    action:
      'Nothing to do; if it lasts, check the new machines (quota and capacity on the infrastructure).',
  },
  {
    id: 'scaling-down',
    types: ['ScalingDown'],
    status: 'True',
    title: 'Machines are being removed.',
    detail:
      'Nodes are drained and machines deleted down to the desired number.',
  },
  {
    id: 'not-up-to-date',
    types: UP_TO_DATE,
    status: 'False',
    title: 'Some machines do not match the spec yet.',
    detail:
      'They still run the previous template or version; a rollout replaces or updates them.',
  },
  {
    id: 'machines-not-ready',
    types: MACHINES_READY,
    status: 'False',
    title: 'Some machines are not ready.',
    detail:
      'Their node is not ready yet (new machines) or has become unhealthy; the message names them.',
    action:
      'If they are not new, check those nodes; a MachineHealthCheck may replace them.',
  },
  {
    id: 'etcd-unhealthy',
    types: ['EtcdClusterAvailable', 'EtcdClusterHealthy', 'EtcdMemberHealthy'],
    status: 'False',
    title: 'etcd is not healthy.',
    detail:
      'An etcd member is failing or the cluster lacks quorum; the API server may refuse writes.',
    action:
      'Act quickly: ask the platform team to check the control plane machines and their etcd members.',
  },
  {
    id: 'certificates-missing',
    types: ['CertificatesAvailable'],
    status: 'False',
    title: 'The control plane certificates are not available.',
    detail:
      'The control plane provider could not find or create the cluster certificates.',
    action:
      'Ask the platform team to check the certificate secrets of the cluster.',
  },
  {
    id: 'control-plane-not-available',
    types: ['ControlPlaneAvailable', 'ControlPlaneReady'],
    status: 'False',
    title: 'The control plane is not available.',
    detail:
      'Not enough control plane machines have a healthy API server and etcd member.',
    action:
      'Look at the control plane machines named in the message; if they are new, wait for them.',
  },
  {
    id: 'workers-not-available',
    types: ['WorkersAvailable'],
    status: 'False',
    title: 'Node pools have fewer available machines than they need.',
    detail:
      'Pools report fewer available machines than their rollout strategy requires; workloads may lack capacity.',
    action: 'Look at the pool named in the message and its machines.',
  },
  {
    id: 'cluster-not-available',
    types: ['Available', 'Ready'],
    status: 'False',
    title: 'Not available.',
    detail:
      'Cluster API summarises the other conditions as not available; the message names which.',
  },
];

const shared = new Map<ExplanationEntry, ConditionExplanation>();

/** Type, status and reason of a condition in words, for the fallback explanation. */
function rawTitle(condition: ClusterCondition): string {
  return `${wordsOf(condition.type)} is ${condition.status}${
    condition.reason ? ` (${wordsOf(condition.reason)})` : ''
  }`;
}

/**
 * The catalogue entry for a condition, if any.
 *
 * @public
 */
export function findExplanation(
  condition: ClusterCondition,
): ExplanationEntry | undefined {
  return EXPLANATION_CATALOGUE.find(
    e =>
      e.status === condition.status &&
      (e.types.length === 0 || e.types.includes(condition.type)) &&
      (!e.reasons ||
        (condition.reason !== undefined &&
          e.reasons.includes(condition.reason))) &&
      (!e.message ||
        (condition.message !== undefined && e.message.test(condition.message))),
  );
}

/**
 * Explains a condition in plain words: what is happening and what the user
 * can do. Falls back to the condition's own message when the catalogue has
 * no entry for it.
 *
 * @public
 */
export function explainCondition(
  condition: ClusterCondition,
): ConditionExplanation {
  const entry = findExplanation(condition);
  if (!entry) {
    return {
      id: 'raw',
      title: rawTitle(condition),
      detail: condition.message ?? 'No message reported.',
    };
  }
  // One shared object per entry: thousands of cached summaries point at it.
  let explanation = shared.get(entry);
  if (!explanation) {
    explanation = { id: entry.id, title: entry.title, detail: entry.detail };
    if (entry.action) explanation.action = entry.action;
    shared.set(entry, Object.freeze(explanation));
  }
  return explanation;
}
