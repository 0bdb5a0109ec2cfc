/**
 * The capi backend plugin: a watch-based cache of Cluster API objects
 * across management clusters, served as an aggregated read model.
 *
 * @packageDocumentation
 */

export { capiPlugin as default } from './plugin';
export { createRouter } from './router';
export type { RouterOptions } from './router';
export * from './services/FleetCache';
export * from './services/CapiBackendConfig';
export * from './services/FleetIndex';
export * from './services/FleetReader';
export * from './services/ManagementClusterWatcher';
export * from './services/ManagementClusterConfig';
export * from './services/PatchPolicy';
export * from './services/AnnotationPatchStateProvider';
export * from './services/LabelSelector';
export * from './services/EntityClusterResolver';
export * from './services/SignalPublisher';
export * from './services/RecentEntityLinks';
export * from './services/ComplianceRecorder';
export * from './kubernetes/KubernetesClient';
export * from './kubernetes/ResourceWatcher';
export * from './normalise';
