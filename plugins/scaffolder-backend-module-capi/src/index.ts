/**
 * Scaffolder actions that render Cluster API cluster definitions and write
 * them to a GitOps repository, for new clusters and day-2 changes.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCapi as default } from './module';
export * from './actions';

// The rendering the new-cluster template uses, for tools that write cluster
// folders the same way (the simulator's demo seeding).
export {
  renderClusterFolder,
  type RenderedClusterFolder,
} from './render/renderClusterFolder';
export {
  validateClusterRequest,
  type ClusterRenderInput,
} from './validation/validateClusterRequest';
