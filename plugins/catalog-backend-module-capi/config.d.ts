import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The CAPI cluster entity provider of
       * `@capstan/plugin-catalog-backend-module-capi`. Every key is optional.
       */
      capi?: {
        /**
         * When to read the whole fleet from the capi backend. Default: every
         * 30 minutes, 5 minute timeout, first run at startup. Changes in
         * between arrive as events from the capi backend.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner of clusters whose Cluster carries no valid owner. Default
         * `group:default/unassigned`.
         */
        defaultOwner?: string;
        /** System of cluster entities that have none of their own (the System of the entity a cluster was made for wins), e.g. `system:default/kubernetes-platform`. */
        system?: string;
        /**
         * Don't emit clusters the scaffolder created (they carry the
         * `capstan.dev/profile` label); use when the catalog-info.yaml files
         * in the GitOps repository are registered in the catalog. Default false.
         */
        skipScaffolded?: boolean;
        /** Page size when reading the fleet, 1..500. Default 500. */
        pageSize?: number;
        /**
         * URL of a page about a management cluster, linked from each cluster
         * entity; `{managementCluster}` is replaced by its name.
         */
        managementClusterUrlTemplate?: string;
        /**
         * How Backstage's Kubernetes plugin (catalog cluster locator) reaches
         * workload clusters. Without `authProvider`, cluster entities carry
         * no `kubernetes.io/*` annotations and the Kubernetes plugin ignores
         * them.
         */
        kubernetes?: {
          /**
           * `kubernetes.io/auth-provider`: an auth strategy of the
           * kubernetes backend, e.g. `oidc`, `google`, `aws`, `aks` or a
           * custom one. `serviceAccount` is refused: the catalog locator
           * ignores clusters that use it.
           */
          authProvider?: string;
          /** `kubernetes.io/oidc-token-provider`; required with `oidc`. */
          oidcTokenProvider?: string;
          /**
           * Base64 PEM of the CA that signs the workload clusters' API
           * servers (like kubeconfig `certificate-authority-data`). Not
           * secret, but long. Unset: the backend's system trust store.
           */
          caData?: string;
          /** Writes `kubernetes.io/skip-tls-verify: "true"`; the kubernetes backend honours it only with `dangerouslyAllowSkipTLSVerify`. */
          skipTLSVerify?: boolean;
          /** Writes `kubernetes.io/skip-metrics-lookup: "true"`. */
          skipMetricsLookup?: boolean;
          /**
           * Per management cluster name: a block that replaces the settings
           * above for its clusters (nothing is inherited).
           */
          managementClusters?: {
            [name: string]: {
              authProvider: string;
              oidcTokenProvider?: string;
              caData?: string;
              skipTLSVerify?: boolean;
              skipMetricsLookup?: boolean;
            };
          };
        };
      };
    };
  };
}
