import { useState } from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import type { ApiHolder } from '@backstage/core-plugin-api';
import { fieldProps } from '../../__fixtures__/fieldProps';
import {
  NetworkListField,
  validateNetworkList,
  type NetworkListUiOptions,
} from './NetworkListField';
import { forgetNewClusterProblems } from './newClusterProblems';
import { networkInputProblems } from './networkInputProblems';

const NOT_A_BLOCK =
  '"abc" is not a network block; write it like 192.168.0.0/16.';
const OVERLAP =
  'Overlaps pod network 1 (10.0.0.0/8); networks must not share addresses.';

function Harness(props: {
  initial: string[];
  checks?: NetworkListUiOptions['checks'];
  otherLists?: Record<string, unknown>;
  rawErrors?: string[];
}) {
  const checks = props.checks ?? 'podCidrs';
  const [value, setValue] = useState<string[] | undefined>(props.initial);
  const itemLabel = checks === 'podCidrs' ? 'Pod network' : 'Service network';
  return (
    <NetworkListField
      {...fieldProps<string[], NetworkListUiOptions>({
        formData: value,
        onChange: (v: string[] | undefined) => setValue(v),
        uiOptions: { itemLabel, checks },
        schema: { title: `${itemLabel}s` },
        idSchema: { $id: `root_${checks}` } as never,
        rawErrors: props.rawErrors ?? [],
        formContextData: { ...props.otherLists, [checks]: value },
      })}
    />
  );
}

/** What the scaffolder's Stepper hands the field after Next: its validator's errors. */
async function errorsAfterNext(
  value: string[],
  checks: NetworkListUiOptions['checks'],
  formData: Record<string, unknown>,
  apiHolder: ApiHolder = { get: () => undefined },
): Promise<string[]> {
  const messages: string[] = [];
  await validateNetworkList(
    value,
    { addError: (m: string) => messages.push(m) } as never,
    {
      apiHolder,
      formData,
      schema: {},
      uiSchema: { 'ui:options': { checks } },
    } as never,
  );
  return messages;
}

beforeEach(() => forgetNewClusterProblems());

describe('CapiNetworkList', () => {
  it('marks a CIDR that is not one on its own input as soon as the user leaves it, once, in a sentence', async () => {
    await renderInTestApp(<Harness initial={[]} />);
    await userEvent.click(
      screen.getByRole('button', { name: 'Add pod network' }),
    );
    const input = screen.getByLabelText('Pod network 1');
    await userEvent.type(input, 'abc');
    // Not while the user is still typing the block.
    expect(input).toHaveAttribute('aria-invalid', 'false');
    await userEvent.tab();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(NOT_A_BLOCK);
    expect(screen.getAllByText(NOT_A_BLOCK)).toHaveLength(1);
    expect(screen.queryByText(/podCidrs-0|CIDR block \(e\.g\./)).toBeNull();

    // Fixed, the mark goes as the user types.
    await userEvent.clear(input);
    await userEvent.type(input, '192.168.0.0/16');
    expect(input).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('marks the input the user clicked away from once the click is done, and the click still adds the next network', async () => {
    await renderInTestApp(<Harness initial={[]} />);
    const add = screen.getByRole('button', { name: 'Add pod network' });
    await userEvent.click(add);
    await userEvent.type(screen.getByLabelText('Pod network 1'), 'abc');
    await userEvent.click(add);
    expect(screen.getByLabelText('Pod network 2')).toHaveValue('');
    expect(await screen.findByText(NOT_A_BLOCK)).toBeInTheDocument();
    expect(screen.getByLabelText('Pod network 1')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('marks the service network that overlaps a pod network on that input, naming the pod network', async () => {
    await renderInTestApp(
      <Harness
        initial={[]}
        checks="serviceCidrs"
        otherLists={{ podCidrs: ['10.0.0.0/8'] }}
      />,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add service network' }),
    );
    const input = screen.getByLabelText('Service network 1');
    await userEvent.type(input, '10.96.0.0/12');
    await userEvent.tab();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(OVERLAP);
    expect(screen.getAllByText(OVERLAP)).toHaveLength(1);
  });

  it('after Next shows each problem once, on its input, not again under the list', async () => {
    const form = { podCidrs: ['abc'] };
    const rawErrors = await errorsAfterNext(['abc'], 'podCidrs', form);
    expect(rawErrors).toEqual([NOT_A_BLOCK]);
    await renderInTestApp(<Harness initial={['abc']} rawErrors={rawErrors} />);
    const input = screen.getByLabelText('Pod network 1');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(NOT_A_BLOCK);
    expect(screen.getAllByText(NOT_A_BLOCK)).toHaveLength(1);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('blocks Next on an overlap from the list that shows it, and the other list stays unmarked', async () => {
    const form = { podCidrs: ['10.0.0.0/8'], serviceCidrs: ['10.96.0.0/12'] };
    expect(await errorsAfterNext(['10.0.0.0/8'], 'podCidrs', form)).toEqual([]);
    expect(
      await errorsAfterNext(['10.96.0.0/12'], 'serviceCidrs', form),
    ).toEqual([OVERLAP]);
  });

  it('shows a problem of the whole list (from the scaffolder module) once, under the list', async () => {
    await renderInTestApp(
      <Harness
        initial={['10.244.0.0/16']}
        rawErrors={['Pod CIDR 10.244.0.0/16 overlaps the management network.']}
      />,
    );
    const list = screen.getByRole('group', { name: 'Pod networks' });
    expect(screen.getByLabelText('Pod network 1')).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    expect(within(list).getAllByRole('alert')).toHaveLength(1);
    expect(within(list).getByRole('alert')).toHaveTextContent(
      'Pod CIDR 10.244.0.0/16 overlaps the management network.',
    );
  });

  it('adds and removes blocks with buttons that say what they add', async () => {
    await renderInTestApp(<Harness initial={[]} />);
    await userEvent.click(
      screen.getByRole('button', { name: 'Add pod network' }),
    );
    await userEvent.type(screen.getByLabelText('Pod network 1'), 'fd00::/56');
    expect(screen.getByLabelText('Pod network 1')).toHaveValue('fd00::/56');
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove pod network 1' }),
    );
    expect(screen.queryByLabelText('Pod network 1')).toBeNull();
  });
});

describe('networkInputProblems', () => {
  it('tells each clash once, on the later input', () => {
    const lists = {
      podCidrs: ['10.0.0.0/8', '10.1.0.0/16'],
      serviceCidrs: ['10.96.0.0/12'],
    };
    expect([...networkInputProblems('podCidrs', lists)]).toEqual([
      [
        1,
        'Overlaps pod network 1 (10.0.0.0/8); networks must not share addresses.',
      ],
    ]);
    expect([...networkInputProblems('serviceCidrs', lists)]).toEqual([
      [0, OVERLAP],
    ]);
  });

  it('takes an IPv4 + IPv6 pair (dual stack) but not two blocks of one family', () => {
    expect(
      networkInputProblems('podCidrs', {
        podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'],
      }).size,
    ).toBe(0);
    expect([
      ...networkInputProblems('podCidrs', {
        podCidrs: ['10.244.0.0/16', '172.16.0.0/16'],
      }).values(),
    ]).toEqual([
      'Pod network 1 is already IPv4: a second pod network must be IPv6 (dual stack).',
    ]);
  });

  it('refuses a block with host bits set, and hostile text, in the same words', () => {
    const problems = networkInputProblems('serviceCidrs', {
      serviceCidrs: ['10.96.0.1/12', '<script>/8'],
    });
    expect(problems.get(0)).toBe(
      '"10.96.0.1/12" is not a network block; write it like 10.96.0.0/12.',
    );
    expect(problems.get(1)).toMatch(/^"<script>\/8" is not a network block/);
  });
});
