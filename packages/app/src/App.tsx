import { createApp } from '@backstage/frontend-defaults';
import { demoSignInModule } from './modules/demoSignIn';
import { navModule } from './modules/nav';
import { entityOverviewModule } from './modules/entityOverview';
import { scaffolderFormModule } from './modules/scaffolderForm';

/*
 * Plugins are discovered from this package's dependencies
 * (`app.packages: all` in app-config.yaml); the Capstan plugin comes in
 * through `@capstan/plugin-capi`.
 */
export default createApp({
  features: [
    navModule,
    demoSignInModule,
    entityOverviewModule,
    scaffolderFormModule,
  ],
});
