import {
  ApiBlueprint,
  createFrontendModule,
  createTranslationMessages,
  discoveryApiRef,
} from '@backstage/frontend-plugin-api';
import { coreComponentsTranslationRef } from '@backstage/core-components/alpha';
import {
  SignInPageBlueprint,
  TranslationBlueprint,
} from '@backstage/plugin-app-react';
import { DemoMemberAuth, demoMemberAuthApiRef } from './DemoMemberAuth';

const demoMemberAuthApi = ApiBlueprint.make({
  name: 'demo-member-auth',
  params: defineParams =>
    defineParams({
      api: demoMemberAuthApiRef,
      deps: { discoveryApi: discoveryApiRef },
      factory: ({ discoveryApi }) => new DemoMemberAuth({ discoveryApi }),
    }),
});

/**
 * The demo's sign-in page: the guest (a platform team member) or a plain
 * member of one team (auth provider `demo-member`, see app-config.yaml).
 */
const demoSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return props => (
        <SignInPage
          {...props}
          providers={[
            'guest',
            {
              id: 'demo-member',
              title: 'Team member',
              message:
                "Sign in as Mia, a member of team-checkout only: sees only her team's clusters, not the fleet page.",
              apiRef: demoMemberAuthApiRef,
            },
          ]}
        />
      );
    },
  },
});

/**
 * The guest card's text says who Guest is in this demo (its title and the
 * Enter button keep Backstage's words; the card's text is a translation key
 * of core-components, so this replaces only that sentence).
 */
export const guestCardText = createTranslationMessages({
  ref: coreComponentsTranslationRef,
  messages: {
    'signIn.guestProvider.subtitle':
      'Sign in as Guest, a member of team-payments and of the platform team (team-platform): sees and may change every cluster, and the fleet page.',
  },
});

const guestCardTranslation = TranslationBlueprint.make({
  name: 'demo-guest-card',
  params: { resource: guestCardText },
});

export const demoSignInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [demoMemberAuthApi, demoSignInPage, guestCardTranslation],
});
