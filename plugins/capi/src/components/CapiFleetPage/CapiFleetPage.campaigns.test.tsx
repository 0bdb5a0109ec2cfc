import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CAPI_SIGNAL_CHANNELS } from '@capstan/plugin-capi-common';
import {
  allClusters,
  degradedCluster,
  fleetResponse,
} from '../../__fixtures__/fleet';
import { FakeSignalApi, fakeCapiApi } from '../../__fixtures__/testApis';
import {
  campaignProgressOver,
  entityPath,
  fakeCampaignBackend,
  openCampaign,
  renderFleet,
} from '../../__testUtils__/renderFleet';

describe('CapiFleetContent patch campaigns', () => {
  it('shows the stored campaign on every visit: its start, not the visit, sets the time left', async () => {
    const campaign = openCampaign();
    const api = fakeCapiApi();
    await renderFleet(
      '/capi',
      api,
      new FakeSignalApi(),
      fakeCampaignBackend([campaign]),
    );
    const section = await screen.findByRole('region', {
      name: `Patch campaign ${campaign.name}`,
    });
    // Counted by the backend: the page reads no cluster's machines.
    expect(fleetResponse().items[0]).not.toHaveProperty('machines');
    const withNode = allClusters
      .flatMap(c => c.machines)
      .filter(m => m.nodeName);
    const patched = withNode.filter(
      m =>
        Date.parse(m.patch.lastPatched ?? '') >= Date.parse(campaign.startedAt),
    );
    expect(
      within(section).getByText(
        `${patched.length} of ${withNode.length} nodes patched since the campaign started`,
      ),
    ).toBeInTheDocument();
    expect(
      within(section).getByText(/^(1 d|23 h 59 min)$/),
    ).toBeInTheDocument();
    expect(api.getCluster).not.toHaveBeenCalled();
    // Still-to-patch rows open the cluster.
    const toPatch = within(section).getByRole('table', {
      name: `Nodes still to patch by cluster for ${campaign.name}`,
    });
    expect(
      within(toPatch).getByRole('link', { name: degradedCluster.name }),
    ).toHaveAttribute('href', entityPath(degradedCluster.id));
  });

  it("tells one story with the campaign's count and the patch states: the nodes not patched since the start, by their state now, add up", async () => {
    // Started just now, as in the walk: nothing patched since.
    const campaign = { ...openCampaign(), startedAt: new Date().toISOString() };
    await renderFleet(
      '/capi',
      fakeCapiApi(),
      new FakeSignalApi(),
      fakeCampaignBackend([campaign]),
    );
    const section = await screen.findByRole('region', {
      name: `Patch campaign ${campaign.name}`,
    });
    const { machines, patched, unpatchedByState } = campaignProgressOver(
      campaign,
      allClusters,
    );
    // The fixtures hold nodes up to date now but last patched before the
    // start: exactly what made "0 of 207 patched" beside "183 up to date"
    // read as a contradiction.
    expect(unpatchedByState['up-to-date']).toBeGreaterThan(0);
    const sentence = within(section).getByText(
      /^The other \d+, by patch state now/,
    );
    expect(sentence).toHaveTextContent(
      `The other ${machines - patched}, by patch state now: ${
        unpatchedByState['up-to-date']
      } up to date but last patched before the start`,
    );
    const counted = [
      ...sentence.textContent!.matchAll(
        /(\d+) (?:up to date|with updates pending|overdue|reporting)/g,
      ),
    ]
      .map(m => Number(m[1]))
      .reduce((a, b) => a + b, 0);
    expect(patched + counted).toBe(machines);
    // The compliance card says its bar counts something else.
    expect(screen.getByText(/^Machines by patch state now/)).toHaveTextContent(
      'a patch campaign counts patches since its start',
    );
  });

  it("counts each cluster's machines from the list, reading no cluster details while no campaign is open", async () => {
    const api = fakeCapiApi();
    await renderFleet(
      '/capi',
      api,
      new FakeSignalApi(),
      fakeCampaignBackend([]),
    );
    expect(
      await screen.findByText(/No patch campaign is open/),
    ).toBeInTheDocument();
    const [row] = await screen.findAllByRole('row', {
      name: new RegExp(`^${degradedCluster.name} ?namespace`),
    });
    const cells = within(row)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(degradedCluster.machines.length).toBeGreaterThan(1);
    expect(cells).toContain(String(degradedCluster.machines.length));
    expect(api.getCluster).not.toHaveBeenCalled();
  });

  it('lets the platform team start and close a campaign, stored by the backend', async () => {
    const backend = fakeCampaignBackend([]);
    await renderFleet('/capi', fakeCapiApi(), new FakeSignalApi(), backend);
    expect(
      await screen.findByText(/No patch campaign is open/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Start a campaign' }),
    );
    const form = within(
      screen.getByRole('form', { name: 'Start a patch campaign' }),
    );
    const submit = form.getByRole('button', { name: 'Start campaign' });
    expect(submit).toBeDisabled();
    await userEvent.type(
      form.getByRole('textbox', { name: /Campaign name/ }),
      'Kernel CVE-2026-1234',
    );
    const sla = form.getByRole('spinbutton', { name: 'SLA (hours)' });
    await userEvent.clear(sla);
    await userEvent.type(sla, '72');
    await userEvent.click(submit);
    expect(
      await screen.findByRole('region', {
        name: 'Patch campaign Kernel CVE-2026-1234',
      }),
    ).toBeInTheDocument();
    const post = backend.requests.find(r => r.method === 'POST');
    expect(post?.body).toMatchObject({
      name: 'Kernel CVE-2026-1234',
      slaHours: 72,
    });
    // Closing asks first, naming the campaign and what closing means.
    const closes = () =>
      backend.requests.filter(r => r.path.endsWith('/close')).length;
    await userEvent.click(
      screen.getByRole('button', { name: 'Close campaign' }),
    );
    let dialog = await screen.findByRole('dialog', {
      name: 'Close “Kernel CVE-2026-1234”?',
    });
    expect(dialog).toHaveTextContent(
      'Closing ends this patch campaign for everyone',
    );
    expect(dialog).toHaveTextContent('moves to Past campaigns');
    expect(dialog).toHaveTextContent('No cluster changes');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Keep it open' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(closes()).toBe(0);
    expect(
      screen.getByRole('region', {
        name: 'Patch campaign Kernel CVE-2026-1234',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Close campaign' }),
    );
    dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close campaign' }),
    );
    expect(
      await screen.findByText(/No patch campaign is open/),
    ).toBeInTheDocument();
    expect(backend.requests.map(r => `${r.method} ${r.path}`)).toContain(
      'POST /campaigns/c1/close',
    );
    // Kept: who closed it, when, and its final numbers.
    const past = await screen.findByRole('region', { name: 'Past campaigns' });
    const { machines, patched } = campaignProgressOver(
      backend.campaigns[0],
      allClusters,
    );
    expect(past).toHaveTextContent(
      `Kernel CVE-2026-1234: ${patched} of ${machines} nodes patched`,
    );
    expect(past).toHaveTextContent(
      /closed \d{4}-\d\d-\d\d \d\d:\d\d UTC by pat/,
    );
    expect(past).toHaveTextContent('closed within the SLA');
  }, 30_000);

  it("counts a campaign's progress on the backend over every cluster the filters match, sending the filters, and again on a live update", async () => {
    const campaign = openCampaign();
    // The page shows one cluster of a fleet of 60: progress counts all 60.
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...degradedCluster,
      name: `checkout-${String(i).padStart(2, '0')}`,
      id: `aws-eu-west/team-checkout/checkout-${String(i).padStart(2, '0')}`,
    }));
    let counted = many;
    const backend = fakeCampaignBackend([campaign], () => counted);
    const { signals } = await renderFleet(
      '/capi?status=Degraded&owner=team-checkout',
      fakeCapiApi({
        getFleet: jest.fn(async () => fleetResponse([degradedCluster])),
      }),
      new FakeSignalApi(),
      backend,
    );
    const section = await screen.findByRole('region', {
      name: `Patch campaign ${campaign.name}`,
    });
    const nodes = many.flatMap(c => c.machines).filter(m => m.nodeName);
    const patched = nodes.filter(
      m =>
        Date.parse(m.patch.lastPatched ?? '') >= Date.parse(campaign.startedAt),
    );
    expect(
      await within(section).findByText(
        `${patched.length} of ${nodes.length} nodes patched since the campaign started`,
      ),
    ).toBeInTheDocument();
    const asked = backend.requests.find(r => r.path.includes('/progress'));
    expect(asked?.path).toBe(
      `/campaigns/${campaign.id}/progress?status=Degraded&owner=group%3Adefault%2Fteam-checkout`,
    );
    // The remaining clusters beyond the eight listed are named as a count.
    expect(
      within(section).getByText(
        /^The 8 with the most nodes left, of 60 clusters/,
      ),
    ).toBeInTheDocument();

    counted = many.slice(0, 30);
    act(() =>
      signals.publish(CAPI_SIGNAL_CHANNELS.fleet, {
        type: 'refresh',
        clusterIds: [],
      }),
    );
    expect(
      await within(section).findByText(
        `${patched.length / 2} of ${
          nodes.length / 2
        } nodes patched since the campaign started`,
      ),
    ).toBeInTheDocument();
  });
});
