/*
 * Demo only: a second guest-like sign-in, as a plain member of one team, so
 * that the demo can be tried both as the platform team (the guest provider)
 * and as an ordinary team member. Configured by
 * `auth.providers.demo-member.userEntityRef`; like the guest provider it
 * refuses to work outside development unless explicitly allowed.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-member-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const settings = config.getOptionalConfig('auth.providers.demo-member');
        if (!settings) return;
        const userEntityRef = stringifyEntityRef(
          parseEntityRef(settings.getString('userEntityRef'), {
            defaultKind: 'user',
          }),
        );
        const allowed =
          process.env.NODE_ENV === 'development' ||
          settings.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ===
            true;
        providers.registerProvider({
          providerId: 'demo-member',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate() {
                if (!allowed) {
                  throw new NotAllowedError(
                    'The demo-member sign-in is for the local demo only',
                  );
                }
                return { result: {} };
              },
            }),
            signInResolver: async (_info, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
          }),
        });
      },
    });
  },
});
