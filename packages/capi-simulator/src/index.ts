/**
 * Local stand-in for Cluster API management clusters: Kubernetes-API-compatible
 * HTTPS servers with GitOps sync, a lifecycle reconciler, patch simulation and
 * fault injection. A development and test tool; plugin runtime code never imports it.
 *
 * @packageDocumentation
 */

export { startSimulator } from './simulator';
export type {
  CapiVersion,
  FaultOptions,
  GitOpsStatus,
  InfrastructureProviderName,
  KubeObject,
  ManagementClusterFaults,
  ManagementClusterOptions,
  ObjectMeta,
  ObjectStore,
  OwnerReference,
  PatchControls,
  SimulatedManagementCluster,
  Simulator,
  SimulatorOptions,
} from './types';
