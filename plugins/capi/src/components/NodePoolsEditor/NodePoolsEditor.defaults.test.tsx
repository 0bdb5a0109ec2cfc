import { useState } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { capiApiRef } from '../../api';
import {
  NodePoolsEditor,
  type NodePoolFormValue,
  type NodePoolsEditorOptions,
} from './NodePoolsEditor';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';

/** The form's state, as the scaffolder keeps it: every value the field hands over. */
function Harness(props: { onValue: (v: NodePoolFormValue[]) => void }) {
  // RJSF fills `minItems: 1` with an empty object.
  const [value, setValue] = useState<NodePoolFormValue[] | undefined>([
    {} as NodePoolFormValue,
  ]);
  return (
    <NodePoolsEditor
      {...fieldProps<NodePoolFormValue[], NodePoolsEditorOptions>({
        formData: value,
        onChange: (v: NodePoolFormValue[] | undefined) => {
          setValue(v);
          props.onValue(v ?? []);
        },
        uiOptions: { profileField: 'profile' },
        formContextData: { profile: 'onprem-fra-prod' },
      })}
    />
  );
}

/** The editor with its profile held back until `release()`: the user types first. */
async function renderWithSlowProfile() {
  const api = fakeCapiApi();
  const getProfiles = api.getProfiles.getMockImplementation()!;
  let release: () => void = () => {};
  const gate = new Promise<void>(resolve => {
    release = resolve;
  });
  let served = false;
  api.getProfiles.mockImplementation(async () => {
    await gate;
    const answer = await getProfiles();
    served = true;
    return answer;
  });
  const values: NodePoolFormValue[][] = [];
  await renderInTestApp(
    <TestApiProvider apis={[[capiApiRef, api]]}>
      <Harness onValue={v => values.push(v)} />
    </TestApiProvider>,
  );
  const row = await screen.findByRole('group', { name: 'Node pool 1' });
  const name = within(row).getByRole('textbox', { name: 'Name' });
  return {
    name,
    values,
    release: async () => {
      await act(async () => release());
      await waitFor(() => expect(served).toBe(true));
      // Let the editor render with the profile and run its effects.
      await act(async () => new Promise(resolve => setTimeout(resolve, 50)));
    },
  };
}

describe('NodePoolsEditor defaults and a user who types at once', () => {
  it('keeps the name typed before the profile arrived', async () => {
    const { name, values, release } = await renderWithSlowProfile();
    await userEvent.type(name, 'workers');
    await release();
    expect(name).toHaveValue('workers');
    expect(values.some(v => v[0]?.name === 'pool-1')).toBe(false);
  });

  it('leaves a row the user has touched alone, even when they emptied it', async () => {
    const { name, values, release } = await renderWithSlowProfile();
    await userEvent.type(name, 'w');
    await userEvent.clear(name);
    await release();
    expect(name).toHaveValue('');
    expect(values.some(v => v[0]?.name === 'pool-1')).toBe(false);
    await userEvent.type(name, 'batch');
    expect(name).toHaveValue('batch');
  });

  it('still fills an untouched empty row once the profile is known', async () => {
    const { name, values, release } = await renderWithSlowProfile();
    await release();
    await waitFor(() => expect(name).toHaveValue('pool-1'));
    expect(values.at(-1)).toEqual([
      expect.objectContaining({ name: 'pool-1', replicas: 2 }),
    ]);
  });
});
