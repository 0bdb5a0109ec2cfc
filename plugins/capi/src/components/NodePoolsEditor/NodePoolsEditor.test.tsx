import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { ApiHolder } from '@backstage/core-plugin-api';
import { validateNodePools } from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';
import {
  NodePoolsEditor,
  limitsOf,
  validateNodePoolsField,
  type NodePoolFormValue,
  type NodePoolsEditorOptions,
} from './NodePoolsEditor';
import { availableCluster, profiles } from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';

function Harness(props: {
  initial: NodePoolFormValue[];
  options: NodePoolsEditorOptions;
  formContextData: Record<string, unknown>;
  onValue?: (v: NodePoolFormValue[]) => void;
}) {
  const [value, setValue] = useState<NodePoolFormValue[] | undefined>(
    props.initial,
  );
  return (
    <NodePoolsEditor
      {...fieldProps<NodePoolFormValue[], NodePoolsEditorOptions>({
        formData: value,
        onChange: (v: NodePoolFormValue[] | undefined) => {
          setValue(v);
          props.onValue?.(v ?? []);
        },
        uiOptions: props.options,
        formContextData: props.formContextData,
      })}
    />
  );
}

async function renderEditor(
  initial: NodePoolFormValue[],
  onValue?: (v: NodePoolFormValue[]) => void,
) {
  const api = fakeCapiApi();
  await renderInTestApp(
    <TestApiProvider apis={[[capiApiRef, api]]}>
      <Harness
        initial={initial}
        options={{ profileField: 'profile' }}
        formContextData={{ profile: 'onprem-fra-prod' }}
        onValue={onValue}
      />
    </TestApiProvider>,
  );
  return api;
}

const prodProfile = profiles[0];

describe('NodePoolsEditor', () => {
  it("offers the profile's machine sizes", async () => {
    await renderEditor([{ name: 'workers', size: 'large', replicas: 3 }]);
    const row = await screen.findByRole('group', { name: 'Node pool 1' });
    await userEvent.click(within(row).getByRole('button', { name: /Size/ }));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Small — 2 vCPU, 8 GiB',
      'Medium — 4 vCPU, 16 GiB',
      'Large — 8 vCPU, 32 GiB',
      'X-Large — 16 vCPU, 64 GiB',
    ]);
  });

  it('names the chosen size in the closed field, without its description', async () => {
    await renderEditor([{ name: 'workers', size: 'large', replicas: 3 }]);
    const row = await screen.findByRole('group', { name: 'Node pool 1' });
    const size = within(row).getByRole('button', { name: /Size/ });
    expect(size).toHaveTextContent(/^Large$/);
  });

  it('fills the empty first row a new form starts with, instead of showing problems', async () => {
    const values: NodePoolFormValue[][] = [];
    // RJSF fills `minItems: 1` with an empty object.
    await renderEditor([{} as NodePoolFormValue], v => values.push(v));
    const row = await screen.findByRole('group', { name: 'Node pool 1' });
    await waitFor(() =>
      expect(within(row).getByRole('textbox', { name: 'Name' })).toHaveValue(
        'pool-1',
      ),
    );
    expect(within(row).getByRole('button', { name: /Size/ })).toHaveTextContent(
      'Small',
    );
    // The label moves out of the way of the filled-in name.
    expect(
      within(row).getByText('Name', { selector: 'label' }),
    ).toHaveAttribute('data-shrink', 'true');
    expect(
      within(row).getByRole('spinbutton', { name: 'Replicas' }),
    ).toHaveValue(2);
    expect(document.querySelector('[aria-invalid="true"]')).toBeNull();
    expect(values.at(-1)).toEqual([
      { name: 'pool-1', size: prodProfile.machineSizes[0].name, replicas: 2 },
    ]);
  });

  it('shows the problems the backend would, as the user types, each once on its row as a sentence', async () => {
    const pools = [
      { name: 'workers', size: 'large', replicas: 3 },
      { name: 'Workers_2', size: 'large', replicas: 30 },
    ];
    await renderEditor(pools);
    // The same rules as the backend: as many problems, all on the second row.
    const expected = validateNodePools(pools, limitsOf(prodProfile));
    expect(expected).toHaveLength(2);
    const second = await screen.findByRole('group', { name: 'Node pool 2' });
    const name = within(second).getByRole('textbox', { name: 'Name' });
    await waitFor(() =>
      expect(name).toHaveAccessibleDescription(
        /^Node pool name "Workers_2" must consist of lower case letters, .*\.$/,
      ),
    );
    expect(
      within(second).getByRole('spinbutton', { name: 'Replicas' }),
    ).toHaveAccessibleDescription(
      "Replicas 30 exceeds the profile's limit of 20.",
    );
    expect(
      screen.getAllByText("Replicas 30 exceeds the profile's limit of 20."),
    ).toHaveLength(1);
    // Lower case "node pool "…": " lists are gone: nothing repeats them.
    expect(screen.queryByText(/^node pool "/)).not.toBeInTheDocument();
    // Fix the name: that problem disappears.
    await userEvent.clear(name);
    await userEvent.type(name, 'batch');
    await waitFor(() =>
      expect(
        screen.queryByText(/must consist of lower case letters/),
      ).not.toBeInTheDocument(),
    );
    expect(name).toHaveAttribute('aria-invalid', 'false');
  });

  it('checks autoscaling bounds against replicas', async () => {
    await renderEditor([
      {
        name: 'workers',
        size: 'large',
        replicas: 9,
        autoscaling: { min: 2, max: 5 },
      },
    ]);
    expect(
      await screen.findByText(
        'Replicas 9 must lie between autoscaling min 2 and max 5.',
      ),
    ).toBeInTheDocument();
  });

  it('adds and removes rows', async () => {
    const values: NodePoolFormValue[][] = [];
    await renderEditor([{ name: 'workers', size: 'large', replicas: 3 }], v =>
      values.push(v),
    );
    await screen.findByRole('group', { name: 'Node pool 1' });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Add node pool' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add node pool' }),
    );
    expect(values[values.length - 1]).toEqual([
      { name: 'workers', size: 'large', replicas: 3 },
      { name: 'pool-2', size: 'small', replicas: 2 },
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove node pool workers' }),
    );
    expect(values[values.length - 1]).toEqual([
      { name: 'pool-2', size: 'small', replicas: 2 },
    ]);
    expect(
      screen.queryByRole('group', { name: 'Node pool 2' }),
    ).not.toBeInTheDocument();
  });

  it('parses labels and flags entries without a value', async () => {
    const values: NodePoolFormValue[][] = [];
    await renderEditor([{ name: 'workers', size: 'large', replicas: 3 }], v =>
      values.push(v),
    );
    const labels = await screen.findByRole('textbox', { name: 'Labels' });
    await userEvent.type(labels, 'tier=batch, gpu');
    expect(values[values.length - 1][0].labels).toEqual({ tier: 'batch' });
    expect(
      screen.getByText('Label "gpu" must be written key=value.'),
    ).toBeInTheDocument();
  });
});

describe('validateNodePoolsField', () => {
  const apiHolder = (api = fakeCapiApi()): ApiHolder => ({
    get: (ref: any) => (ref.id === capiApiRef.id ? api : undefined) as any,
  });

  it("reports the backend's problems to the scaffolder for the profile in another field", async () => {
    const addError = jest.fn();
    await validateNodePoolsField(
      [{ name: 'workers', size: 'huge', replicas: 3 }],
      { addError } as any,
      {
        apiHolder: apiHolder(),
        formData: { profile: 'onprem-fra-prod' },
        schema: {},
        uiSchema: { 'ui:options': { profileField: 'profile' } },
      },
    );
    expect(addError).toHaveBeenCalledWith(
      'Node pool 1: Unknown size "huge"; choose one of Small, Medium, Large or X-Large.',
    );
  });

  it('uses the profile of the chosen cluster in day-2 templates', async () => {
    const api = fakeCapiApi();
    const addError = jest.fn();
    await validateNodePoolsField(
      [{ name: 'workers', size: 'large', replicas: 3 }],
      { addError } as any,
      {
        apiHolder: apiHolder(api),
        formData: { cluster: availableCluster.id },
        schema: {},
        uiSchema: { 'ui:options': { clusterField: 'cluster' } },
      },
    );
    expect(api.getCluster).toHaveBeenCalledWith({
      managementCluster: 'onprem-fra',
      namespace: 'team-payments',
      name: 'payments-prod',
    });
    expect(addError).not.toHaveBeenCalled();
  });
});
