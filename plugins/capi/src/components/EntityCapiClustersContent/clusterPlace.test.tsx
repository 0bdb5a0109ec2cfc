import { screen, within } from '@testing-library/react';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';
import { availableCluster } from '../../__fixtures__/fleet';

describe.each(['tab', 'card'] as const)(
  "the cluster's place on the %s",
  view => {
    it('names the management cluster once, the profile by what it adds', async () => {
      // The profile's title is "On-prem Frankfurt — production".
      await renderEntityClusters(view, [availableCluster]);
      const section = within(
        await screen.findByRole('region', { name: 'Cluster payments-prod' }),
      );
      const place = section.getByTestId('cluster-place');
      expect(
        await within(place).findByTitle(
          'On-prem Frankfurt — production (profile onprem-fra-prod)',
        ),
      ).toHaveTextContent(/^production$/);
      expect(place).toHaveTextContent(
        /^on On-prem Frankfurt · namespace team-payments · profile production$/,
      );
    });
  },
);
