/**
 * A real Kubernetes API server with the real Cluster API CRDs, built from
 * source by `scripts/real-capi.sh`, for tests that check Capstan against
 * upstream's schemas instead of the simulator's.
 *
 * @packageDocumentation
 */

export { RealCapiStack, repoRoot } from './RealCapiStack';
export type { RealCapiStackInfo } from './RealCapiStack';
export { KubeClient, KubeApiError } from './KubeClient';
export type { KubeObject, ResourceInfo } from './KubeClient';
