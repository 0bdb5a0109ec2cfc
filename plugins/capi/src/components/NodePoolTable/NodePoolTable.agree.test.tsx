import { screen, within } from '@testing-library/react';
import type { ClusterSummary } from '@capstan/plugin-capi-common';
import {
  clusterSummary,
  machine,
  pool,
  summarizePatch,
  UNKNOWN,
} from '../../__fixtures__/clusterBuilders';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';

const ref = {
  managementCluster: 'aws-eu',
  namespace: 'clusters',
  name: 'h4-walk',
};

/**
 * A classic cluster half way through a control plane upgrade, as on the
 * demo: KubeadmControlPlane surged a fourth machine on v1.34.1, one old
 * machine still runs v1.33.2; the pools wait on v1.33.2.
 */
function surgingCluster(): ClusterSummary {
  const machines = [
    ...[0, 1, 2].map(i =>
      machine(ref, 'control-plane', i, { version: 'v1.34.1' }),
    ),
    machine(ref, 'control-plane', 3, { version: 'v1.33.2' }),
    ...[0, 1].map(i => machine(ref, 'batch', i, { version: 'v1.33.2' })),
    ...[0, 1, 2, 3, 4].map(i =>
      machine(ref, 'pool-1', i, { version: 'v1.33.2' }),
    ),
  ];
  const cp = machines.filter(m => m.controlPlane);
  return clusterSummary(
    ref,
    machines,
    [pool('batch', machines), pool('pool-1', machines)],
    {
      clusterClass: undefined,
      status: 'Upgrading',
      rollingOut: true,
      desiredVersion: 'v1.34.1',
      controlPlane: {
        kind: 'KubeadmControlPlane',
        name: 'h4-walk-control-plane',
        desiredReplicas: 3,
        replicas: 4,
        readyReplicas: 3,
        availableReplicas: 3,
        upToDateReplicas: 3,
        version: 'v1.34.1',
        versions: [
          { version: 'v1.34.1', replicas: 3 },
          { version: 'v1.33.2', replicas: 1 },
        ],
        initialized: true,
        available: true,
        patch: summarizePatch(cp),
      },
    },
  );
}

/**
 * A new cluster: 8 machines desired, 6 created so far, none with a node
 * (so none has a patch state yet).
 */
function provisioningCluster(): ClusterSummary {
  const starting = { version: 'v1.33.2', noNode: true, patch: UNKNOWN };
  const machines = [
    machine(ref, 'control-plane', 0, { ...starting, phase: 'Provisioning' }),
    ...[0, 1].map(i =>
      machine(ref, 'batch', i, { ...starting, phase: 'Pending' }),
    ),
    ...[0, 1, 2].map(i =>
      machine(ref, 'pool-1', i, { ...starting, phase: 'Pending' }),
    ),
  ];
  const cp = machines.filter(m => m.controlPlane);
  return clusterSummary(
    ref,
    machines,
    [
      pool('batch', machines, { readyReplicas: 0 }),
      pool('pool-1', machines, { readyReplicas: 0 }),
    ],
    {
      status: 'Provisioning',
      phase: 'Provisioning',
      controlPlane: {
        kind: 'KubeadmControlPlane',
        name: 'h4-walk-control-plane',
        desiredReplicas: 3,
        replicas: 1,
        readyReplicas: 0,
        availableReplicas: 0,
        upToDateReplicas: 1,
        version: 'v1.33.2',
        initialized: false,
        available: false,
        patch: summarizePatch(cp),
      },
    },
  );
}

interface Row {
  name: string;
  ready: string;
  version: string;
  /** Machines the row's patch bar counts. */
  barMachines: number;
}

/** A cell's text with ' | ' between its value and each line beneath it. */
function linesOf(cell: Element): string {
  const holder = cell.querySelector('strong') ?? cell;
  return [...holder.childNodes]
    .map(node => node.textContent ?? '')
    .filter(Boolean)
    .join(' | ');
}

async function rowsOf(cluster: ClusterSummary): Promise<Row[]> {
  const table = await screen.findByRole('table', {
    name: `Node pools of ${cluster.name}`,
  });
  const header = within(table)
    .getAllByRole('columnheader')
    .map(h => h.textContent);
  const readyAt = header.indexOf('Ready / desired');
  const versionAt = header.indexOf('Version');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => {
      const cells = [...row.querySelectorAll('th, td')];
      const bar = within(row).getByRole('img').getAttribute('aria-label')!;
      return {
        name: cells[0].textContent ?? '',
        ready: linesOf(cells[readyAt]),
        version: cells[versionAt] ? linesOf(cells[versionAt]) : '',
        barMachines: Number(/^Patch state of (\d+)/.exec(bar)![1]),
      };
    });
}

/** How many machines a row's ready cell says it has. */
function machinesStated(ready: string): number {
  const now = /(\d+) machines now/.exec(ready);
  if (now) return Number(now[1]);
  const created = /(\d+) of \d+ machines created/.exec(ready);
  if (created) return Number(created[1]);
  // Nothing said: as many as desired.
  return Number(/^\d+\/(\d+)$/.exec(ready)![1]);
}

/** Each row says as many machines as its patch bar counts. */
function expectEachRowToAgree(rows: Row[]) {
  expect(rows.map(r => [r.name, machinesStated(r.ready)])).toEqual(
    rows.map(r => [r.name, r.barMachines]),
  );
}

describe("a node pool row's numbers agree with each other", () => {
  it('during a control plane surge: the extra machine is said, the version is not claimed', async () => {
    const cluster = surgingCluster();
    await renderEntityClusters('tab', [cluster]);
    const rows = await rowsOf(cluster);
    expectEachRowToAgree(rows);
    const cp = rows.find(r => r.name === 'Control plane')!;
    expect(cp.ready).toMatch(/^3\/3/);
    expect(cp.ready).toContain('4 machines now: 1 extra while rolling out');
    expect(cp.version).toMatch(/^v1\.33\.2 → v1\.34\.1/);
    expect(cp.version).toContain('runs v1.34.1 ×3, v1.33.2 ×1');
    const total = rows.find(r => r.name === 'Total machines')!;
    expect(total.ready).toMatch(/^10\/10/);
    expect(total.ready).toContain('11 machines now: 1 extra while rolling out');
    expect(total.barMachines).toBe(11);
    // The pools wait on their version and say nothing extra.
    expect(rows.find(r => r.name === 'batch')!.ready).toBe('2/2');
    expect(rows.find(r => r.name === 'batch')!.version).toBe('v1.33.2');
  });

  it('while provisioning: machines not created yet are said, none counts as up to date', async () => {
    const cluster = provisioningCluster();
    await renderEntityClusters('tab', [cluster]);
    const rows = await rowsOf(cluster);
    expectEachRowToAgree(rows);
    const total = rows.find(r => r.name === 'Total machines')!;
    expect(total.ready).toMatch(/^0\/8/);
    expect(total.ready).toContain('6 of 8 machines created');
    expect(rows.find(r => r.name === 'Control plane')!.ready).toContain(
      '1 of 3 machines created',
    );
  });
});
