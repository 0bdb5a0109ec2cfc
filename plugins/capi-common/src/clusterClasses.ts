/**
 * The OpenAPI v3 schema of one ClusterClass variable, as CAPI reports it
 * (`status.variables[].definitions[].schema.openAPIV3Schema`).
 *
 * @public
 */
export type VariableSchema = { [keyword: string]: unknown };

/**
 * One variable a ClusterClass defines.
 *
 * @public
 */
export interface ClusterClassVariable {
  name: string;
  /** The topology must set it (unless its schema has a default). */
  required: boolean;
  schema: VariableSchema;
  /** Where the definition comes from: `inline` or an external patch's name. */
  from?: string;
  /** Definitions from several sources disagree (CAPI's `definitionsConflict`). */
  definitionsConflict?: boolean;
}

/**
 * A ClusterClass of one management cluster and the variables it defines.
 *
 * @public
 */
export interface ClusterClassSummary {
  managementCluster: string;
  namespace: string;
  name: string;
  variables: ClusterClassVariable[];
}

/**
 * `GET /cluster-classes?managementCluster=…`
 *
 * @public
 */
export interface ClusterClassesResponse {
  items: ClusterClassSummary[];
  /** Management clusters whose ClusterClasses have been listed at least once. */
  synced: string[];
  /**
   * Management clusters that serve no ClusterClass API at all (neither
   * v1beta2 nor v1beta1): there is no class to check topology variables
   * against.
   */
  withoutClusterClassApi?: string[];
}

/**
 * Path of the ClusterClass read model in the capi backend.
 *
 * @public
 */
export const CLUSTER_CLASSES_PATH = '/cluster-classes';
