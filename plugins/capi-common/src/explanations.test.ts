import { readFileSync } from 'fs';
import { resolve } from 'path';
import { EXPLANATION_CATALOGUE, explainCondition } from './explanations';
import type { ClusterCondition } from './types';

describe('explainCondition', () => {
  it('covers at least 20 reasons, each with a title and detail', () => {
    expect(EXPLANATION_CATALOGUE.length).toBeGreaterThanOrEqual(20);
    const ids = EXPLANATION_CATALOGUE.map(e => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of EXPLANATION_CATALOGUE) {
      expect(e.title).toMatch(/\.$/);
      expect(e.detail.length).toBeGreaterThan(20);
    }
  });

  it.each<[ClusterCondition, string]>([
    [
      {
        type: 'ControlPlaneInitialized',
        status: 'False',
        reason: 'NotInitialized',
      },
      'control-plane-not-initialized',
    ],
    [
      { type: 'RemoteConnectionProbe', status: 'False', reason: 'ProbeFailed' },
      'remote-connection-probe-failed',
    ],
    [
      {
        type: 'InfrastructureReady',
        status: 'False',
        reason: 'NotReady',
        message: 'VSphereCluster: failed to find datacenter',
      },
      'infrastructure-not-ready',
    ],
    [
      {
        type: 'InfrastructureReady',
        status: 'False',
        reason: 'InfrastructureDoesNotExist',
      },
      'infrastructure-missing',
    ],
    [
      {
        type: 'HealthCheckSucceeded',
        status: 'False',
        reason: 'UnhealthyNode',
      },
      'health-check-failed',
    ],
    [
      { type: 'Remediating', status: 'True', reason: 'Remediating' },
      'remediating',
    ],
    [
      { type: 'BootstrapConfigReady', status: 'False', reason: 'NotReady' },
      'waiting-for-bootstrap',
    ],
    [
      {
        type: 'Deleting',
        status: 'True',
        reason: 'DrainingNode',
        message: 'Drain not completed yet: PDB blocks eviction',
      },
      'drain-blocked',
    ],
    [
      { type: 'Deleting', status: 'True', reason: 'WaitingForVolumeDetach' },
      'volume-detach-blocked',
    ],
    [
      { type: 'Deleting', status: 'True', reason: 'DeletionCompleted' },
      'deleting',
    ],
    [
      {
        type: 'TopologyReconciled',
        status: 'False',
        reason: 'TopologyReconcileFailed',
        message: 'failed to create MachineDeployment',
      },
      'topology-reconcile-failed',
    ],
    [
      {
        type: 'TopologyReconciled',
        status: 'False',
        reason: 'TopologyReconcileFailed',
        message:
          'admission webhook "validation.machinedeployment" denied the request: spec.replicas invalid',
      },
      'admission-webhook-denied',
    ],
    [
      {
        type: 'TopologyReconciled',
        status: 'False',
        reason: 'ClusterUpgrading',
      },
      'topology-upgrading',
    ],
    [
      {
        type: 'TopologyReconciled',
        status: 'False',
        reason: 'ClusterClassNotReconciled',
      },
      'clusterclass-not-reconciled',
    ],
    [{ type: 'Paused', status: 'True' }, 'paused'],
    [
      { type: 'RollingOut', status: 'True', reason: 'RollingOut' },
      'rolling-out',
    ],
    [{ type: 'ScalingUp', status: 'True' }, 'scaling-up'],
    [{ type: 'ScalingDown', status: 'True' }, 'scaling-down'],
    [
      {
        type: 'WorkerMachinesUpToDate',
        status: 'False',
        reason: 'NotUpToDate',
      },
      'not-up-to-date',
    ],
    [
      { type: 'WorkerMachinesReady', status: 'False', reason: 'NotReady' },
      'machines-not-ready',
    ],
    [
      { type: 'NodeHealthy', status: 'False', reason: 'NodeDoesNotExist' },
      'waiting-for-node',
    ],
    [
      { type: 'NodeReady', status: 'False', reason: 'NodeNotReady' },
      'node-not-ready',
    ],
    [
      { type: 'Updating', status: 'True', reason: 'InPlaceUpdating' },
      'updating-in-place',
    ],
    [{ type: 'EtcdClusterHealthy', status: 'False' }, 'etcd-unhealthy'],
    [
      {
        type: 'ControlPlaneAvailable',
        status: 'False',
        reason: 'NotAvailable',
      },
      'control-plane-not-available',
    ],
    [{ type: 'WorkersAvailable', status: 'False' }, 'workers-not-available'],
  ])('explains %j as %s', (condition, id) => {
    const e = explainCondition(condition);
    expect(e.id).toBe(id);
    expect(e.title).not.toContain(condition.type);
  });

  it('does not explain the normal state of a condition as a problem', () => {
    expect(explainCondition({ type: 'RollingOut', status: 'False' }).id).toBe(
      'raw',
    );
    expect(
      explainCondition({ type: 'RemoteConnectionProbe', status: 'True' }).id,
    ).toBe('raw');
  });

  it('falls back to the raw condition and message for reasons it does not know', () => {
    expect(
      explainCondition({
        type: 'AWSClusterNetworkReady',
        status: 'False',
        reason: 'NatGatewaysFailed',
        message: 'failed to create NAT gateway: quota exceeded',
      }),
    ).toEqual({
      id: 'raw',
      title: 'AWS cluster network ready is False (Nat gateways failed)',
      detail: 'failed to create NAT gateway: quota exceeded',
    });
    expect(explainCondition({ type: 'X', status: 'Unknown' }).detail).toBe(
      'No message reported.',
    );
  });
});

describe('the README catalogue table', () => {
  it('lists every catalogue entry', () => {
    const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
    for (const entry of EXPLANATION_CATALOGUE) {
      // prettier pads table cells, so match the id cell with any spacing
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${entry.id}\`\\s*\\|`));
      expect(readme).toContain(entry.title);
    }
  });
});
