import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { ChangeRequests } from './changeRequests/ChangeRequestRecorder';
import type { ClusterAuthorizer } from './authorization/ClusterAuthorizer';
import type { GitopsPublisher } from './git/GitopsPublisher';
import type { ClusterClassCatalog } from './live/ClusterClassCatalog';
import type { LiveClusterLookup } from './live/LiveClusterLookup';
import type { PublishRecordStore } from './records/PublishRecordStore';

/** What every capi action needs, built once by the module. */
export interface CapiActionOptions {
  profiles: ClusterProfile[];
  /** Undefined when `capi.gitops` is not configured. */
  gitops?: GitopsPublisher;
  /** Asks the permission framework before any action writes. */
  authorizer: ClusterAuthorizer;
  /** What render recorded for gitops:publish to verify. */
  records: PublishRecordStore;
  /** Whether a Cluster exists live in its management cluster. */
  liveClusters: LiveClusterLookup;
  /** ClusterClasses and their variable schemas; without it variables are not checked. */
  clusterClasses?: ClusterClassCatalog;
  /** Records published changes in the capi backend; optional in tests. */
  changeRequests?: ChangeRequests;
}
