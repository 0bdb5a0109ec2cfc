import type { ReplicaSetStatusInput } from '../status';
import type { ClusterCondition } from '../types';

/** A condition as CAPI reports it. */
export const c = (
  type: string,
  status: ClusterCondition['status'],
  reason?: string,
  message?: string,
): ClusterCondition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

/** A MachineDeployment during a machine size change (maxSurge 1): 3 wanted, 1 replaced so far. */
export const rollingPool: ReplicaSetStatusInput = {
  conditions: [
    c('Available', 'True', 'Available'),
    c(
      'MachinesReady',
      'False',
      'NotReady',
      '* Machine md-0-new: NodeHealthy: Waiting for a Node',
    ),
    c(
      'MachinesUpToDate',
      'False',
      'NotUpToDate',
      '* Machines md-0-a, md-0-b: not up-to-date',
    ),
    c(
      'RollingOut',
      'True',
      'RollingOut',
      'Rolling out 2 not up-to-date replicas',
    ),
    c('ScalingUp', 'False', 'NotScalingUp'),
    c('ScalingDown', 'False', 'NotScalingDown'),
    c('Remediating', 'False', 'NotRemediating'),
    c('Deleting', 'False', 'NotDeleting'),
    c('Paused', 'False', 'NotPaused'),
  ],
  replicas: 4,
  desiredReplicas: 3,
  availableReplicas: 3,
  upToDateReplicas: 2,
};

/** The Cluster of that pool, as CAPI v1.14 reports it. */
export const rollingCluster: ClusterCondition[] = [
  c('Available', 'True', 'Available'),
  c('InfrastructureReady', 'True', 'Ready'),
  c('ControlPlaneInitialized', 'True', 'Initialized'),
  c('ControlPlaneAvailable', 'True', 'Available'),
  c('WorkersAvailable', 'True', 'Available'),
  c('RemoteConnectionProbe', 'True', 'ProbeSucceeded'),
  c('ControlPlaneMachinesReady', 'True', 'Ready'),
  c(
    'WorkerMachinesReady',
    'False',
    'NotReady',
    '* Machine md-0-new: NodeHealthy: Waiting for a Node',
  ),
  c('ControlPlaneMachinesUpToDate', 'True', 'UpToDate'),
  c(
    'WorkerMachinesUpToDate',
    'False',
    'NotUpToDate',
    '* Machines md-0-a, md-0-b: not up-to-date',
  ),
  c(
    'RollingOut',
    'True',
    'RollingOut',
    '* MachineDeployment md-0: Rolling out 2 not up-to-date replicas',
  ),
  c('ScalingUp', 'False', 'NotScalingUp'),
  c('ScalingDown', 'False', 'NotScalingDown'),
  c('Remediating', 'False', 'NotRemediating'),
  c('Deleting', 'False', 'NotDeleting'),
  c('Paused', 'False', 'NotPaused'),
  c('TopologyReconciled', 'True', 'ReconcileSucceeded'),
];

/** The rolling cluster's conditions with some replaced by type. */
export function replaced(...overrides: ClusterCondition[]): ClusterCondition[] {
  return rollingCluster.map(x => overrides.find(o => o.type === x.type) ?? x);
}

/** The rest of a provisioned Cluster's status input, with nothing changing. */
export const base = {
  phase: 'Provisioned',
  deleting: false,
  controlPlaneInitialized: true,
  versionChanging: false,
};
