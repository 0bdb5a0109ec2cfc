/**
 * Local stand-in for Cluster API management clusters: Kubernetes-API-compatible
 * HTTPS servers with GitOps sync, a lifecycle reconciler, patch simulation and
 * fault injection. A development and test tool; plugin runtime code never imports it.
 *
 * @packageDocumentation
 */

export { startSimulator } from './simulator';
export { runCli } from './cli';
export type { CliIo } from './cli';
export {
  RESOURCES as SIMULATED_RESOURCES,
  UNHEALTHY_ANNOTATION,
} from './reconciler/capiMeta';
export { LIFECYCLE_SECONDS } from './reconciler/LifecycleReconciler';
export { EXAMPLE_OWNERS, SEED_VERSIONS, planFleet } from './seed/FleetPlan';
export type { SeedClusterPlan, SeedPoolPlan } from './seed/FleetPlan';
export { SEED_MARKER_FILE } from './seed/GitopsFleetSeed';
export type {
  SeedClusterFolder,
  SeedClusterRenderer,
  SeedMarker,
} from './seed/GitopsFleetSeed';
export { PATCH_SCHEDULE_SECONDS } from './patch/PatchSimulator';
export { TRACKING_ANNOTATION } from './gitops/GitOpsSync';
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
