import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { CAPI_SIGNAL_CHANNELS } from '@capstan/plugin-capi-common';
import { LIVE_LOAD_RETRY_MS } from '../../hooks/useLiveLoad';
import { renderEntityClustersWith } from '../../__testUtils__/renderEntityClusters';
import {
  availableCluster,
  entityClustersResponse,
} from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';

const ENTITY_REF = 'component:default/payments-api';
const PAYMENTS_PROD = 'Cluster payments-prod';
const BACKEND_DOWN =
  "Could not load the clusters. Capstan's backend could not be reached. Trying again in 5 s.";

async function errorAnswer(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}

const failsOnceThenAnswers = () =>
  jest
    .fn()
    .mockRejectedValueOnce(new TypeError('Failed to fetch'))
    .mockResolvedValue(entityClustersResponse(ENTITY_REF, [availableCluster]));

async function waitMs(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

describe.each(['card', 'tab'] as const)(
  'the %s when loading the clusters fails',
  view => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('says why in a sentence with a Retry button, and shows the clusters once Retry works', async () => {
      const getEntityClusters = failsOnceThenAnswers();
      await renderEntityClustersWith(view, fakeCapiApi({ getEntityClusters }));
      expect(await screen.findByRole('alert')).toHaveTextContent(BACKEND_DOWN);
      expect(screen.queryByText(/Failed to fetch/)).toBeNull();

      await act(async () => {
        await userEvent.click(screen.getByRole('button', { name: 'Retry' }), {
          advanceTimers: jest.advanceTimersByTime,
        });
      });
      expect(
        await screen.findByRole('region', { name: PAYMENTS_PROD }),
      ).toBeInTheDocument();
      expect(screen.queryByText(/Could not load/)).toBeNull();
      expect(getEntityClusters).toHaveBeenCalledTimes(2);
    });

    it('tries again by itself after 5 s', async () => {
      const getEntityClusters = failsOnceThenAnswers();
      await renderEntityClustersWith(view, fakeCapiApi({ getEntityClusters }));
      await screen.findByText(BACKEND_DOWN);
      await waitMs(LIVE_LOAD_RETRY_MS);
      expect(
        await screen.findByRole('region', { name: PAYMENTS_PROD }),
      ).toBeInTheDocument();
      expect(getEntityClusters).toHaveBeenCalledTimes(2);
    });

    it("quotes the backend's own words", async () => {
      const error = await errorAnswer(
        503,
        'management cluster cache not ready',
      );
      await renderEntityClustersWith(
        view,
        fakeCapiApi({ getEntityClusters: jest.fn().mockRejectedValue(error) }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        "Could not load the clusters. Capstan's backend is not available right now (503). It said: management cluster cache not ready.",
      );
    });

    it('does not keep asking, nor offer Retry, after a 4xx answer', async () => {
      const getEntityClusters = jest
        .fn()
        .mockRejectedValue(await errorAnswer(403, 'not allowed'));
      await renderEntityClustersWith(view, fakeCapiApi({ getEntityClusters }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Could not load the clusters. You do not have permission to see this. The backend said: not allowed.',
      );
      expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
      await waitMs(10 * LIVE_LOAD_RETRY_MS);
      expect(getEntityClusters).toHaveBeenCalledTimes(1);
    });

    it('keeps the last clusters on screen, marked not current, when a later refresh fails', async () => {
      const getEntityClusters = jest
        .fn()
        .mockResolvedValue(
          entityClustersResponse(ENTITY_REF, [availableCluster]),
        );
      const signals = await renderEntityClustersWith(
        view,
        fakeCapiApi({ getEntityClusters }),
      );
      await screen.findByRole('region', { name: PAYMENTS_PROD });

      getEntityClusters.mockRejectedValueOnce(new TypeError('Failed to fetch'));
      act(() =>
        signals.publish(CAPI_SIGNAL_CHANNELS.entity(ENTITY_REF), {
          type: 'clusters-changed',
          clusterIds: [availableCluster.id],
        }),
      );
      expect(
        await screen.findByText(
          // The time of the last load on the 24-hour UTC clock, as every time.
          /^Not current: showing the clusters as of \d\d:\d\d:\d\d UTC\. Capstan's backend could not be reached\. Trying again in 5 s\.$/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('region', { name: PAYMENTS_PROD }),
      ).toBeInTheDocument();

      await waitMs(LIVE_LOAD_RETRY_MS);
      await waitFor(() => expect(screen.queryByText(/Not current/)).toBeNull());
      expect(screen.getByRole('region', { name: PAYMENTS_PROD })).toBeVisible();
    });
  },
);

describe('the machines of a cluster on the tab', () => {
  it('say why they could not be loaded, with Retry, and show once Retry works', async () => {
    const api = fakeCapiApi({
      getEntityClusters: jest.fn(async () =>
        entityClustersResponse(ENTITY_REF, [availableCluster]),
      ),
    });
    api.getCluster.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await renderEntityClustersWith('tab', api);
    const notice = await screen.findByText(
      /^Could not load the machines of payments-prod\. Capstan's backend could not be reached\./,
    );
    await userEvent.click(
      within(notice.closest('[role="alert"]') as HTMLElement).getByRole(
        'button',
        { name: 'Retry' },
      ),
    );
    expect(
      await screen.findByRole('table', { name: 'Machines of payments-prod' }),
    ).toBeInTheDocument();
    expect(api.getCluster).toHaveBeenCalledTimes(2);
  });
});
