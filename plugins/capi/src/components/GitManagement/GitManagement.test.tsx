import { screen, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { ClusterSummary } from '@capstan/plugin-capi-common';
import { EntityCapiClustersContent } from '../EntityCapiClustersContent/EntityCapiClustersContent';
import { capiApiRef } from '../../api';
import {
  availableCluster,
  entityClustersResponse,
  notInGitCluster,
} from '../../__fixtures__/fleet';
import {
  FakeSignalApi,
  fakeCapiApi,
  paymentsComponent,
} from '../../__fixtures__/testApis';

async function renderTab(...clusters: ClusterSummary[]) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          capiApiRef,
          fakeCapiApi({
            getEntityClusters: jest.fn(async ref =>
              entityClustersResponse(ref, clusters),
            ),
          }),
        ],
        [signalApiRef, new FakeSignalApi()],
      ]}
    >
      <EntityProvider entity={paymentsComponent}>
        <EntityCapiClustersContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** Every link or button into a day-2 template (the scaffolder's /create/templates/...). */
function day2Links(region: HTMLElement) {
  return [...region.querySelectorAll('a[href]')].filter(a =>
    /\/create\/templates\//.test(a.getAttribute('href') ?? ''),
  );
}

// Rendering the whole tab is slow on a loaded machine.
jest.setTimeout(30_000);

describe('day-2 actions and Git', () => {
  it('offers upgrade, scale, add-pool and decommission for a cluster whose folder is in Git', async () => {
    await renderTab({ ...availableCluster, upgradeOptions: ['v1.32.1'] });
    const region = await screen.findByRole('region', {
      name: 'Cluster payments-prod',
    });
    const card = region.closest('.MuiCard-root') as HTMLElement;
    expect(
      within(card).getByRole('button', { name: 'Upgrade to v1.32.1' }),
    ).toBeInTheDocument();
    expect(
      within(card).getAllByRole('link', { name: /^Scale node pool / }).length,
    ).toBe(availableCluster.nodePools.length);
    expect(
      within(card).getByRole('button', { name: 'Add node pool' }),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('button', { name: 'Decommission' }),
    ).toBeInTheDocument();
    expect(day2Links(card).length).toBeGreaterThan(3);
    expect(within(card).queryByRole('note')).not.toBeInTheDocument();
  });

  it('shows no day-2 action for a cluster whose folder is not in Git, and says why', async () => {
    await renderTab(notInGitCluster);
    const region = await screen.findByRole('region', {
      name: 'Cluster legacy-prod',
    });
    const card = region.closest('.MuiCard-root') as HTMLElement;
    expect(day2Links(card)).toEqual([]);
    expect(
      within(card).queryByRole('button', { name: /GitOps folder/ }),
    ).not.toBeInTheDocument();
    const note = within(card).getByRole('note', {
      name: 'legacy-prod is not managed through Git',
    });
    expect(note).toHaveTextContent('Not managed through Git');
    expect(note).toHaveTextContent(
      'no folder clusters/onprem-fra/team-payments/legacy-prod',
    );
  });

  it('shows no day-2 action while the backend cannot tell whether the folder is in Git', async () => {
    await renderTab({ ...availableCluster, gitManaged: undefined });
    const region = await screen.findByRole('region', {
      name: 'Cluster payments-prod',
    });
    const card = region.closest('.MuiCard-root') as HTMLElement;
    expect(day2Links(card)).toEqual([]);
    expect(
      within(card).getByRole('note', {
        name: 'payments-prod is not known to be managed through Git',
      }),
    ).toBeInTheDocument();
  });
});
