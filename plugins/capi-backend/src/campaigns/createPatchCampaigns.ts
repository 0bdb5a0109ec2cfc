import type {
  DatabaseService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import type { ClusterAccess } from '../services/ClusterAccess';
import { PatchCampaignStore } from './PatchCampaignStore';
import { createPatchCampaignRouter } from './patchCampaignRouter';

/** The patch campaign store and its routes, for plugin.ts to mount. */
export async function createPatchCampaigns(options: {
  database: DatabaseService;
  httpAuth: HttpAuthService;
  access: ClusterAccess;
}): Promise<express.Router> {
  const store = await PatchCampaignStore.create({ database: options.database });
  return createPatchCampaignRouter({
    httpAuth: options.httpAuth,
    access: options.access,
    store,
  });
}
