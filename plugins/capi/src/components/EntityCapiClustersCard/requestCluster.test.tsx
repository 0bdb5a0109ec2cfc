import { screen } from '@testing-library/react';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';
import {
  availableCluster,
  degradedCluster,
  upgradingCluster,
} from '../../__fixtures__/fleet';

/** The new-cluster template, for payments-api, owned by its owner. */
function expectNewClusterLink(link: HTMLElement) {
  const url = new URL(link.getAttribute('href')!, 'http://localhost');
  expect(url.pathname).toBe('/create/templates/default/capi-new-cluster');
  expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
    entityRef: 'component:default/payments-api',
    owner: 'group:default/team-payments',
  });
}

describe.each(['card', 'tab'] as const)(
  '"Request a cluster" on the %s',
  view => {
    it('is offered when the entity has no clusters', async () => {
      await renderEntityClusters(view, []);
      expect(await screen.findByText('No clusters yet')).toBeInTheDocument();
      expectNewClusterLink(
        screen.getByRole('button', { name: 'Request a cluster' }),
      );
    });

    it.each([
      ['one cluster', [availableCluster]],
      ['three clusters', [availableCluster, degradedCluster, upgradingCluster]],
    ])(
      'is offered to a team with %s, with the same pre-filled link',
      async (_, clusters) => {
        await renderEntityClusters(view, clusters);
        await screen.findAllByText(/payments-prod/);
        expect(screen.queryByText('No clusters yet')).toBeNull();
        const buttons = screen.getAllByRole('button', {
          name: 'Request a cluster',
        });
        expect(buttons).toHaveLength(1);
        expectNewClusterLink(buttons[0]);
      },
    );
  },
);
