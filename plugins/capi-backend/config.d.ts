import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  capi?: {
    /**
     * Management clusters whose Cluster API objects the backend watches.
     * A misconfigured entry stops the backend from starting, naming the
     * entry; an unreachable one does not (it shows as `down`).
     */
    managementClusters?: Array<{
      /** Unique name, a DNS label; the first part of every cluster ref. */
      name: string;
      /** Display name. Default: the name. */
      title?: string;
      /**
       * API server URL. Required for serviceAccountToken; overrides the
       * server of a kubeconfig or the in-cluster address when set.
       */
      url?: string;
      auth:
        | {
            type: 'serviceAccountToken';
            /**
             * Bearer token of a service account allowed to get, list and
             * watch Cluster API objects.
             * @visibility secret
             */
            token: string;
          }
        | {
            type: 'kubeconfig';
            /** Path of the kubeconfig file. Default: `$KUBECONFIG` or `~/.kube/config`. */
            file?: string;
            /** Context to use. Default: the file's current context. */
            context?: string;
          }
        | {
            /** The service account of the pod Backstage runs in. */
            type: 'inCluster';
          };
      /** CA bundle of the API server, PEM or base64-encoded PEM. */
      caData?: string;
      /** Path of a CA bundle file. */
      caFile?: string;
      /** Disables TLS certificate verification. Never in production. */
      skipTLSVerify?: boolean;
      /**
       * Argo CD on this management cluster: its Applications' sync and
       * health are read (overrides `capi.argocd`). Present = enabled.
       */
      argocd?: {
        /** Default true when this block is present. */
        enabled?: boolean;
        /** Namespace of the Applications. Default: `capi.argocd.namespace`, else all namespaces. */
        namespace?: string;
      };
    }>;

    /** Git ↔ live drift of the clusters in the GitOps repository. */
    drift?: {
      /**
       * How long live may differ from Git, with no change in flight,
       * before a cluster shows as `drifted`; until then it is `pending`.
       * Also how long after a Git change a difference counts as that
       * change in flight. Default `2m`.
       */
      gracePeriod?: string;
    };

    /**
     * Argo CD: read the sync and health status of the Application covering
     * each cluster's folder (`argoproj.io/v1alpha1` Applications on the
     * management clusters, watched like the CAPI objects). A failed sync
     * shows as `sync failed: <message>`.
     */
    argocd?: {
      /** Read Argo CD Applications on every management cluster. Default false. */
      enabled?: boolean;
      /** Namespace of the Applications, e.g. `argocd`. Default: all namespaces. */
      namespace?: string;
    };

    /**
     * How long a management cluster may be out of contact before its data
     * is marked stale, e.g. `5m` (default), `90s`, `PT10M`.
     */
    staleAfter?: string;

    watch?: {
      /**
       * Healthy watches are restarted after this long (plus up to 50 %
       * jitter), as client-go does. Default `5m`.
       */
      restartInterval?: string;
      /**
       * API discovery is repeated this often (and after repeated 404s), so
       * a CAPI upgrade that changes the served version is picked up. Default `30m`.
       */
      rediscoverInterval?: string;
      /** Objects per list page. Default 500. */
      pageSize?: number;
      /** First retry delay after an error. Default `500ms`. */
      initialBackoff?: string;
      /** Largest retry delay. Default `30s`. */
      maxBackoff?: string;
    };

    /** Browser notifications (Backstage signals). */
    /**
     * Change requests: what each Capstan template run published, followed
     * from the request to a finished rollout (see the README).
     */
    changeRequests?: {
      /**
       * A request that makes no progress for this long fails, with the
       * reason. Progress is reaching the next stage or, while machines
       * change (`applied`, `rolling-out`), fewer machine steps left: so the
       * limit is per step, not per rollout, and a rollout of N machines
       * may take N times a machine's start-up as long as each comes up
       * within this. Keep it above the slowest single machine's provisioning
       * (a VM clone and kubeadm join take 5 to 15 minutes on most
       * providers). Stages judged by time: `requested` (commit mode),
       * `merged`, `in-git`, `applied`, `rolling-out`; pull requests awaiting
       * review never fail by time. Default `30m`.
       */
      stuckAfter?: string;
      /** How often open requests are checked against Git and the live cluster. Default `5s`. */
      pollInterval?: string;
      /**
       * How often one pull or merge request's state is asked from GitHub or
       * GitLab (at most 10 requests per check). Default `1m`.
       */
      pullRequestPollInterval?: string;
    };

    signals?: {
      /** Changes are collected for this long before one message goes out. Default `250ms`. */
      debounce?: string;
    };

    patch?: {
      /**
       * Annotations on Machines that the built-in patch state provider
       * reads. Defaults: `capstan.dev/patch-last-patched`,
       * `capstan.dev/patch-pending-updates`,
       * `capstan.dev/patch-pending-security-updates`,
       * `capstan.dev/patch-security-pending-since`,
       * `capstan.dev/patch-reboot-required`.
       */
      annotations?: {
        /** Replaces `capstan.dev/` in every default key, e.g. `patch.example.com/`. */
        prefix?: string;
        lastPatched?: string;
        pendingUpdates?: string;
        pendingSecurityUpdates?: string;
        securityPendingSince?: string;
        rebootRequired?: string;
      };
      policy?: {
        /** Pending security updates become overdue after this long. Default `48h`. */
        securityOverdueAfter?: string;
        /** Any pending update becomes overdue this long after the last patch. Default: never. */
        updatesOverdueAfter?: string;
      };
    };

    compliance?: {
      /**
       * When fleet compliance snapshots are written. Default every 15
       * minutes. Runs on one backend instance at a time.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Snapshots older than this are deleted, e.g. `90d` (default); at least `2d`. */
      retention?: string;
    };
  };
}
