/**
 * A backend with only the capi plugin, for local work: `yarn start` in this
 * package. Unless `capi.managementClusters` is configured, it starts two
 * simulated management clusters (one v1beta2, one v1beta1-only) with seeded
 * clusters and points the plugin at them. The catalog is not running, so
 * entity views answer 404; the fleet endpoints work (permissions are off).
 */
import { createBackend } from '@backstage/backend-defaults';
import { startSimulator } from '@capstan/capi-simulator';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function main() {
  // The repo's app-config points its SQLite files and GitOps repository
  // into $CAPSTAN_STATE_DIR; a throwaway one keeps the demo's state apart.
  if (!process.env.CAPSTAN_STATE_DIR) {
    process.env.CAPSTAN_STATE_DIR = mkdtempSync(join(tmpdir(), 'capi-dev-'));
    mkdirSync(join(process.env.CAPSTAN_STATE_DIR, 'db'));
  }
  if (!process.env.APP_CONFIG_capi_managementClusters) {
    const simulator = await startSimulator({
      managementClusters: [
        'dev-fra',
        { name: 'dev-legacy', servedVersions: ['v1beta1'] },
      ],
      seedClusters: 12,
    });
    // Config from environment variables is parsed as JSON by the config loader.
    process.env.APP_CONFIG_capi_managementClusters = JSON.stringify(
      simulator.managementClusters.map(mc => ({
        name: mc.name,
        title: `Simulated ${mc.name}`,
        url: mc.url,
        caData: mc.caData,
        auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
      })),
    );
    process.on('SIGINT', () => simulator.stop().finally(() => process.exit(0)));
  }
  // No permission backend runs here: with the framework off, fleet reads are
  // allowed, as in a fresh Backstage app.
  process.env.APP_CONFIG_permission_enabled ??= 'false';
  const backend = createBackend();
  backend.add(import('../src'));
  await backend.start();
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
