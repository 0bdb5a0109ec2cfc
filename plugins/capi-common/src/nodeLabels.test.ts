import {
  describeLabelPlacement,
  labelReachesNodes,
  placePoolLabels,
} from './nodeLabels';

describe('labelReachesNodes', () => {
  it('is true only for the domains CAPI syncs from Machines to Nodes', () => {
    for (const key of [
      'node.cluster.x-k8s.io/tier',
      'team.node.cluster.x-k8s.io/tier',
      'node-role.kubernetes.io/batch',
      'node-restriction.kubernetes.io/pci',
      'a.node-restriction.kubernetes.io/pci',
    ]) {
      expect(labelReachesNodes(key)).toBe(true);
    }
    for (const key of [
      'tier',
      'example.com/tier',
      'cluster.x-k8s.io/tier',
      'x.node-role.kubernetes.io/batch',
      'node.cluster.x-k8s.io.evil.com/tier',
      'kubernetes.io/role',
    ]) {
      expect(labelReachesNodes(key)).toBe(false);
    }
  });
});

describe('placePoolLabels', () => {
  it('says where tier=batch ends up and offers the propagating key', () => {
    const [tier] = placePoolLabels({ tier: 'batch' });
    expect(tier).toEqual({
      key: 'tier',
      value: 'batch',
      reachesNodes: false,
      nodeLabelKey: 'node.cluster.x-k8s.io/tier',
    });
    expect(describeLabelPlacement(tier)).toBe(
      'tier=batch stays on the MachineDeployment and its Machines and does not reach the nodes (CAPI copies only node.cluster.x-k8s.io, node-role.kubernetes.io, node-restriction.kubernetes.io labels to Nodes); to label the nodes, write node.cluster.x-k8s.io/tier=batch',
    );
  });

  it('marks the propagating form as reaching the nodes, prefixed keys keep their name', () => {
    const placements = placePoolLabels({
      'node.cluster.x-k8s.io/tier': 'batch',
      'example.com/team': 'payments',
    });
    expect(placements).toEqual([
      {
        key: 'example.com/team',
        value: 'payments',
        reachesNodes: false,
        nodeLabelKey: 'node.cluster.x-k8s.io/team',
      },
      { key: 'node.cluster.x-k8s.io/tier', value: 'batch', reachesNodes: true },
    ]);
    expect(describeLabelPlacement(placements[1])).toMatch(
      /^node.cluster.x-k8s.io\/tier=batch reaches the nodes/,
    );
    expect(placePoolLabels(undefined)).toEqual([]);
  });
});
