import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { availableCluster } from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { renderTemplateForm } from '../../__testUtils__/renderTemplateForm';
import { forgetCurrentPool } from '../ChangeCountField/currentPool';
import { forgetDay2Check } from '../ChangePreview/day2Check';
import { capiApiRef } from '../../api';
import { validateNodePool } from './validateNodePool';

// payments-prod: "workers" (large) autoscaled 3 to 8 with 4 machines, "gpu" (xlarge) 1 machine.
const cluster = availableCluster.id;

function openScale(formData: Record<string, string>, capiApi = fakeCapiApi()) {
  return renderTemplateForm({
    file: 'scale-node-pool.yaml',
    formData,
    capiApi,
  });
}

const poolField = () => screen.getByRole('button', { name: /^Node pool/ });

describe('Scale: the node pool is picked from the cluster’s pools', () => {
  beforeEach(() => {
    forgetDay2Check();
    forgetCurrentPool();
  });

  it('waits for the cluster before it offers pools', async () => {
    await openScale({});
    expect(
      await screen.findByText('Choose a cluster first to see its node pools.'),
    ).toBeInTheDocument();
    expect(poolField()).toHaveAttribute('aria-disabled', 'true');
  });

  it('offers each pool of the cluster with its size and machines, and the form starts from the one picked', async () => {
    await openScale({ cluster });
    await waitFor(() =>
      expect(poolField()).not.toHaveAttribute('aria-disabled'),
    );
    await userEvent.click(poolField());
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'workerslarge (not a profile size) · autoscaled, 3 to 8 machines (4 now)',
      'gpuxlarge (not a profile size) · 1 machine',
    ]);
    await userEvent.click(options[1]);
    expect(poolField()).toHaveTextContent(/^gpu$/);
    expect(poolField()).toHaveAccessibleDescription(
      'xlarge (not a profile size) · 1 machine',
    );
    const machines = await screen.findByLabelText(/^Machines/);
    await waitFor(() => expect(machines).toHaveValue(1));
  });

  it('starts with the pool a deep link names (the card’s Scale button)', async () => {
    await openScale({ cluster, pool: 'workers' });
    expect(poolField()).toHaveTextContent(/^workers$/);
    await waitFor(() =>
      expect(poolField()).toHaveAccessibleDescription(
        'large (not a profile size) · autoscaled, 3 to 8 machines (4 now)',
      ),
    );
    await waitFor(() =>
      expect(screen.getByLabelText(/^Minimum/)).toHaveValue(3),
    );
  });

  it('refuses a pool the cluster does not have, once, on the field, before Review', async () => {
    await openScale({ cluster, pool: 'nope' });
    const message =
      'Cluster payments-prod has no node pool "nope". Its node pools: workers, gpu.';
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(poolField()).toHaveAccessibleDescription(message);
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Review' })).toBeEnabled(),
    );
    expect(screen.getAllByText(message)).toHaveLength(1);
    expect(
      screen.queryByRole('button', { name: 'Scale node pool' }),
    ).not.toBeInTheDocument();

    // Picking one of its pools clears it.
    await userEvent.click(poolField());
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('workers'),
    );
    await waitFor(() =>
      expect(screen.queryByText(message)).not.toBeInTheDocument(),
    );
  });

  it('says so when the cluster has no node pools', async () => {
    const api = fakeCapiApi();
    const getCluster = api.getCluster.getMockImplementation()!;
    api.getCluster.mockImplementation(async (ref, page) => ({
      ...(await getCluster(ref, page)),
      nodePools: [],
    }));
    await openScale({ cluster }, api);
    expect(
      await screen.findByText(
        'Cluster payments-prod has no node pools to scale.',
      ),
    ).toBeInTheDocument();
    expect(poolField()).toHaveAttribute('aria-disabled', 'true');
  });

  it('says so when the pools cannot be loaded, and keeps a deep link’s pool', async () => {
    const api = fakeCapiApi({
      getCluster: jest.fn(async () => {
        throw new Error('capi backend down');
      }),
    });
    await openScale({ cluster, pool: 'gpu' }, api);
    expect(
      await screen.findByText(
        'Could not load the node pools: capi backend down. The pool is checked again when the change runs.',
      ),
    ).toBeInTheDocument();
    expect(poolField()).toHaveTextContent(/^gpu$/);
  });
});

describe('validateNodePool (Next/Review)', () => {
  beforeEach(() => forgetCurrentPool());

  async function problemsOf(value: string) {
    const api = fakeCapiApi();
    const messages: string[] = [];
    await validateNodePool(
      value,
      { addError: (m: string) => messages.push(m) } as never,
      {
        apiHolder: {
          get: (ref: { id: string }) =>
            ref.id === capiApiRef.id ? api : undefined,
        },
        formData: { cluster, pool: value },
        schema: {},
        uiSchema: { 'ui:options': {} },
      } as never,
    );
    return messages;
  }

  it('refuses a pool the cluster does not have and lets its pools through', async () => {
    expect(await problemsOf('nope')).toEqual([
      'Cluster payments-prod has no node pool "nope". Its node pools: workers, gpu.',
    ]);
    expect(await problemsOf('gpu')).toEqual([]);
  });
});
