import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { GitopsPublisher } from '../git/GitopsPublisher';

/** What every capi action needs, built once by the module. */
export interface CapiActionOptions {
  profiles: ClusterProfile[];
  /** Undefined when `capi.gitops` is not configured. */
  gitops?: GitopsPublisher;
}
