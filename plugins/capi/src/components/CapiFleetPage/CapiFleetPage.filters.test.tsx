import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  PATCH_COMPLIANCE_DEFINITION,
  type FleetQuery,
} from '@capstan/plugin-capi-common';
import {
  allClusters,
  degradedCluster,
  fleetResponse,
} from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { entityPath, renderFleet } from '../../__testUtils__/renderFleet';
import { SEARCH_DEBOUNCE_MS } from './FleetFilters';

/** A backend that filters by owner and name the way the capi backend does. */
function filteringApi() {
  const owners = [...new Set(allClusters.map(c => c.owner!))].sort();
  return fakeCapiApi({
    getFleet: jest.fn(async (query?: FleetQuery) => {
      const items = allClusters.filter(
        c =>
          (!query?.owner || query.owner.includes(c.owner!)) &&
          (!query?.search || c.name.includes(query.search)),
      );
      return {
        ...fleetResponse(items),
        facets: {
          owners,
          versions: Object.keys(fleetResponse().summary.byVersion),
        },
      };
    }),
  });
}

const figure = (term: string) =>
  within(screen.getByLabelText('Fleet figures')).getByText(term)
    .nextElementSibling?.textContent;

describe('CapiFleetContent filters', () => {
  it('applies the owner filter to the whole page: figures, bars, overdue list and table', async () => {
    const owner = degradedCluster.owner!;
    const theirs = allClusters.filter(c => c.owner === owner);
    const others = allClusters.filter(c => c.owner !== owner);
    expect(others.length).toBeGreaterThan(0);
    await renderFleet(`/capi?owner=${owner}`, filteringApi());
    expect(
      await screen.findByText(`Clusters (${theirs.length})`),
    ).toBeVisible();
    const expected = fleetResponse(theirs).summary;
    const fleetCard = screen.getByText('Fleet').closest('.MuiCard-root')!;
    expect(
      within(fleetCard as HTMLElement).getByText(
        'Clusters matching the filters',
      ),
    ).toBeInTheDocument();
    expect(
      within(fleetCard as HTMLElement).getByText(
        `clusters · ${expected.machines} machines`,
      ).previousElementSibling,
    ).toHaveTextContent(String(expected.clusters));
    expect(figure('Overdue nodes')).toBe(String(expected.patch.overdue));
    for (const title of ['Management clusters', 'Git drift']) {
      const card = screen.getByText(title).closest('.MuiCard-root')!;
      expect(
        within(card as HTMLElement).getByText(
          'Whole fleet (the filters do not apply)',
        ),
      ).toBeInTheDocument();
    }
    const phases = screen.getByRole('list', { name: 'Clusters by phase' });
    const phaseSum = within(phases)
      .getAllByRole('listitem')
      .map(li => Number(li.getAttribute('aria-label')!.split(': ')[1]))
      .reduce((a, b) => a + b, 0);
    expect(phaseSum).toBe(theirs.length);
    // The clusters table and the overdue list (the drift card has its own filter).
    const table = screen
      .getByText(`Clusters (${theirs.length})`)
      .closest('.MuiPaper-root') as HTMLElement;
    expect(expected.overdue.length).toBeGreaterThan(0);
    const overdue = screen.getByRole('table', {
      name: 'Overdue nodes by cluster and owner',
    });
    for (const other of others) {
      expect(within(table).queryByText(other.name)).toBeNull();
      expect(within(overdue).queryByText(other.name)).toBeNull();
    }
  });

  it('reads ?owner=team-payments as the group and offers the other owners too', async () => {
    const api = filteringApi();
    await renderFleet('/capi?owner=team-payments', api);
    await screen.findByRole('form', { name: 'Fleet filters' });
    expect(api.getFleet).toHaveBeenCalledWith(
      expect.objectContaining({ owner: ['group:default/team-payments'] }),
    );
    const filters = within(screen.getByRole('form', { name: 'Fleet filters' }));
    await userEvent.click(filters.getByRole('button', { name: /Owner/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'team-checkout' }),
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({
          owner: ['group:default/team-payments', 'group:default/team-checkout'],
        }),
      ),
    );
  });

  it('searches as the user types, without Enter, and Clear filters empties the field', async () => {
    const api = filteringApi();
    await renderFleet('/capi', api);
    const field = await screen.findByRole('searchbox', {
      name: 'Cluster name',
    });
    await userEvent.type(field, 'checkout');
    await waitFor(
      () =>
        expect(api.getFleet).toHaveBeenLastCalledWith(
          expect.objectContaining({ search: 'checkout' }),
        ),
      { timeout: SEARCH_DEBOUNCE_MS * 10 },
    );
    // One request after the pause, not one per key.
    const searches = api.getFleet.mock.calls.filter(([q]) => q?.search);
    expect(searches.length).toBeLessThanOrEqual(2);
    await act(async () => {
      await userEvent.click(
        screen.getByRole('button', { name: 'Clear filters' }),
      );
    });
    await waitFor(() => expect(field).toHaveValue(''));
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ search: expect.anything() }),
      ),
    );
  });

  it('opens the cluster from fleet rows and overdue rows', async () => {
    await renderFleet();
    const overdue = await screen.findByRole('table', {
      name: 'Overdue nodes by cluster and owner',
    });
    expect(
      within(overdue).getByRole('link', { name: degradedCluster.name }),
    ).toHaveAttribute('href', entityPath(degradedCluster.id));
    const links = screen.getAllByRole('link', { name: degradedCluster.name });
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) {
      expect(link).toHaveAttribute('href', entityPath(degradedCluster.id));
    }
  });
});

describe('CapiFleetContent numbers', () => {
  it('defines patch compliance where the number is', async () => {
    await renderFleet();
    const card = (
      await screen.findByText('Patch compliance', {
        selector: '.MuiCardHeader-title, .MuiCardHeader-title *',
      })
    ).closest('.MuiCard-root') as HTMLElement;
    expect(
      within(card).getByText(PATCH_COMPLIANCE_DEFINITION),
    ).toBeInTheDocument();
    const figures = screen.getByLabelText('Fleet figures');
    expect(
      within(figures).getByText(/%$/).getAttribute('aria-description'),
    ).toBe(PATCH_COMPLIANCE_DEFINITION);
  });

  it('shows no compliance figure, not 100 %, when no machine can be judged', async () => {
    const provisioning = allClusters.find(c => c.phase === 'Provisioning')!;
    await renderFleet(
      '/capi',
      fakeCapiApi({
        getFleet: jest.fn(async () =>
          fleetResponse([{ ...provisioning, machines: [] }]),
        ),
      }),
    );
    await screen.findByLabelText('Fleet figures');
    expect(figure('Patch compliance')).toBe('—');
    expect(screen.getByText('No machines to judge yet.')).toBeInTheDocument();
  });

  it('never rounds one overdue machine up to a 100 % gauge', async () => {
    await renderFleet();
    const { patch } = fleetResponse().summary;
    expect(patch.overdue).toBeGreaterThan(0);
    const gauge = await screen.findByRole('img', {
      name: /^Patch compliance \d/,
    });
    expect(gauge.textContent).not.toMatch(/^100/);
    // The state bar's parts add up to the machines the compliance is over.
    expect(patch.upToDate + patch.pending + patch.overdue + patch.unknown).toBe(
      patch.total,
    );
  });
});
