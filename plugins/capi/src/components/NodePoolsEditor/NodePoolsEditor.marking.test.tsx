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
    // Which pool has the name too is said by its number: the names match.
    expect(
      within(second).getByRole('textbox', { name: 'Name' }),
    ).toHaveAccessibleDescription(
      'The name "workers" is taken by node pool 1; each pool needs its own name.',
    );
    // min > max: one sentence, describing both bounds.
    const sentence = 'Autoscaling min 5 is greater than max 2.';
    expect(screen.getAllByText(sentence)).toHaveLength(1);
    expect(
      within(second).getByRole('spinbutton', { name: 'Max' }),
    ).toHaveAccessibleDescription(sentence);
    const first = screen.getByRole('group', { name: 'Node pool 1' });
    expect(
      within(first).getByRole('spinbutton', { name: 'Replicas' }),
    ).toHaveAttribute('aria-invalid', 'false');
  });

  it('shows 500 replicas once, on Replicas, as a sentence, whatever the form passes back', async () => {
    await renderEditor([{ name: 'workers', size: 'large', replicas: 500 }], {
      // What the form passes back after validation: the validator's
      // sentence and an empty message.
      rawErrors: [
        '',
        "Node pool 1: Replicas 500 exceeds the profile's limit of 20.",
      ],
    });
    const row = await screen.findByRole('group', { name: 'Node pool 1' });
    const replicas = within(row).getByRole('spinbutton', { name: 'Replicas' });
    await waitFor(() =>
      expect(replicas).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(replicas).toHaveAccessibleDescription(
      "Replicas 500 exceeds the profile's limit of 20.",
    );
    expect(screen.getAllByText(/500 exceeds/)).toHaveLength(1);
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows a checked Autoscaling box in the primary colour, like the other controls', async () => {
    await renderEditor([
      { name: 'workers', size: 'large', autoscaling: { min: 1, max: 3 } },
    ]);
    const box = await screen.findByRole('checkbox', { name: 'Autoscaling' });
    expect(box).toBeChecked();
    const root = box.closest('.MuiCheckbox-root');
    expect(root).toHaveClass('MuiCheckbox-colorPrimary');
    expect(root).not.toHaveClass('MuiCheckbox-colorSecondary');
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

  it('gives the form each problem once, naming its pool by number, so the summary counts them', async () => {
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
    expect(addError.mock.calls.map(c => c[0])).toEqual([
      expect.stringMatching(/^Node pool 1: Unknown size "huge"; choose /),
      "Node pool 1: Replicas 500 exceeds the profile's limit of 20.",
      'Node pool 2: The name "workers" is taken by node pool 1; each pool needs its own name.',
    ]);
  });
});
