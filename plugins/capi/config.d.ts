export interface Config {
  capi?: {
    /** The GitOps repository (declared in full by `@capstan/plugin-capi-node`). */
    gitops?: {
      /**
       * Link to a commit in the Git host's UI, with a `{sha}` placeholder,
       * e.g. `https://github.com/acme/clusters/commit/{sha}`. The cards and
       * the Clusters tab link a change request's commit with it; without it
       * they show the commit's SHA with a copy button.
       * @visibility frontend
       */
      commitUrl?: string;
    };
  };
}
