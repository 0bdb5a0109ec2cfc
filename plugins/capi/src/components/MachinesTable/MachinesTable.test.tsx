import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { machine } from '../../__fixtures__/clusterBuilders';
import { nameParts } from '../BreakableName/BreakableName';
import { MachinesTable } from './MachinesTable';
import { textWithBreaks } from '../../__testUtils__/textWithBreaks';

const ref = {
  managementCluster: 'onprem-fra',
  namespace: 'team-payments',
  name: 'payments-staging-00016',
};

/** The Node cell of the row that mentions `name`. */
function nodeCell(table: HTMLElement, name: RegExp): HTMLElement {
  const row = within(table).getByRole('row', { name });
  return row.querySelector('th')!;
}

describe('MachinesTable', () => {
  it('lets a machine name wrap only after a "-" or ".", and keeps it the exact name to read and copy', async () => {
    const worker = machine(ref, 'workers', 0, { version: 'v1.34.1' });
    const aws = {
      ...machine(ref, 'workers', 1, { version: 'v1.34.1' }),
      nodeName: 'ip-10-0-12-34.eu-central-1.compute.internal',
    };
    await renderInTestApp(
      <MachinesTable clusterName={ref.name} machines={[worker, aws]} />,
    );
    const table = screen.getByRole('table', {
      name: 'Machines of payments-staging-00016',
    });

    const first = nodeCell(table, /7x2kq/);
    expect(first.textContent).toBe('payments-staging-00016-workers-7x2kq');
    expect(textWithBreaks(first)).toBe(
      'payments-|staging-|00016-|workers-|7x2kq',
    );

    const node = nodeCell(table, /compute\.internal/);
    expect(node.textContent).toBe(
      'ip-10-0-12-34.eu-central-1.compute.internal',
    );
    expect(textWithBreaks(node)).toBe(
      'ip-|10-|0-|12-|34.|eu-|central-|1.|compute.|internal',
    );
    // No hidden characters (soft hyphens, zero-width spaces) would be copied.
    expect(node.textContent).toMatch(/^[\w.-]+$/);
  });
});

describe('MachinesTable patch states', () => {
  it('writes each patch state as the pool bars do ("up to date", not "up-to-date")', async () => {
    const states = ['up-to-date', 'pending', 'overdue', 'unknown'] as const;
    const machines = states.map((state, i) =>
      machine(ref, 'workers', i, {
        version: 'v1.34.1',
        patch: { state, rebootRequired: false },
      }),
    );
    await renderInTestApp(
      <MachinesTable clusterName={ref.name} machines={machines} />,
    );
    const table = screen.getByRole('table', {
      name: 'Machines of payments-staging-00016',
    });
    for (const label of ['up to date', 'pending', 'overdue', 'unknown']) {
      expect(within(table).getByText(label)).toBeInTheDocument();
    }
    expect(table).not.toHaveTextContent('up-to-date');
  });
});

describe('nameParts', () => {
  it('ends each part after a "-" or "." and loses no character', () => {
    for (const name of [
      'payments-staging-00016',
      'a.b-c',
      'trailing-',
      '-leading',
      'plain',
      '',
    ]) {
      expect(nameParts(name).join('')).toBe(name);
    }
    expect(nameParts('a.b-c')).toEqual(['a.', 'b-', 'c']);
    expect(nameParts('plain')).toEqual(['plain']);
  });
});
