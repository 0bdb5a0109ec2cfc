import type { SeedClusterRenderer } from './seed/GitopsFleetSeed';

/** Metadata every stored object carries. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** A Kubernetes object as stored: always in the storage version's shape (v1beta2 for CAPI). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * Direct access to a management cluster's objects, bypassing HTTP (and auth,
 * faults). Resource names are group-qualified plurals:
 * `clusters.cluster.x-k8s.io`, `machines.cluster.x-k8s.io`, `nodes`.
 * Writes notify watchers exactly as API writes do.
 */
export interface ObjectStore {
  list(resource: string, namespace?: string): KubeObject[];
  get(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  create(resource: string, obj: KubeObject): KubeObject;
  update(resource: string, obj: KubeObject): KubeObject;
  mergePatch(
    resource: string,
    namespace: string | undefined,
    name: string,
    patch: object,
  ): KubeObject;
  delete(resource: string, namespace: string | undefined, name: string): void;
}

export interface FaultOptions {
  /** Added to every Kubernetes API request before it is answered. */
  latencyMs?: number;
  /** Share (0..1) of Kubernetes API requests answered with a 500. */
  errorRate?: number;
}

export type CapiVersion = 'v1beta2' | 'v1beta1';

export type InfrastructureProviderName = 'vsphere' | 'aws' | 'azure' | 'docker';

export interface ManagementClusterOptions {
  name: string;
  /** CAPI API versions served; default both, v1beta2 being the storage version. */
  servedVersions?: CapiVersion[];
  /** Infrastructure provider of the clusters seeded here; default rotates over all four. */
  provider?: InfrastructureProviderName;
}

export interface SimulatorOptions {
  /** Names, or a count that becomes mc-1..mc-N. */
  managementClusters: Array<string | ManagementClusterOptions> | number;
  /** Total seeded workload clusters, spread deterministically over the management clusters. */
  seedClusters?: number;
  /**
   * Where seeded clusters are defined. `store` (default): straight into the
   * management clusters, with no folder in Git (for large benchmark fleets).
   * `git`: each cluster's folder is written to `gitopsRepo` first, once (a
   * marker file records it), rendered by `renderSeededCluster`; the GitOps
   * sync then creates the clusters and seeding adds their live state.
   */
  seedInto?: 'store' | 'git';
  /** Renders a seeded cluster's GitOps folder; required with `seedInto: 'git'`. */
  renderSeededCluster?: SeedClusterRenderer;
  /** Seed of the random generator behind seeding and patch laggards; default 1. */
  seed?: number;
  /** Path or URL of a Git repository; `clusters/<mc>/...` is applied to management cluster `<mc>`. */
  gitopsRepo?: string;
  /** Default 2000. */
  gitopsPollIntervalMs?: number;
  /**
   * The GitOps sync reverts hand changes to objects from Git (Argo CD's
   * self-heal) once they have differed this long. Default 5000; `false` turns self-heal off.
   */
  gitopsSelfHealAfterMs?: number | false;
  /**
   * Clusters (`<managementCluster>/<namespace>/<name>`) the GitOps sync never
   * self-heals, so a hand change stays and drift detection reports it
   * (`drifted` after its grace period). Their Argo CD Applications say
   * `selfHeal: false`.
   */
  gitopsSelfHealOff?: string[];
  /** Writes `<dir>/<mc>.kubeconfig` for each management cluster. */
  kubeconfigDir?: string;
  /** 1 = realistic seconds-scale progress (a cluster is ready within a minute); larger = faster. */
  timeScale?: number;
  /** Default true; tests may disable it to control object state themselves. */
  reconcile?: boolean;
  /** Default true: periodic security releases and patch windows. */
  patchSimulation?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  /** First port; management cluster i listens on port + i. 0 (default) = a random free port each. */
  port?: number;
  /** Initial faults for all management clusters. */
  faults?: FaultOptions;
  /** Interval of watch BOOKMARK events; default 10000. */
  bookmarkIntervalMs?: number;
  /** Watch events kept for resuming watches; older resourceVersions get 410 Gone. Default 20000. */
  watchHistorySize?: number;
  /** Called with errors of background work (reconciler, GitOps sync, patch schedule). */
  onError?: (error: unknown) => void;
}

export interface ManagementClusterFaults {
  set(faults: FaultOptions): void;
  /** Closes every open watch stream now. */
  dropWatches(): void;
  /** Makes every current resourceVersion too old: the next watch from one gets 410 Gone. */
  expireResourceVersions(): void;
  /** Stops listening (connections are refused) and cuts open connections. */
  down(): Promise<void>;
  /** Listens again on the same port, with the same data. */
  up(): Promise<void>;
}

export interface PatchControls {
  /** A security release: every running machine gets pending security updates since `at` (default now). */
  securityRelease(opts?: { at?: Date }): void;
  /** Patches every machine with pending updates, except a share of laggards (default 0.1). */
  runPatchWindow(opts?: { lagShare?: number }): void;
}

export interface SimulatedManagementCluster {
  name: string;
  /** `https://127.0.0.1:PORT` */
  url: string;
  /** PEM of the CA that signed the server certificate. */
  caData: string;
  /** Bearer token with full rights. */
  token: string;
  /** Bearer token allowed get, list and watch only. */
  readOnlyToken: string;
  /** Bearer token without rights on the CAPI API groups (403). */
  restrictedToken: string;
  /** Kubeconfig YAML using the full token. */
  kubeconfig: string;
  kubeconfigPath?: string;
  store: ObjectStore;
  faults: ManagementClusterFaults;
  patch: PatchControls;
}

export interface GitOpsStatus {
  syncedRevision(managementCluster: string): string | undefined;
  /** Fetches the repository and applies it now. */
  syncNow(): Promise<void>;
}

export interface Simulator {
  managementClusters: SimulatedManagementCluster[];
  /** Throws for an unknown name. */
  get(name: string): SimulatedManagementCluster;
  gitops?: GitOpsStatus;
  stop(): Promise<void>;
}
