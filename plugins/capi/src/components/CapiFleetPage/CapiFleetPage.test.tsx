import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { CAPI_SIGNAL_CHANNELS } from '@capstan/plugin-capi-common';
import {
  availableCluster,
  degradedCluster,
  fleetResponse,
} from '../../__fixtures__/fleet';
import { FakeSignalApi, fakeCapiApi } from '../../__fixtures__/testApis';
import {
  fakeCampaignBackend,
  openCampaign,
  renderFleet,
} from '../../__testUtils__/renderFleet';

describe('CapiFleetContent', () => {
  it('shows management cluster health, including one that is down', async () => {
    await renderFleet();
    const table = await screen.findByRole('table', {
      name: 'Management cluster health',
    });
    const azure = within(table).getByRole('row', { name: /Azure West Europe/ });
    expect(within(azure).getByText(/down/)).toBeInTheDocument();
    expect(
      within(azure).getByText('connect ECONNREFUSED 10.20.0.4:6443'),
    ).toBeInTheDocument();
    const fra = within(table).getByRole('row', { name: /On-prem Frankfurt/ });
    expect(within(fra).getByText('synced')).toBeInTheDocument();
    expect(within(fra).getByText('v1beta2')).toBeInTheDocument();
  });

  it('sums up the fleet: compliance, overdue nodes, reboots and synced management clusters', async () => {
    await renderFleet();
    const figures = await screen.findByLabelText('Fleet figures');
    const { patch } = fleetResponse().summary;
    const fact = (term: string) =>
      within(figures).getByText(term).nextElementSibling?.textContent;
    expect(patch.overdue).toBeGreaterThan(0);
    expect(fact('Overdue nodes')).toBe(String(patch.overdue));
    expect(fact('Reboots pending')).toBe(String(patch.rebootRequired));
    expect(fact('Patch compliance')).toBe(
      `${Math.round(patch.compliance * 1000) / 10}%`,
    );
    // Azure West Europe is down in the fixtures.
    expect(fact('Management clusters synced')).toBe('2 of 3');
  });

  it('shows counts by phase and the Kubernetes version distribution', async () => {
    await renderFleet();
    const phases = await screen.findByRole('list', {
      name: 'Clusters by phase',
    });
    expect(
      within(phases).getByRole('listitem', { name: 'Provisioned: 4' }),
    ).toBeInTheDocument();
    expect(
      within(phases).getByRole('listitem', { name: 'Provisioning: 1' }),
    ).toBeInTheDocument();
    const versions = screen.getByRole('list', {
      name: 'Kubernetes version distribution',
    });
    expect(
      within(versions).getByRole('listitem', { name: /^v1\.30\.8: 1$/ }),
    ).toBeInTheDocument();
  });

  it('shows compliance against the policy with a trend chart and its data table', async () => {
    await renderFleet();
    expect(
      await screen.findByText(
        /security updates are overdue 48 h after release/,
      ),
    ).toBeInTheDocument();
    const fleet = fleetResponse();
    expect(
      screen.getByText(`${fleet.summary.patch.overdue} machines are overdue`),
    ).toBeInTheDocument();
    const chart = await screen.findByRole('img', {
      name: /^Patch compliance from \d{4}-\d\d-\d\d to .*lowest/,
    });
    expect(chart).toBeInTheDocument();
    const data = screen.getByRole('table', {
      name: 'Patch compliance history',
      hidden: true,
    });
    expect(within(data).getAllByRole('row', { hidden: true })).toHaveLength(15);
  });

  it('groups overdue nodes by cluster and owner', async () => {
    await renderFleet();
    const table = await screen.findByRole('table', {
      name: 'Overdue nodes by cluster and owner',
    });
    const row = within(table).getByRole('row', { name: /checkout-prod/ });
    expect(within(row).getByText('team-checkout')).toBeInTheDocument();
    expect(
      within(row).getByText('checkout-prod-workers-7x2kq'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('checkout-prod-workers-b9f4m'),
    ).toBeInTheDocument();
    expect(within(row).getAllByText('1 d ago')).toHaveLength(2);
  });

  it('reads filters from the URL and sends them to the backend', async () => {
    const { api } = await renderFleet(
      '/capi?status=Degraded&patch=overdue&mc=aws-eu-west&q=checkout',
    );
    await screen.findByRole('table', { name: 'Management cluster health' });
    expect(api.getFleet).toHaveBeenCalledWith(
      expect.objectContaining({
        status: ['Degraded'],
        patchState: ['overdue'],
        managementCluster: ['aws-eu-west'],
        search: 'checkout',
      }),
    );
  });

  it('writes a chosen filter into the URL so that it survives a reload', async () => {
    const { api } = await renderFleet();
    await screen.findByRole('table', { name: 'Management cluster health' });
    const filters = within(screen.getByRole('form', { name: 'Fleet filters' }));
    await userEvent.click(filters.getByRole('button', { name: /Status/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Degraded' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '?status=Degraded',
      ),
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: ['Degraded'] }),
      ),
    );
  });

  it('lists the clusters with their status', async () => {
    await renderFleet();
    expect(
      await screen.findByRole('status', {
        name: 'Cluster checkout-prod status: Degraded',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'Cluster ledger-prod status: Stale' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Clusters (5)')).toBeInTheDocument();
  });

  it('tells two clusters of the same name apart by namespace and management cluster', async () => {
    const namesake = {
      ...availableCluster,
      id: `${availableCluster.managementCluster}/clusters/${availableCluster.name}`,
      namespace: 'clusters',
    };
    const shown = [availableCluster, namesake];
    await renderFleet(
      '/capi',
      fakeCapiApi({
        getFleet: jest.fn(async () => fleetResponse(shown)),
      }),
      new FakeSignalApi(),
      // The backend counts the campaign over these two.
      fakeCampaignBackend([openCampaign()], () => shown),
    );
    const rows = await screen.findAllByRole('row', {
      name: new RegExp(`^${availableCluster.name} ?namespace`),
    });
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]).getByText(`namespace ${availableCluster.namespace}`),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('namespace clusters')).toBeInTheDocument();
    for (const row of rows) {
      expect(
        within(row).getByText(availableCluster.managementCluster),
      ).toBeInTheDocument();
    }
    const toPatch = await screen.findByRole('table', {
      name: 'Nodes still to patch by cluster for OpenSSL security release',
    });
    expect(
      within(toPatch).getByText(
        `${availableCluster.managementCluster} / ${availableCluster.namespace}`,
      ),
    ).toBeInTheDocument();
    expect(
      within(toPatch).getByText(
        `${availableCluster.managementCluster} / clusters`,
      ),
    ).toBeInTheDocument();
  }, 30_000);

  it('shows the error when the user may not read the fleet', async () => {
    const api = fakeCapiApi({
      getFleet: jest
        .fn()
        .mockRejectedValue(new Error('capi.fleet.read is not allowed')),
    });
    await renderFleet('/capi', api);
    expect(
      await screen.findByText(
        /Could not load the fleet\. Loading failed: capi\.fleet\.read is not allowed\./,
      ),
    ).toBeInTheDocument();
  });

  it('still shows the fleet when the compliance history fails', async () => {
    const api = fakeCapiApi({
      getFleetCompliance: jest
        .fn()
        .mockRejectedValue(new Error('no history stored')),
    });
    await renderFleet('/capi', api);
    expect(
      await screen.findByText(
        /^Could not load the compliance history\. Loading failed: no history stored\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Management cluster health' }),
    ).toBeInTheDocument();
  });

  it('updates live on a fleet signal', async () => {
    const api = fakeCapiApi({
      getFleet: jest.fn(async () => fleetResponse([availableCluster])),
    });
    const { signals } = await renderFleet('/capi', api);
    expect(await screen.findByText('Clusters (1)')).toBeInTheDocument();
    api.getFleet.mockResolvedValue(
      fleetResponse([availableCluster, degradedCluster]),
    );
    act(() =>
      signals.publish(CAPI_SIGNAL_CHANNELS.fleet, {
        type: 'clusters-changed',
        clusterIds: [degradedCluster.id],
      }),
    );
    expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
    expect(
      screen.getByRole('status', {
        name: 'Cluster checkout-prod status: Degraded',
      }),
    ).toBeInTheDocument();
  });
  it('tells a user outside the platform team at once, loading nothing of the fleet', async () => {
    // Mia (team-checkout): the policy refuses capi.fleet.read.
    const api = fakeCapiApi();
    const campaigns = fakeCampaignBackend([openCampaign()]);
    const asked: string[] = [];
    await renderFleet(
      '/capi',
      api,
      new FakeSignalApi(),
      campaigns,
      mockApis.permission({
        authorize: request => {
          asked.push(request.permission.name);
          return AuthorizeResult.DENY;
        },
      }),
    );
    expect(
      await screen.findByText('The fleet view is for the platform team'),
    ).toBeInTheDocument();
    expect(asked).toEqual(['capi.fleet.read']);
    expect(screen.queryByTestId('progress')).toBeNull();
    // Nothing of the fleet was asked for: no fleet, trend, drift or campaigns.
    expect(api.getFleet).not.toHaveBeenCalled();
    expect(api.getFleetCompliance).not.toHaveBeenCalled();
    expect(api.getFleetDrift).not.toHaveBeenCalled();
    expect(campaigns.requests).toEqual([]);
  });

  it('loads the fleet once the permission check allows it', async () => {
    const api = fakeCapiApi();
    await renderFleet('/capi', api);
    expect(
      await screen.findByRole('table', { name: 'Management cluster health' }),
    ).toBeInTheDocument();
    expect(api.getFleet).toHaveBeenCalled();
  });

  it('tells a user without the fleet permission that the page is for the platform team when the backend refuses', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'The fleet view is for the platform team: it requires the capi.fleet.read permission',
          },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await renderFleet(
      '/capi',
      fakeCapiApi({
        getFleet: jest.fn(async () => {
          throw forbidden;
        }),
      }),
    );
    expect(
      await screen.findByText('The fleet view is for the platform team'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load the fleet/)).toBeNull();
  });
});
