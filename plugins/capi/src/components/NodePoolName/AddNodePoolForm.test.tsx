import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Day2FieldProblem } from '@capstan/plugin-capi-common';
import { availableCluster } from '../../__fixtures__/fleet';
import { profiles } from '../../__fixtures__/fixtureProfiles';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { renderTemplateForm } from '../../__testUtils__/renderTemplateForm';
import { forgetDay2Check } from '../ChangePreview/day2Check';

const cluster = availableCluster.id;
const IMPACT =
  'Creates 2 machines: node pool gpu (new pool of Medium (4 vCPU, 16 GiB) machines, 2 replicas). No machine is replaced.';

interface PoolForm {
  name: string;
  size: string;
  replicas?: number;
  autoscaling?: { min?: number; max?: number };
}

/**
 * The day-2 check as the scaffolder module answers the add-pool form
 * (validateDay2Form): each problem on its input (without the pool's name,
 * which the form shows above), or the impact.
 */
function addPoolBackend() {
  const fetch = jest.fn(async (_url: string, init?: { body?: string }) => {
    const { pool } = JSON.parse(init?.body ?? '{}') as { pool: PoolForm };
    const problems: Day2FieldProblem[] = [];
    if (pool.name === 'workers') {
      problems.push({
        field: 'pool',
        message: 'cluster "payments-prod" already has a node pool "workers"',
      });
    }
    const { min, max } = pool.autoscaling ?? {};
    if (min !== undefined && max !== undefined && min > max) {
      problems.push({
        field: 'autoscaling.min',
        message: `autoscaling min ${min} is greater than max ${max}`,
      });
    }
    if ((pool.replicas ?? 0) > 20) {
      problems.push({
        field: 'replicas',
        message: `replicas ${pool.replicas} exceeds the profile's limit of 20`,
      });
    }
    const body =
      problems.length > 0 ? { problems } : { problems, summary: IMPACT };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch };
}

async function openAddPool(pool: Partial<PoolForm>, capiApi = fakeCapiApi()) {
  const backend = addPoolBackend();
  await renderTemplateForm({
    file: 'add-node-pool.yaml',
    formData: { cluster, pool },
    capiApi,
    fetchApi: backend,
  });
  return backend;
}

const impactBox = () =>
  screen.getByRole('status', { name: 'Impact before anything is written' });

describe('Add a node pool says what is wrong on its field, and the impact, before Review', () => {
  beforeEach(() => forgetDay2Check());

  it('says on the name that the cluster already has a pool of that name, and stops Review there', async () => {
    await openAddPool({ size: 'medium', replicas: 2 });
    await userEvent.type(await screen.findByLabelText(/^Pool name/), 'workers');
    await waitFor(
      () =>
        expect(screen.getByLabelText(/^Pool name/)).toHaveAccessibleDescription(
          'Cluster "payments-prod" already has a node pool "workers".',
        ),
      { timeout: 3000 },
    );
    expect(impactBox()).toHaveTextContent(
      'The impact follows once the node pool is fixed.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(
      screen.queryByRole('button', { name: 'Add node pool' }),
    ).not.toBeInTheDocument();
  });

  it('says on the minimum that it is above the maximum', async () => {
    await openAddPool({
      name: 'gpu',
      size: 'medium',
      autoscaling: { min: 5, max: 2 },
    });
    await waitFor(
      () =>
        expect(screen.getByLabelText(/^Minimum/)).toHaveAccessibleDescription(
          'Autoscaling min 5 is greater than max 2.',
        ),
      { timeout: 3000 },
    );
    expect(screen.getByLabelText(/^Maximum/)).not.toHaveAccessibleDescription(
      /greater than/,
    );
  });

  it('says on Machines that it is more than the profile allows', async () => {
    await openAddPool({ name: 'gpu', size: 'medium', replicas: 50 });
    await waitFor(
      () =>
        expect(screen.getByLabelText(/^Machines/)).toHaveAccessibleDescription(
          "Replicas 50 exceeds the profile's limit of 20.",
        ),
      { timeout: 3000 },
    );
  });

  it('shows the impact on the form and on Review, whose button says what it does', async () => {
    const backend = await openAddPool({
      name: 'gpu',
      size: 'medium',
      replicas: 2,
    });
    await waitFor(() => expect(impactBox()).toHaveTextContent(IMPACT), {
      timeout: 3000,
    });
    // The form's own fields, as the template's step passes them on.
    const [, init] = backend.fetch.mock.calls[0];
    expect(JSON.parse(init?.body ?? '{}')).toEqual({
      change: 'capi-add-node-pool',
      cluster,
      pool: { name: 'gpu', size: 'medium', replicas: 2 },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findByRole('button', { name: 'Add node pool' }),
    ).toBeInTheDocument();
    expect(screen.getByText(IMPACT)).toBeInTheDocument();
  });

  it("does not offer autoscaling where the cluster's profile runs no autoscaler, and says why", async () => {
    const api = fakeCapiApi({
      getProfiles: jest.fn(async () => ({
        items: profiles.map(p => ({ ...p, autoscaler: false })),
      })),
    });
    await openAddPool({ name: 'gpu', size: 'medium' }, api);
    await waitFor(() =>
      expect(screen.getByLabelText(/^Minimum/)).toBeDisabled(),
    );
    expect(screen.getByLabelText(/^Maximum/)).toBeDisabled();
    expect(screen.getByLabelText(/^Minimum/)).toHaveAccessibleDescription(
      /^Not offered: profile .+ runs no cluster autoscaler, so the pool keeps the number of machines you set\.$/,
    );
    expect(screen.getByLabelText(/^Machines/)).toBeEnabled();
  });
});
