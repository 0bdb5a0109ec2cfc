import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { NodePoolTable } from './NodePoolTable';
import { availableCluster } from '../../__fixtures__/fleet';

describe('NodePoolTable', () => {
  it('shows the class alone when no size was recorded, not a bare dash', async () => {
    const [workers, gpu] = availableCluster.nodePools;
    await renderInTestApp(
      <NodePoolTable
        clusterName="payments-prod"
        pools={[
          { ...workers, size: undefined, class: 'default-worker' },
          { ...gpu, size: undefined, class: undefined },
        ]}
      />,
    );
    const table = screen.getByRole('table', {
      name: 'Node pools of payments-prod',
    });
    const withClass = within(table).getByRole('row', { name: /^workers / });
    expect(
      within(withClass).getByRole('cell', { name: 'default-worker' }),
    ).toBeInTheDocument();
    expect(within(withClass).queryByText('—')).not.toBeInTheDocument();
    const bare = within(table).getByRole('row', { name: /^gpu / });
    expect(within(bare).getByText('—')).toBeInTheDocument();
  });

  it('shows the recorded size with the class beneath it', async () => {
    await renderInTestApp(
      <NodePoolTable
        clusterName="payments-prod"
        pools={availableCluster.nodePools}
      />,
    );
    const gpu = screen.getByRole('row', { name: /^gpu / });
    expect(within(gpu).getByText('xlarge')).toBeInTheDocument();
    expect(within(gpu).getByText('gpu-worker')).toBeInTheDocument();
  });

  it('adds a control plane row and a total that equals the cluster machines', async () => {
    const cluster = availableCluster;
    await renderInTestApp(
      <NodePoolTable
        clusterName={cluster.name}
        pools={cluster.nodePools}
        controlPlane={cluster.controlPlane}
      />,
    );
    const cp = screen.getByRole('row', { name: /^Control plane / });
    expect(
      within(cp).getByText(
        `${cluster.controlPlane.readyReplicas}/${
          cluster.controlPlane.desiredReplicas ?? cluster.controlPlane.replicas
        }`,
      ),
    ).toBeInTheDocument();
    const desired =
      (cluster.controlPlane.desiredReplicas ?? cluster.controlPlane.replicas) +
      cluster.nodePools.reduce(
        (sum, p) => sum + (p.desiredReplicas ?? p.replicas),
        0,
      );
    const ready =
      cluster.controlPlane.readyReplicas +
      cluster.nodePools.reduce((sum, p) => sum + p.readyReplicas, 0);
    // The fixture's machines: the rows add up to them.
    expect(desired).toBe(cluster.machines.length);
    expect(
      screen.getByRole('cell', {
        name: `Total ready ${ready} of ${desired}`,
      }),
    ).toHaveTextContent(`${ready}/${desired}`);
  });

  it('says why the control plane has no size instead of naming its kind', async () => {
    const cluster = availableCluster;
    await renderInTestApp(
      <NodePoolTable
        clusterName={cluster.name}
        pools={cluster.nodePools}
        controlPlane={{ ...cluster.controlPlane, kind: 'KubeadmControlPlane' }}
        profile="aws-eu-prod"
      />,
    );
    const cp = screen.getByRole('row', { name: /^Control plane / });
    expect(
      within(cp).queryByText(/KubeadmControlPlane/),
    ).not.toBeInTheDocument();
    expect(within(cp).getByText('set by the profile')).toBeInTheDocument();
    expect(
      within(cp).getByLabelText(
        /^Size not shown\. The cluster profile chose the control plane's machine size/,
      ),
    ).toHaveTextContent('—');
  });

  it('names a machine pool in words, not by its kind', async () => {
    const [workers] = availableCluster.nodePools;
    await renderInTestApp(
      <NodePoolTable
        clusterName="payments-prod"
        pools={[{ ...workers, kind: 'MachinePool' }]}
        controlPlane={availableCluster.controlPlane}
      />,
    );
    const row = screen.getByRole('row', { name: /^workers / });
    expect(within(row).getByText('machine pool')).toBeInTheDocument();
    expect(within(row).queryByText('MachinePool')).not.toBeInTheDocument();
    const cp = screen.getByRole('row', { name: /^Control plane / });
    expect(within(cp).getByText('not recorded')).toBeInTheDocument();
  });
});
