import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { CAPI_SIGNAL_CHANNELS } from '@capstan/plugin-capi-common';
import { fleetResponse } from '../../__fixtures__/fleet';
import { FakeSignalApi, fakeCapiApi } from '../../__fixtures__/testApis';
import { renderFleet } from '../../__testUtils__/renderFleet';
import { LIVE_LOAD_RETRY_MS } from '../../hooks/useLiveLoad';

const BACKEND_DOWN = /Capstan's backend could not be reached\./;

async function errorAnswer(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

async function waitSeconds(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

describe('CapiFleetContent while the backend is away', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows a sentence and a countdown, then the fleet once the backend answers, without a reload', async () => {
    const getFleet = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue(fleetResponse());
    await renderFleet('/capi', fakeCapiApi({ getFleet }));

    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent(
      "Could not load the fleet. Capstan's backend could not be reached. Trying again in 5 s.",
    );
    expect(screen.queryByText(/Failed to fetch/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled();

    await waitSeconds(LIVE_LOAD_RETRY_MS);
    expect(
      await screen.findByRole('table', { name: 'Management cluster health' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(BACKEND_DOWN)).toBeNull();
    expect(getFleet).toHaveBeenCalledTimes(2);
  });

  it('loads again at once when the user presses Retry', async () => {
    const getFleet = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue(fleetResponse());
    await renderFleet('/capi', fakeCapiApi({ getFleet }));
    const retry = await screen.findByRole('button', { name: 'Retry' });
    await act(async () => {
      await userEvent.click(retry, { advanceTimers: jest.advanceTimersByTime });
    });
    expect(
      await screen.findByRole('table', { name: 'Management cluster health' }),
    ).toBeInTheDocument();
    expect(getFleet).toHaveBeenCalledTimes(2);
  });

  it('keeps the last fleet on screen, marked not current, while a reload fails, and subscribes to live updates again once it is back', async () => {
    const signals = new FakeSignalApi();
    const subscribe = jest.spyOn(signals, 'subscribe');
    const getFleet = jest.fn().mockResolvedValue(fleetResponse());
    await renderFleet('/capi', fakeCapiApi({ getFleet }), signals);
    await screen.findByRole('table', { name: 'Management cluster health' });
    const fleetSubscriptions = () =>
      subscribe.mock.calls.filter(([c]) => c === CAPI_SIGNAL_CHANNELS.fleet)
        .length;
    const subscribedBefore = fleetSubscriptions();

    getFleet.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    act(() =>
      signals.publish(CAPI_SIGNAL_CHANNELS.fleet, {
        type: 'changed',
        clusterIds: [],
      }),
    );
    expect(
      await screen.findByText(
        /^Not current: showing the fleet as of .+\. Capstan's backend could not be reached\. Trying again in 5 s\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Management cluster health' }),
    ).toBeInTheDocument();

    await waitSeconds(LIVE_LOAD_RETRY_MS);
    await waitFor(() => expect(screen.queryByText(/Not current/)).toBeNull());
    expect(fleetSubscriptions()).toBeGreaterThan(subscribedBefore);
  });

  it('backs off: the second retry waits twice as long', async () => {
    const getFleet = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue(fleetResponse());
    await renderFleet('/capi', fakeCapiApi({ getFleet }));
    await screen.findByText(/Trying again in 5 s\./);
    await waitSeconds(LIVE_LOAD_RETRY_MS);
    expect(await screen.findByText(/Trying again in 10 s\./)).toBeVisible();
    expect(getFleet).toHaveBeenCalledTimes(2);
    await waitSeconds(2 * LIVE_LOAD_RETRY_MS);
    expect(
      await screen.findByRole('table', { name: 'Management cluster health' }),
    ).toBeInTheDocument();
    expect(getFleet).toHaveBeenCalledTimes(3);
  });

  it('does not ask again after a 403: the page says it is for the platform team', async () => {
    const forbidden = await errorAnswer(
      403,
      'NotAllowedError',
      'The fleet view is for the platform team: it requires the capi.fleet.read permission',
    );
    const getFleet = jest.fn().mockRejectedValue(forbidden);
    await renderFleet('/capi', fakeCapiApi({ getFleet }));
    expect(
      await screen.findByText('The fleet view is for the platform team'),
    ).toBeInTheDocument();
    await waitSeconds(5 * 60_000);
    expect(getFleet).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.queryByText(/Trying again/)).toBeNull();
  });

  it('reads a bad request as a sentence and does not ask again', async () => {
    const bad = await errorAnswer(
      400,
      'InputError',
      'limit must be at most 500',
    );
    const getFleet = jest.fn().mockRejectedValue(bad);
    await renderFleet('/capi', fakeCapiApi({ getFleet }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Could not load the fleet. Capstan's backend refused the request (400). It said: limit must be at most 500.",
    );
    await waitSeconds(5 * 60_000);
    expect(getFleet).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('retries the compliance history by itself while the fleet stays', async () => {
    const getFleetCompliance = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue({ series: [] });
    await renderFleet('/capi', fakeCapiApi({ getFleetCompliance }));
    expect(
      await screen.findByText(
        "Could not load the compliance history. Capstan's backend could not be reached. Trying again in 5 s.",
      ),
    ).toBeInTheDocument();
    await waitSeconds(LIVE_LOAD_RETRY_MS);
    await waitFor(() =>
      expect(
        screen.queryByText(/Could not load the compliance history/),
      ).toBeNull(),
    );
    expect(getFleetCompliance).toHaveBeenCalledTimes(2);
  });
});
