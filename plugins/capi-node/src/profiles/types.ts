import type { JsonObject } from '@backstage/types';

/**
 * Infrastructure providers Capstan can render classic clusters for.
 *
 * @public
 */
export type ClusterProvider = 'vsphere' | 'aws' | 'azure' | 'docker';

/**
 * A machine size ("t-shirt size") of a profile, with what it means for each
 * provider.
 *
 * @public
 */
export interface MachineSize {
  name: string;
  title?: string;
  description?: string;
  cpu: number;
  memoryMiB: number;
  diskGiB: number;
  /** AWS EC2 instance type, e.g. `m6i.large`. Required for AWS profiles. */
  awsInstanceType?: string;
  /** Azure VM size, e.g. `Standard_D4s_v5`. Required for Azure profiles. */
  azureVmSize?: string;
}

/**
 * How a ClusterClass-mode profile maps Capstan's choices onto the class.
 *
 * @public
 */
export interface ClusterClassSettings {
  /** Name of the ClusterClass in the management cluster. */
  name: string;
  /** Namespace of the ClusterClass when it is not the cluster's namespace. */
  namespace?: string;
  /** Variables set on every cluster of the profile (`spec.topology.variables`). */
  variables: JsonObject;
  /** Worker class of the ClusterClass used for node pools. */
  workerClass: string;
  /**
   * Name of a ClusterClass variable that receives the chosen machine size of
   * a node pool as `{ name, cpu, memoryMiB, diskGiB, ... }`, set per pool as
   * a variable override. Without it the size is only recorded as an
   * annotation.
   */
  machineSizeVariable?: string;
  /**
   * Name of a ClusterClass variable that receives the control plane's size,
   * in the same shape as {@link ClusterClassSettings.machineSizeVariable}.
   */
  controlPlaneMachineSizeVariable?: string;
  /**
   * Allows upgrades more than one minor version ahead, which CAPI carries
   * out as a chained upgrade through every minor in between (the ClusterClass
   * lists a version for each in `kubernetesVersions`). Default false: one
   * minor at a time.
   */
  chainedUpgrades?: boolean;
  /**
   * ClusterClass variables developers may set when they ask for a cluster,
   * offered as form fields generated from the class's schema.
   */
  exposedVariables?: string[];
}

/**
 * vSphere settings of a classic-mode profile.
 *
 * @public
 */
export interface VsphereSettings {
  server: string;
  datacenter: string;
  datastore: string;
  network: string;
  /** VM template to clone. */
  template: string;
  folder?: string;
  resourcePool?: string;
  storagePolicyName?: string;
  /** CAPI IPAM pool the machines take their addresses from. */
  ipPool: {
    name: string;
    kind: 'InClusterIPPool' | 'GlobalInClusterIPPool';
    /** API group of the pool, default `ipam.cluster.x-k8s.io`. */
    apiGroup: string;
  };
  gateway?: string;
  /** Prefix length of machine addresses, for the cloud-init network config. */
  prefix?: number;
  /** TLS thumbprint of the vCenter server. */
  thumbprint?: string;
  /** Name of the Secret holding the vCenter credentials (VSphereCluster `identityRef`). */
  identitySecretName?: string;
  /**
   * Host of the control plane endpoint (a VIP). The cluster name replaces
   * `{cluster}` in it, e.g. `{cluster}.k8s.example.com`.
   */
  controlPlaneEndpointHost?: string;
  sshAuthorizedKeys?: string[];
}

/**
 * AWS settings of a classic-mode profile.
 *
 * @public
 */
export interface AwsSettings {
  region: string;
  sshKeyName?: string;
  /** Subnet ids machines are placed in. */
  subnets?: string[];
  /** Existing VPC id; unset lets CAPA create one. */
  vpcId?: string;
  /** AMI id; unset lets CAPA look one up for the Kubernetes version. */
  amiId?: string;
  /** IAM instance profile of control plane machines. */
  controlPlaneIamInstanceProfile: string;
  /** IAM instance profile of worker machines. */
  nodeIamInstanceProfile: string;
}

/**
 * Azure settings of a classic-mode profile.
 *
 * @public
 */
export interface AzureSettings {
  location: string;
  subscriptionId?: string;
  /** Resource group; default: the cluster name. */
  resourceGroup?: string;
  vnetName?: string;
  /** Name of the AzureClusterIdentity to use. */
  identityName?: string;
  sshPublicKey?: string;
}

/**
 * Docker (CAPD, `DevCluster` / `DevMachineTemplate`) settings.
 *
 * @public
 */
export interface DockerSettings {
  /** Custom node image; unset uses kindest/node of the Kubernetes version. */
  customImage?: string;
}

/**
 * A cluster profile as the platform team configures it: everything needed
 * to render a cluster. Server side only; the browser gets
 * {@link @capstan/plugin-capi-common#ClusterProfileSummary}.
 *
 * @public
 */
export interface ClusterProfile {
  name: string;
  title: string;
  description?: string;
  managementCluster: string;
  namespace: string;
  mode: 'clusterclass' | 'classic';
  /** Required for classic mode; informative in ClusterClass mode. */
  provider?: ClusterProvider;
  clusterClass?: ClusterClassSettings;
  vsphere?: VsphereSettings;
  aws?: AwsSettings;
  azure?: AzureSettings;
  docker?: DockerSettings;
  /** Normalised `v1.2.3` versions, lowest first. */
  kubernetesVersions: string[];
  defaultKubernetesVersion?: string;
  /** In the order configured. */
  machineSizes: MachineSize[];
  /** Size of control plane machines; default: the first machine size. */
  controlPlaneSize: string;
  /** Labels put on every Cluster of the profile (e.g. to select add-ons). */
  addonLabels: Record<string, string>;
  /** Whether the cluster autoscaler runs in the profile's clusters. */
  autoscaler: boolean;
  limits: { maxNodePools: number; maxReplicas: number };
}

/**
 * The GitOps repository scaffolder actions write cluster definitions to.
 *
 * @public
 */
export interface GitopsConfig {
  /** A local path, a `file://` URL, or an https URL of a GitHub/GitLab repository. */
  repoUrl: string;
  /**
   * URL git clones and pushes, when it differs from `repoUrl` (e.g. an SSH
   * URL or a mirror); `repoUrl` still picks the SCM integration for pull
   * requests.
   */
  cloneUrl?: string;
  /** Branch Argo CD syncs from; default `main`. */
  branch: string;
  /** `commit` pushes to the branch; `pull-request` opens a pull/merge request. */
  publishMode: 'commit' | 'pull-request';
  /**
   * Link to a cluster folder in the Git host's UI; `{path}` is replaced by the
   * folder path and `{branch}` by the branch.
   */
  webUrl?: string;
  /** Author of commits. */
  author: { name: string; email: string };
}
