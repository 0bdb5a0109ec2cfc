import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { NodePoolTable } from './NodePoolTable';
import { availableCluster } from '../../__fixtures__/fleet';

// A phone: the container measures below the table's narrow width.
jest.mock('../../hooks/useFitWidth', () => ({
  useFitWidth: () => [() => {}, 'narrow'],
}));

describe('NodePoolTable on a phone', () => {
  it('shows each pool as a stack of labelled values, not a table wider than the screen', async () => {
    const cluster = availableCluster;
    await renderInTestApp(
      <NodePoolTable
        clusterName={cluster.name}
        pools={cluster.nodePools}
        controlPlane={cluster.controlPlane}
        renderActions={pool => <a href="#scale">Scale {pool.name}</a>}
      />,
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const list = screen.getByRole('list', {
      name: `Node pools of ${cluster.name}`,
    });
    const workers = within(list).getByRole('region', {
      name: 'Node pool workers',
    });
    // Every value says what it is, the patch state included.
    const value = (name: string) =>
      within(workers).getByRole('group', { name });
    expect(value('Size / class')).toHaveTextContent(/^Size \/ class/);
    expect(value('Ready / desired')).toHaveTextContent('Ready / desired4/4');
    expect(value('Autoscaling')).toHaveTextContent('Autoscaling3–8');
    expect(value('Version')).toHaveTextContent('Versionv1.31.4');
    expect(
      within(value('Patch state')).getByRole('img', {
        name: /^Patch state of 4 machines/,
      }),
    ).toBeInTheDocument();
    expect(
      within(workers).getByRole('link', { name: 'Scale workers' }),
    ).toBeInTheDocument();
    // The control plane and the total keep their rows.
    expect(
      within(list).getByRole('region', { name: 'Control plane' }),
    ).toBeInTheDocument();
    const total = within(list).getByRole('region', { name: 'Total machines' });
    expect(
      within(total).getByRole('group', {
        name: `Total ready ${cluster.machines.length} of ${cluster.machines.length}`,
      }),
    ).toHaveTextContent(
      `${cluster.machines.length}/${cluster.machines.length}`,
    );
  });
});
