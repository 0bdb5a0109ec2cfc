import { render, screen, within } from '@testing-library/react';
import { LabelPlacement } from './LabelPlacement';

describe('LabelPlacement', () => {
  it('says per label whether it reaches the nodes and offers the propagating key', () => {
    render(
      <LabelPlacement
        poolName="batch"
        labels={{ tier: 'batch', 'node.cluster.x-k8s.io/gpu': 'true' }}
      />,
    );
    const list = screen.getByRole('list', {
      name: 'Where the labels of node pool batch end up',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'node.cluster.x-k8s.io/gpu=true: reaches nodes: yes',
      'tier=batch: reaches nodes: no (MachineDeployment and Machines only; write node.cluster.x-k8s.io/tier=batch to label the nodes)',
    ]);
  });

  it('shows nothing for a pool without labels', () => {
    const { container } = render(<LabelPlacement poolName="general" />);
    expect(container).toBeEmptyDOMElement();
  });
});
