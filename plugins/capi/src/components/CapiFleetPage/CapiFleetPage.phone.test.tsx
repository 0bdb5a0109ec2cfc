import { screen, within } from '@testing-library/react';
import { degradedCluster } from '../../__fixtures__/fleet';
import { renderFleet } from '../../__testUtils__/renderFleet';

/** The fleet table, found by its title. */
async function clustersTable() {
  const paper = (await screen.findByText('Clusters (5)')).closest(
    '.MuiPaper-root',
  ) as HTMLElement;
  return within(paper).getByRole('table');
}

describe('the fleet table on a phone', () => {
  const matchMedia = window.matchMedia;
  afterEach(() => {
    window.matchMedia = matchMedia;
  });

  /** Every media query of the page answers as a 390 px screen would for "xs and down". */
  function phoneScreen() {
    window.matchMedia = ((query: string) => ({
      matches: /max-width/.test(query),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    })) as typeof window.matchMedia;
  }

  it('shows each cluster as one cell with its place, status, version, machines and patch state, labelled, instead of seven columns', async () => {
    phoneScreen();
    await renderFleet();
    const table = await clustersTable();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Cluster']);
    const row = within(table).getByRole('row', { name: /checkout-prod/ });
    expect(
      within(row).getByRole('link', { name: degradedCluster.name }),
    ).toBeInTheDocument();
    expect(row).toHaveTextContent(
      `${degradedCluster.managementCluster} · namespace ${degradedCluster.namespace}`,
    );
    for (const label of ['Status', 'Kubernetes', 'Machines', 'Patch state']) {
      expect(within(row).getByRole('group', { name: label })).toBeVisible();
    }
  });

  it('keeps the seven columns on a wide screen', async () => {
    await renderFleet();
    const table = await clustersTable();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Cluster',
      'Management cluster',
      'Owner',
      'Status',
      'Kubernetes',
      'Machines',
      'Patch state',
    ]);
  });
});
