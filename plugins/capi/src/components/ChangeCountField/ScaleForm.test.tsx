import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { forgetDay2Check } from '../ChangePreview/day2Check';
import { availableCluster } from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { renderTemplateForm } from '../../__testUtils__/renderTemplateForm';
import { forgetCurrentPool } from './currentPool';

// payments-prod: "workers" autoscaled 3 to 8 (4 machines), "gpu" 1 machine.
const cluster = availableCluster.id;

async function openScale(pool: string) {
  await renderTemplateForm({
    file: 'scale-node-pool.yaml',
    formData: { cluster, pool },
    capiApi: fakeCapiApi(),
  });
}

/** The labels of the form's inputs, top to bottom. */
function inputOrder(): string[] {
  return Array.from(
    document.querySelectorAll<HTMLLabelElement>('form label'),
  ).map(l => l.textContent?.replace(/\s*\*$/, '').trim() ?? '');
}

describe('the Scale form starts from the pool as it runs now', () => {
  beforeEach(() => {
    forgetDay2Check();
    forgetCurrentPool();
  });

  it('opens an autoscaled pool as "Cluster autoscaler" with its bounds', async () => {
    await openScale('workers');
    const min = await screen.findByLabelText(/^Minimum/);
    await waitFor(() => expect(min).toHaveValue(3));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Maximum/)).toHaveValue(8),
    );
    expect(screen.getByRole('button', { name: /Scaling/ })).toHaveTextContent(
      'Cluster autoscaler',
    );
    expect(
      screen.getByText(
        'Now: the cluster autoscaler keeps 3 to 8 machines (4 now).',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Machines/)).not.toBeInTheDocument();
  });

  it('opens a fixed pool with its number of machines', async () => {
    await openScale('gpu');
    const machines = await screen.findByLabelText(/^Machines/);
    await waitFor(() => expect(machines).toHaveValue(1));
    expect(screen.getByRole('button', { name: /Scaling/ })).toHaveTextContent(
      'Fixed number of machines',
    );
    expect(
      screen.getByText('Now: a fixed number of 1 machine.'),
    ).toBeInTheDocument();
  });

  it('starts Machines at the current count when the user turns the autoscaler off, and keeps what the user types', async () => {
    await openScale('workers');
    await screen.findByLabelText(/^Minimum/);
    await userEvent.click(screen.getByRole('button', { name: /Scaling/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Fixed number of machines'),
    );
    const machines = await screen.findByLabelText(/^Machines/);
    await waitFor(() => expect(machines).toHaveValue(4));
    await userEvent.clear(machines);
    await userEvent.type(machines, '6');
    expect(machines).toHaveValue(6);
    expect(screen.getByRole('button', { name: /Scaling/ })).toHaveTextContent(
      'Fixed number of machines',
    );
  });

  it('asks whether to start beside another change after the scaling, before the impact', async () => {
    await openScale('gpu');
    await screen.findByLabelText(/^Machines/);
    const order = inputOrder();
    const at = (label: RegExp) => order.findIndex(l => label.test(l));
    expect(at(/^Start even if/)).toBeGreaterThan(at(/^Scaling/));
    expect(at(/^Start even if/)).toBeGreaterThan(at(/^Machines/));
    expect(at(/^Cluster/)).toBeLessThan(at(/^Node pool$/));
    expect(at(/^Node pool$/)).toBeLessThan(at(/^Scaling/));
  });
});
