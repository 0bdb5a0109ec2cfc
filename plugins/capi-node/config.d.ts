export interface Config {
  capi?: {
    /**
     * Cluster profiles curated by the platform team, keyed by profile name
     * (a DNS label, e.g. `onprem-fra-prod`). Developers choose a profile and
     * machine sizes by name; infrastructure ids stay here, on the server.
     */
    profiles?: {
      [name: string]: {
        /** Display name. */
        title: string;
        description?: string;
        /** Name of the management cluster the profile's clusters live in. */
        managementCluster: string;
        /** Namespace in the management cluster. */
        namespace: string;
        /**
         * `clusterclass` renders a Cluster with `spec.topology`; `classic`
         * renders explicit control plane, infrastructure and worker objects.
         * Default `clusterclass`.
         */
        mode?: 'clusterclass' | 'classic';
        /** Infrastructure provider; required in classic mode. */
        provider?: 'vsphere' | 'aws' | 'azure' | 'docker';
        /** ClusterClass settings; required in clusterclass mode. */
        clusterClass?: {
          /** ClusterClass name in the management cluster. */
          name: string;
          /** Namespace of the ClusterClass when it differs from the cluster's. */
          namespace?: string;
          /** Variables set on every cluster (`spec.topology.variables`), by name. */
          variables?: { [name: string]: any };
          /** Worker class used for node pools. Default `default-worker`. */
          workerClass?: string;
          /**
           * ClusterClass variable that receives each pool's machine size as
           * `{ name, cpu, memoryMiB, diskGiB, awsInstanceType?, azureVmSize? }`
           * (set as a per-pool variable override).
           */
          machineSizeVariable?: string;
          /** ClusterClass variable that receives the control plane machine size. */
          controlPlaneMachineSizeVariable?: string;
          /**
           * Offer upgrades more than one minor ahead, done by CAPI as a chained
           * upgrade through each minor in between. Default false.
           */
          chainedUpgrades?: boolean;
          /**
           * ClusterClass variables developers may set on a new cluster; the
           * new-cluster template offers them as fields generated from the
           * class's schema (enum → select, boolean → checkbox).
           */
          exposedVariables?: string[];
        };
        /** vSphere settings (classic mode with provider vsphere). */
        vsphere?: {
          /** vCenter server address. */
          server: string;
          datacenter: string;
          datastore: string;
          /** Port group / network name. */
          network: string;
          /** VM template to clone. */
          template: string;
          folder?: string;
          resourcePool?: string;
          storagePolicyName?: string;
          /** CAPI IPAM pool machine addresses come from. */
          ipPool: {
            name: string;
            /** Default `InClusterIPPool`. */
            kind?: 'InClusterIPPool' | 'GlobalInClusterIPPool';
            /** Default `ipam.cluster.x-k8s.io`. */
            apiGroup?: string;
          };
          /** Default gateway of the machine network. */
          gateway?: string;
          /** Prefix length of machine addresses. */
          prefix?: number;
          /** TLS thumbprint of vCenter. */
          thumbprint?: string;
          /** Secret with vCenter credentials, used as the VSphereCluster identityRef. */
          identitySecretName?: string;
          /** Control plane endpoint host; `{cluster}` is replaced by the cluster name. */
          controlPlaneEndpointHost?: string;
          sshAuthorizedKeys?: string[];
        };
        /** AWS settings (classic mode with provider aws). */
        aws?: {
          region: string;
          sshKeyName?: string;
          /** Subnet ids for machines. */
          subnets?: string[];
          vpcId?: string;
          amiId?: string;
          controlPlaneIamInstanceProfile?: string;
          nodeIamInstanceProfile?: string;
        };
        /** Azure settings (classic mode with provider azure). */
        azure?: {
          location: string;
          subscriptionId?: string;
          resourceGroup?: string;
          vnetName?: string;
          /** AzureClusterIdentity name. */
          identityName?: string;
          sshPublicKey?: string;
        };
        /** Docker (CAPD) settings. */
        docker?: {
          customImage?: string;
        };
        /** Kubernetes versions developers may choose, e.g. `v1.33.4`. */
        kubernetesVersions: string[];
        /** Preselected version; must be one of kubernetesVersions. */
        defaultKubernetesVersion?: string;
        /** Machine sizes by t-shirt name, e.g. `small`, `large`. */
        machineSizes: {
          [name: string]: {
            title?: string;
            description?: string;
            cpu: number;
            memoryMiB: number;
            diskGiB: number;
            /** EC2 instance type (AWS profiles). */
            awsInstanceType?: string;
            /** VM size (Azure profiles). */
            azureVmSize?: string;
          };
        };
        /** Machine size of control plane machines; default: the first size. */
        controlPlaneSize?: string;
        /** Labels put on every Cluster of the profile, e.g. to select add-ons. */
        addonLabels?: { [key: string]: string };
        /** Whether the cluster autoscaler runs in the profile's clusters. Default false. */
        autoscaler?: boolean;
        limits?: {
          /** Default 5. */
          maxNodePools?: number;
          /** Default 20. */
          maxReplicas?: number;
        };
      };
    };
    /** The GitOps repository cluster definitions are written to. */
    gitops?: {
      /** An absolute path, a file:// URL, or an https URL of a GitHub or GitLab repository. */
      repoUrl: string;
      /**
       * URL git clones and pushes when it differs from repoUrl (an SSH URL or
       * a mirror); repoUrl still selects the integration for pull requests.
       */
      cloneUrl?: string;
      /** Branch Argo CD syncs from. Default `main`. */
      branch?: string;
      /** `commit` (default) pushes to the branch; `pull-request` opens a pull/merge request. */
      publishMode?: 'commit' | 'pull-request';
      /**
       * Link to a cluster folder in the Git host's UI, with `{branch}` and
       * `{path}` placeholders, e.g.
       * `https://github.com/acme/clusters/tree/{branch}/{path}`.
       * (`commitUrl`, the link to a commit, is read by the browser and
       * declared in `@capstan/plugin-capi`.)
       */
      webUrl?: string;
      /** Commit author. Default `Capstan <capstan@backstage.invalid>`. */
      author?: { name?: string; email?: string };
    };
  };
}
