import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { capiApiRef } from '../../api';
import { FakeSignalApi, fakeCapiApi } from '../../__fixtures__/testApis';
import { FleetDriftCard } from './FleetDriftCard';

function ShowLocation() {
  return <div data-testid="location">{useLocation().search}</div>;
}

async function renderCard(url = '/capi') {
  const api = fakeCapiApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, new FakeSignalApi()],
      ]}
    >
      <FleetDriftCard />
      <ShowLocation />
    </TestApiProvider>,
    { routeEntries: [url] },
  );
  return api;
}

describe('FleetDriftCard', () => {
  it('counts clusters by drift state and lists those that need a look', async () => {
    await renderCard();
    const filters = await screen.findByRole('group', {
      name: 'Filter by drift state',
    });
    expect(
      within(filters).getByRole('button', { name: 'Drifted from Git: 1' }),
    ).toBeInTheDocument();
    expect(
      within(filters).getByRole('button', { name: 'In sync with Git: 1' }),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Clusters by drift state',
    });
    expect(within(table).getByText('payments-prod')).toBeInTheDocument();
    expect(
      within(table).getByText('Pool workers: replicas: 3 → 5'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText(/sync failed: .*cannot be an even number/),
    ).toBeInTheDocument();
    expect(within(table).queryByText('checkout-prod')).not.toBeInTheDocument();
  });

  it('filters by a drift state picked on the card, kept in the URL', async () => {
    const api = await renderCard();
    await userEvent.click(
      await screen.findByRole('button', { name: 'In sync with Git: 1' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('drift=in-sync'),
    );
    const table = await screen.findByRole('table', {
      name: 'Clusters by drift state',
    });
    await waitFor(() =>
      expect(within(table).getByText('checkout-prod')).toBeInTheDocument(),
    );
    expect(within(table).queryByText('payments-prod')).not.toBeInTheDocument();
    expect(api.getFleetDrift).toHaveBeenLastCalledWith({
      state: ['in-sync'],
      limit: 100,
    });
  });
});
