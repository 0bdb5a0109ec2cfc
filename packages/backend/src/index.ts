/*
 * The Capstan backend: Backstage's core plugins plus the CAPI plugins.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('./demoMemberSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@capstan/plugin-catalog-backend-module-capi'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@capstan/plugin-scaffolder-backend-module-capi'));

backend.add(import('@backstage/plugin-permission-backend'));
// Capstan's policy: clusters per owning team, the fleet for platform groups.
backend.add(import('@capstan/plugin-permission-backend-module-capi-policy'));

backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// The event bus: capi-backend tells the catalog module which clusters changed.
backend.add(import('@backstage/plugin-events-backend'));
// MCP server for AI assistants: the registered actions (capi, scaffolder) as
// tools, each call made as the calling user (see README, "AI assistants").
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@capstan/plugin-capi-backend'));

backend.start();
