/**
 * Where the simulator's read model differs from the real Cluster API
 * controllers' in the lifecycle parity scenario, each with the reason it is
 * kept. packages/capi-simulator/README.md ("Differences from real Cluster
 * API") lists the same.
 *
 * Settled states (each step's end) must match exactly: the test fails on a
 * difference not listed here and on a listed one that went away. States seen
 * while a step runs depend on timing; they are reported, not asserted.
 */
export const KNOWN_SETTLED_DIFFERENCES: Array<{
  difference: string;
  reason: string;
}> = [];

export const KNOWN_TRANSITION_DIFFERENCES: Array<{
  difference: string;
  reason: string;
}> = [
  {
    difference: 'create seen phase Unknown: real yes, simulator no',
    reason:
      'the real core controller leaves the phase unset until its first reconcile; the simulator sets Provisioning on its next tick',
  },
  {
    difference:
      'upgrade v1.34.1→v1.35.0 seen status Scaling: real yes, simulator no',
    reason:
      'real: once the new machines run, ScalingDown=True (old machines going) shows as Scaling before Available; the simulator removes replaced machines within its Upgrading state',
  },
  {
    difference:
      'upgrade v1.34.1→v1.35.0 seen status RollingOut: real yes, simulator no',
    reason:
      'real: once the topology is reconciled, RollingOut=True while the MachineDeployments still replace machines shows as RollingOut (which of Scaling and RollingOut a run sees depends on timing); the simulator stays Upgrading until the last pool has the new version',
  },
  {
    difference: 'delete seen phase Deleting: real yes, simulator no',
    reason:
      'real: finalizers keep the Cluster in phase Deleting (Deleting=True/WaitingForWorkersDeletion, then WaitingForControlPlaneDeletion, WaitingForInfrastructureDeletion) for ~15 s; the simulator has no finalizers on API deletes and removes the Cluster at once',
  },
  {
    difference: 'delete seen phase Provisioned: real yes, simulator no',
    reason:
      'real: the phase stays Provisioned until the core controller reconciles the deletion; the simulator removes the Cluster at once',
  },
  {
    difference: 'delete seen status Deleting: real yes, simulator no',
    reason:
      'real: the Cluster exists with a deletionTimestamp while its machines go; the simulator removes it at once',
  },
];
