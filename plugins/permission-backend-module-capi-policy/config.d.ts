export interface Config {
  capi?: {
    /** Settings of the Capstan permission policy module. */
    permissions?: {
      /**
       * Entity refs of the groups (or users) that run the platform, e.g.
       * `group:default/team-platform`. Their members may do everything with
       * every cluster and see the fleet view. Compared with the signed-in
       * user's ownership entity refs.
       */
      platformGroups?: string[];
    };
  };
}
