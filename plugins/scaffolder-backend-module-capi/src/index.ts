/**
 * Scaffolder actions that render Cluster API cluster definitions and write
 * them to a GitOps repository, for new clusters and day-2 changes.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCapi as default } from './module';
export * from './actions';
