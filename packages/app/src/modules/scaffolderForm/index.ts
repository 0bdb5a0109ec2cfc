import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { templatesSubPage } from './templatesSubPage';

/** The scaffolder's template forms with Capstan's form props (see templatesSubPage). */
export const scaffolderFormModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [templatesSubPage],
});
