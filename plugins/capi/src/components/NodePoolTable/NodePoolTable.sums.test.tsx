import { screen, within } from '@testing-library/react';
import type { ClusterSummary } from '@capstan/plugin-capi-common';
import {
  availableCluster,
  degradedCluster,
  provisioningCluster,
  upgradingCluster,
} from '../../__fixtures__/fleet';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';

const render = renderEntityClusters;

interface BarCounts {
  machines: number;
  upToDate: number;
  pending: number;
  overdue: number;
  unknown: number;
}

/** The counts a row's patch bar tells a screen reader (and its tooltip). */
function countsOf(row: HTMLElement): BarCounts {
  const label = within(row).getByRole('img').getAttribute('aria-label') ?? '';
  const match =
    /^Patch state of (\d+) machines?: (\d+) up to date, (\d+) pending, (\d+) overdue, (\d+) unknown/.exec(
      label,
    );
  if (!match) throw new Error(`not a patch bar: ${label}`);
  const [machines, upToDate, pending, overdue, unknown] = match
    .slice(1)
    .map(Number);
  return { machines, upToDate, pending, overdue, unknown };
}

/**
 * Reads a cluster's table as a user does: every row's bar adds up to its
 * machines, the rows add up to the total row, and the total is the
 * cluster's "Machines" figure.
 */
async function expectRowsAddUp(cluster: ClusterSummary) {
  const section = await screen.findByRole('region', {
    name: `Cluster ${cluster.name}`,
  });
  const table = within(section).getByRole('table', {
    name: `Node pools of ${cluster.name}`,
  });
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => ({
      name: row.querySelector('th')?.textContent ?? '',
      counts: countsOf(row),
    }));
  for (const { counts } of rows) {
    expect(
      counts.upToDate + counts.pending + counts.overdue + counts.unknown,
    ).toBe(counts.machines);
  }
  const total = rows.find(r => r.name === 'Total machines')!.counts;
  const parts = rows.filter(r => r.name !== 'Total machines');
  expect(parts.map(p => p.name)).toContain('Control plane');
  for (const key of Object.keys(total) as (keyof BarCounts)[]) {
    expect(parts.reduce((sum, p) => sum + p.counts[key], 0)).toBe(total[key]);
  }
  const controlPlane = parts.find(p => p.name.startsWith('Control plane'))!;
  expect(controlPlane.counts.machines).toBe(
    cluster.machines.filter(m => m.controlPlane).length,
  );
  expect(total.machines).toBe(cluster.machines.length);
  const machinesFact = within(section).getByRole('group', { name: 'Machines' });
  expect(machinesFact).toHaveTextContent(`${cluster.machines.length}`);
  return rows;
}

describe('patch counts of the control plane and pools add up', () => {
  it('on the card, for a running cluster and one still provisioning', async () => {
    await render('card', [availableCluster, provisioningCluster]);
    const running = await expectRowsAddUp(availableCluster);
    expect(running.map(r => r.name)).toEqual([
      'workers',
      'gpu',
      'Control plane',
      'Total machines',
    ]);
    // 3 control plane machines up to date, 3 + 1 workers, one needs a reboot.
    expect(running[2].counts).toEqual({
      machines: 3,
      upToDate: 3,
      pending: 0,
      overdue: 0,
      unknown: 0,
    });
    const provisioning = await expectRowsAddUp(provisioningCluster);
    // Nothing has reported yet: every machine, control plane included, is unknown.
    expect(provisioning.find(r => r.name === 'Total machines')!.counts).toEqual(
      { machines: 3, upToDate: 0, pending: 0, overdue: 0, unknown: 3 },
    );
  });

  it.each([
    ['provisioning', provisioningCluster],
    ['degraded with overdue machines', degradedCluster],
    ['upgrading', upgradingCluster],
  ])('on the Clusters tab, for a cluster %s', async (_, cluster) => {
    await render('tab', [cluster]);
    const rows = await expectRowsAddUp(cluster);
    // Pools, the control plane and the total.
    expect(rows).toHaveLength(cluster.nodePools.length + 2);
  });

  it('counts machines of a pool that is gone in a row of their own', async () => {
    // The gpu pool was deleted; its machine still drains.
    const draining = {
      ...availableCluster,
      nodePools: availableCluster.nodePools.filter(p => p.name !== 'gpu'),
    };
    await render('tab', [draining]);
    const rows = await expectRowsAddUp(draining);
    expect(rows.find(r => r.name === 'Machines of no pool')!.counts).toEqual({
      machines: 1,
      upToDate: 1,
      pending: 0,
      overdue: 0,
      unknown: 0,
    });
  });
});
