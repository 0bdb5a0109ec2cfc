import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityContentLayoutBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** The entity overview layout for every entity (see EntityOverviewLayout). */
const entityOverviewLayout = EntityContentLayoutBlueprint.make({
  name: 'capstan',
  params: {
    loader: async () =>
      (await import('./EntityOverviewLayout')).EntityOverviewLayout,
  },
});

export const entityOverviewModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [entityOverviewLayout],
});
