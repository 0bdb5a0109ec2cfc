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
});
