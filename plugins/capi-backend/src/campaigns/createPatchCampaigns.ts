import type {
  DatabaseService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import type { ClusterAccess } from '../services/ClusterAccess';
import type { FleetReader } from '../services/FleetReader';
import { CampaignProgressCounter } from './CampaignProgress';
import { PatchCampaignStore } from './PatchCampaignStore';
import { createPatchCampaignRouter } from './patchCampaignRouter';

/** The patch campaign store and its routes, for plugin.ts to mount. */
export async function createPatchCampaigns(options: {
  database: DatabaseService;
  httpAuth: HttpAuthService;
  access: ClusterAccess;
  /** The fleet progress is counted over; without it there is no progress route. */
  reader?: FleetReader;
}): Promise<express.Router> {
  const { reader } = options;
  const store = await PatchCampaignStore.create({ database: options.database });
  return createPatchCampaignRouter({
    httpAuth: options.httpAuth,
    access: options.access,
    store,
    progress: reader
      ? new CampaignProgressCounter({
          matching: query => reader.matching(query),
          machinesOf: id =>
            reader.index.getSummary(id, { cache: false })?.machines,
        })
      : undefined,
  });
}
