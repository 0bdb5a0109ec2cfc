import { screen } from '@testing-library/react';
import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';

/** Mia: a member of team-checkout only; payments-api is team-payments'. */
const mia = mockApis.identity({
  userEntityRef: 'user:default/mia',
  ownershipEntityRefs: ['user:default/mia', 'group:default/team-checkout'],
});
const paymentsDeveloper = mockApis.identity({
  userEntityRef: 'user:default/guest',
  ownershipEntityRefs: ['user:default/guest', 'group:default/team-payments'],
});
const fleetReader = mockApis.permission({
  authorize: AuthorizeResult.ALLOW,
});
const noFleet = mockApis.permission({ authorize: AuthorizeResult.DENY });

describe.each(['card', 'tab'] as const)(
  'an entity without clusters the user can see, on the %s',
  view => {
    it("tells a member of another team that the team's clusters are not shown to them, without offering a request", async () => {
      await renderEntityClusters(
        view,
        [],
        [
          [identityApiRef, mia],
          [permissionApiRef, noFleet],
        ],
      );
      expect(
        await screen.findByText('No clusters you can see here'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          /Clusters of team-payments are shown to its members and to the platform team/,
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText('No clusters yet')).toBeNull();
      expect(
        screen.queryByRole('button', { name: 'Request a cluster' }),
      ).toBeNull();
    });

    it.each([
      ['a member of the owning team', paymentsDeveloper, noFleet],
      ['the platform team (reads the fleet)', mia, fleetReader],
    ])(
      'tells %s that the entity has no clusters yet and offers a request',
      async (_, identity, permission) => {
        await renderEntityClusters(
          view,
          [],
          [
            [identityApiRef, identity],
            [permissionApiRef, permission],
          ],
        );
        expect(await screen.findByText('No clusters yet')).toBeInTheDocument();
        expect(
          screen.getByRole('button', { name: 'Request a cluster' }),
        ).toBeInTheDocument();
      },
    );
  },
);
