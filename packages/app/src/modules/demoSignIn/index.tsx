import {
  ApiBlueprint,
  createFrontendModule,
  discoveryApiRef,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
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

export const demoSignInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [demoMemberAuthApi, demoSignInPage],
});
