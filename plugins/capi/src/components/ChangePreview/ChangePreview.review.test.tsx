import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { availableCluster } from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { renderTemplateForm } from '../../__testUtils__/renderTemplateForm';
import { forgetCurrentPool } from '../ChangeCountField/currentPool';
import { forgetDay2Check } from './day2Check';

const answerOf = (summary: string) =>
  new Response(JSON.stringify({ problems: [], summary }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

/**
 * A day-2 check that answers only when the test says so, except for the
 * pool's current count (1 machine), which it answers at once.
 */
function slowDay2Backend() {
  let answer: () => void = () => {};
  const fetch = jest.fn(async (_url: string, init?: { body?: string }) => {
    if (JSON.parse(init?.body ?? '{}').replicas === 1) {
      return answerOf('Nothing changes.');
    }
    return new Promise<Response>(resolve => {
      answer = () => resolve(answerOf('Adds 2 machines to node pool gpu.'));
    });
  });
  return { fetch, answer: () => answer() };
}

/**
 * Scale opened on gpu (1 machine) with a slow check: once the impact of the
 * pool as it is shows, the user asks for 3 machines.
 */
async function scaleGpuToThree() {
  const backend = slowDay2Backend();
  await renderTemplateForm({
    file: 'scale-node-pool.yaml',
    formData: { cluster: availableCluster.id, pool: 'gpu' },
    capiApi: fakeCapiApi(),
    fetchApi: backend,
  });
  const machines = await screen.findByLabelText(/^Machines/);
  await waitFor(() => expect(machines).toHaveValue(1));
  expect(
    await screen.findByText('Nothing changes.', {}, { timeout: 3000 }),
  ).toBeInTheDocument();
  await userEvent.clear(machines);
  await userEvent.type(machines, '3');
  return backend;
}

describe('Review while the impact is still being worked out', () => {
  beforeEach(() => {
    forgetDay2Check();
    forgetCurrentPool();
  });

  it('says on the page that Review waits for the impact, and why, then opens Review with it', async () => {
    const backend = await scaleGpuToThree();
    await waitFor(() =>
      expect(screen.getByText('Working out the impact…')).toBeInTheDocument(),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    const impact = screen.getByRole('status', {
      name: 'Impact before anything is written',
    });
    await waitFor(() =>
      expect(impact).toHaveTextContent(
        'Review opens as soon as the impact is worked out, so that you see what this change does before anything is written.',
      ),
    );
    expect(
      screen.queryByRole('button', { name: 'Scale node pool' }),
    ).toBeNull();

    backend.answer();
    expect(
      await screen.findByRole('button', { name: 'Scale node pool' }),
    ).toBeInTheDocument();
    // Review lists the impact of 3 machines, not the one before the edit.
    expect(
      screen.getByText('Adds 2 machines to node pool gpu.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Nothing changes.')).toBeNull();
    expect(screen.queryByText(/being worked out/)).toBeNull();
  });

  it('keeps saying so when Review is pressed right after an edit, before the check is even asked', async () => {
    const backend = await scaleGpuToThree();
    // Within the check's debounce (400 ms): nothing asked yet.
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    const waits = /Review opens as soon as the impact is worked out/;
    expect(await screen.findByText(waits)).toBeInTheDocument();
    // Not the impact of the machines before the edit.
    expect(screen.queryByText('Nothing changes.')).toBeNull();
    expect(screen.getByText('Working out the impact…')).toBeInTheDocument();
    // The form asks again once the debounce is over (the same request, so
    // the same answer); the message stays while the answer is not in.
    await new Promise(resolve => setTimeout(resolve, 1000));
    expect(screen.getByText(waits)).toBeInTheDocument();

    backend.answer();
    expect(
      await screen.findByRole('button', { name: 'Scale node pool' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Adds 2 machines to node pool gpu.'),
    ).toBeInTheDocument();
  });

  it('says nothing about waiting when the impact is known before Review', async () => {
    await renderTemplateForm({
      file: 'scale-node-pool.yaml',
      formData: { cluster: availableCluster.id, pool: 'gpu' },
      capiApi: fakeCapiApi(),
    });
    await waitFor(() =>
      expect(
        screen.getByText('No machine is replaced.', { exact: false }),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByText(/Review opens as soon as/)).toBeNull();
  });
});
