/**
 * The cluster the scaffolder flows create, upgrade and reuse. The run id is
 * set once in playwright.config.ts so every worker agrees on it.
 */
export const E2E_CLUSTER = {
  name: `e2e-${process.env.CAPSTAN_E2E_RUN}`,
};
