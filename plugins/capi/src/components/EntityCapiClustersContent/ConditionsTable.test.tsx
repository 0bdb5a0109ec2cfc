import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { ClusterCondition } from '@capstan/plugin-capi-common';
import { ConditionsTable } from './ConditionsTable';
import { degradedCluster } from '../../__fixtures__/fleet';
import { textWithBreaks } from '../../__testUtils__/textWithBreaks';

// The shape the KubeadmControlPlane controller of CAPI v1.14 writes (from its
// kubeadmcontrolplane_controller_test.go), and the Cluster controller's
// aggregate of several MachineDeployments.
const etcdUnknown: ClusterCondition = {
  type: 'EtcdClusterHealthy',
  status: 'Unknown',
  reason: 'EtcdClusterHealthUnknown',
  message:
    '* Machine checkout-prod-cp-x7k2p:\n' +
    '  * EtcdMemberHealthy: Waiting for a Node with spec.providerID aws:///i-0abc to exist',
};
const workersNotAvailable: ClusterCondition = {
  type: 'WorkersAvailable',
  status: 'False',
  reason: 'NotAvailable',
  message:
    '* MachineDeployment checkout-prod-workers: 1 available replicas, at least 2 required\n' +
    '* MachineDeployment checkout-prod-batch:\n' +
    '  * Machine checkout-prod-batch-r2d8n: Node is reporting DiskPressure\n' +
    '  * Machine checkout-prod-batch-q9z1m: Node is reporting MemoryPressure',
};

describe('ConditionsTable', () => {
  it('shows aggregated CAPI messages as readable lines, without bullet marks', async () => {
    await renderInTestApp(
      <ConditionsTable
        cluster={{
          ...degradedCluster,
          machineCount: degradedCluster.machines.length,
          conditions: [etcdUnknown, workersNotAvailable],
        }}
      />,
    );
    const table = screen.getByRole('table', {
      name: 'Conditions of checkout-prod',
    });
    const etcd = within(table).getByRole('row', {
      name: /^Etcd cluster healthy /,
    });
    // A machine with one nested condition is one line, the condition in words.
    expect(
      within(etcd).getByText(
        'Machine checkout-prod-cp-x7k2p: Etcd member healthy: Waiting for a Node with spec.providerID aws:///i-0abc to exist',
      ),
    ).toBeInTheDocument();

    const workers = within(table).getByRole('row', {
      name: /^Workers available /,
    });
    const items = within(workers).getAllByRole('listitem');
    // The machines of the batch pool sit indented under it.
    expect(items[1]).not.toHaveStyle('padding-left: 12px');
    expect(items[2]).toHaveStyle('padding-left: 12px');
    expect(items.map(li => li.textContent)).toEqual([
      'MachineDeployment checkout-prod-workers: 1 available replicas, at least 2 required',
      'MachineDeployment checkout-prod-batch:',
      'Machine checkout-prod-batch-r2d8n: Node is reporting DiskPressure',
      'Machine checkout-prod-batch-q9z1m: Node is reporting MemoryPressure',
    ]);
    expect(within(table).queryByText(/\*/)).not.toBeInTheDocument();
  });
});

describe('ConditionsTable messages', () => {
  it('wraps a message at its spaces and a name after its hyphens, never inside a word', async () => {
    await renderInTestApp(
      <ConditionsTable
        cluster={{
          ...degradedCluster,
          machineCount: degradedCluster.machines.length,
          conditions: [workersNotAvailable],
        }}
      />,
    );
    const row = screen.getByRole('row', { name: /^Workers available / });
    const [first] = within(row).getAllByRole('listitem');
    // "|" marks where a line may break besides the spaces.
    expect(textWithBreaks(first)).toBe(
      'MachineDeployment checkout-|prod-|workers: 1 available replicas, at least 2 required',
    );
    // Not even the theme's table cells may break inside a word.
    for (const element of [first, first.closest('ul')!]) {
      expect(getComputedStyle(element).overflowWrap).not.toBe('anywhere');
    }
    expect(getComputedStyle(first.closest('ul')!).wordBreak).toBe('normal');
  });
});
