import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { complianceResponse } from '../../__fixtures__/fixtureResponses';
import { FakeSignalApi, fakeCapiApi } from '../../__fixtures__/testApis';
import {
  fakeCampaignBackend,
  renderFleet,
} from '../../__testUtils__/renderFleet';

/** A young fleet: the history holds 45 minutes, not the 14 days asked for. */
function minutesOfHistory() {
  const daily = complianceResponse(4);
  const points = daily.series[0].points.map((p, i) => ({
    ...p,
    at: new Date(
      Date.parse('2026-12-01T12:40:00Z') + i * 15 * 60_000,
    ).toISOString(),
  }));
  return { ...daily, series: [{ scope: 'fleet', points }] };
}

describe('CapiFleetContent times', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("titles the compliance trend from the data's own span, in UTC", async () => {
    const api = fakeCapiApi({
      getFleetCompliance: jest.fn(async () => minutesOfHistory()),
    });
    await renderFleet('/capi', api);
    expect(
      await screen.findByRole('heading', {
        name: 'Since 2026-12-01 12:40 UTC (45 min), whole fleet',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Last 14 days/)).toBeNull();
  });

  it('titles a daily history by its days', async () => {
    await renderFleet();
    // The fixtures: 14 daily points, 13 days from the first to the last.
    expect(
      await screen.findByRole('heading', {
        name: /^Since \d{4}-\d\d-\d\d UTC \(13 d\), whole fleet$/,
      }),
    ).toBeInTheDocument();
  });

  /** Opens the start-campaign form; its fields. */
  async function openForm(backend = fakeCampaignBackend([])) {
    await renderFleet('/capi', fakeCapiApi(), new FakeSignalApi(), backend);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Start a campaign' }),
    );
    const form = within(
      screen.getByRole('form', { name: 'Start a patch campaign' }),
    );
    const released = form.getByRole('textbox', {
      name: 'Released at (UTC)',
    }) as HTMLInputElement;
    return { form, released };
  }

  it('reads "Released at" in UTC, as every other time on the page, whatever the browser\'s zone', async () => {
    process.env.TZ = 'America/New_York';
    const backend = fakeCampaignBackend([]);
    const { form, released } = await openForm(backend);
    // Pre-filled with the UTC clock, not New York's.
    expect(released.value).toBe(
      new Date().toISOString().slice(0, 16).replace('T', ' '),
    );
    fireEvent.change(released, { target: { value: '2026-11-30 08:00' } });
    await userEvent.type(
      form.getByRole('textbox', { name: /Campaign name/ }),
      'OpenSSL 3.0.16',
    );
    await userEvent.click(form.getByRole('button', { name: 'Start campaign' }));
    const section = await screen.findByRole('region', {
      name: 'Patch campaign OpenSSL 3.0.16',
    });
    expect(backend.requests.find(r => r.method === 'POST')?.body).toMatchObject(
      { startedAt: '2026-11-30T08:00:00.000Z' },
    );
    expect(section).toHaveTextContent('Started 2026-11-30 08:00 UTC');
  }, 30_000);

  it("shows and takes the time on the 24-hour UTC clock, not in the browser's locale", async () => {
    const { form, released } = await openForm();
    // Text, not datetime-local: Chromium shows that in the locale's 12-hour form.
    expect(released.type).toBe('text');
    expect(released.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(form.getByText('UTC')).toBeInTheDocument();
    expect(released).toHaveAccessibleDescription(
      '24-hour clock: YYYY-MM-DD HH:MM',
    );
    fireEvent.change(released, { target: { value: '2026-11-30 17:45' } });
    expect(released).toHaveValue('2026-11-30 17:45');
    expect(released).toHaveAttribute('aria-invalid', 'false');
  }, 30_000);

  it.each([
    ['a 12-hour time', '2026-11-30 5:45 PM', /^Write it as YYYY-MM-DD HH:MM/],
    ['a day that does not exist', '2026-02-30 10:00', /^Write it as/],
    ['an hour that does not exist', '2026-11-30 24:00', /^Write it as/],
    [
      'a year long before any release',
      '1970-01-01 00:00',
      /^A time between 2000 and 30 days from now$/,
    ],
    [
      'a time far in the future',
      '2099-01-01 00:00',
      /^A time between 2000 and 30 days from now$/,
    ],
  ])(
    'refuses %s with one clear message',
    async (_what, value, message) => {
      const { form, released } = await openForm();
      await userEvent.type(
        form.getByRole('textbox', { name: /Campaign name/ }),
        'OpenSSL 3.0.16',
      );
      fireEvent.change(released, { target: { value } });
      expect(released).toHaveAttribute('aria-invalid', 'true');
      expect(released).toHaveAccessibleDescription(message);
      expect(
        form.getByRole('button', { name: 'Start campaign' }),
      ).toBeDisabled();
    },
    30_000,
  );
});
