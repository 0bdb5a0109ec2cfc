import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { ApiHolder } from '@backstage/core-plugin-api';
import { capiApiRef } from '../../api';
import {
  NodePoolsEditor,
  validateNodePoolsField,
  type NodePoolFormValue,
  type NodePoolsEditorOptions,
} from './NodePoolsEditor';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';

function Harness(props: {
  initial: NodePoolFormValue[];
  rawErrors?: string[];
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
        uiOptions: { profileField: 'profile' },
        formContextData: { profile: 'onprem-fra-prod' },
      })}
      rawErrors={props.rawErrors ?? []}
    />
  );
}

async function renderEditor(
  initial: NodePoolFormValue[],
  options: {
    rawErrors?: string[];
    onValue?: (v: NodePoolFormValue[]) => void;
  } = {},
) {
  await renderInTestApp(
    <TestApiProvider apis={[[capiApiRef, fakeCapiApi()]]}>
      <Harness initial={initial} {...options} />
    </TestApiProvider>,
  );
}

describe('NodePoolsEditor marks the bad input', () => {
  it('marks the name of a duplicate pool and the bounds when min > max', async () => {
    await renderEditor([
      { name: 'workers', size: 'large', replicas: 3 },
      { name: 'workers', size: 'large', autoscaling: { min: 5, max: 2 } },
    ]);
    const second = await screen.findByRole('group', { name: 'Node pool 2' });
    await waitFor(() =>
      expect(
        within(second).getByRole('spinbutton', { name: 'Min' }),
      ).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(
      within(second).getByRole('spinbutton', { name: 'Max' }),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(second).getByRole('textbox', { name: 'Name' }),
    ).toHaveAttribute('aria-invalid', 'true');
    const first = screen.getByRole('group', { name: 'Node pool 1' });
    expect(
      within(first).getByRole('spinbutton', { name: 'Replicas' }),
    ).toHaveAttribute('aria-invalid', 'false');
  });

  it('marks 500 replicas and lists each problem once, without empty bullets', async () => {
    await renderEditor([{ name: 'workers', size: 'large', replicas: 500 }], {
      // What the form passes back after validation: the validator's
      // sentence and an empty message.
      rawErrors: [
        '',
        'node pool "workers": replicas 500 exceeds the profile\'s limit of 20',
      ],
    });
    const row = await screen.findByRole('group', { name: 'Node pool 1' });
    await waitFor(() =>
      expect(
        within(row).getByRole('spinbutton', { name: 'Replicas' }),
      ).toHaveAttribute('aria-invalid', 'true'),
    );
    const list = screen.getByRole('list', { name: 'Node pool problems' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent(/replicas 500 exceeds/);
  });

  it('makes replicas read-only while autoscaling is on, and hands the count to the bounds', async () => {
    const values: NodePoolFormValue[][] = [];
    await renderEditor([{ name: 'workers', size: 'large', replicas: 3 }], {
      onValue: v => values.push(v),
    });
    const row = await screen.findByRole('group', { name: 'Node pool 1' });
    const replicas = within(row).getByRole('spinbutton', { name: 'Replicas' });
    expect(replicas).toBeEnabled();
    await userEvent.click(
      within(row).getByRole('checkbox', { name: 'Autoscaling' }),
    );
    expect(replicas).toBeDisabled();
    expect(values[values.length - 1][0]).toEqual({
      name: 'workers',
      size: 'large',
      replicas: undefined,
      autoscaling: { min: 3, max: 3 },
    });
    await userEvent.click(
      within(row).getByRole('checkbox', { name: 'Autoscaling' }),
    );
    expect(replicas).toBeEnabled();
    expect(values[values.length - 1][0]).toMatchObject({ replicas: 3 });
  });
});

describe('validateNodePoolsField', () => {
  const apiHolder: ApiHolder = {
    get: (ref: any) =>
      (ref.id === capiApiRef.id ? fakeCapiApi() : undefined) as any,
  };

  it('gives the form one sentence for several problems, the editor lists them', async () => {
    const addError = jest.fn();
    await validateNodePoolsField(
      [
        { name: 'workers', size: 'huge', replicas: 500 },
        { name: 'workers', size: 'large', replicas: 1 },
      ],
      { addError } as any,
      {
        apiHolder,
        formData: { profile: 'onprem-fra-prod' },
        schema: {},
        uiSchema: { 'ui:options': { profileField: 'profile' } },
      },
    );
    expect(addError).toHaveBeenCalledTimes(1);
    expect(addError.mock.calls[0][0]).toMatch(
      /^\d+ node pool problems; each is listed under the node pools and its input is marked$/,
    );
  });
});
