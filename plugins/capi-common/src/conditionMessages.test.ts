import {
  conditionInWords,
  conditionMessageLines,
  conditionMessageText,
} from './conditionMessages';
import { wordsOf } from './words';

// Messages as Cluster API v1.14 writes them (copied from its controllers'
// tests: core/reconcilers/cluster/cluster_controller_status_test.go,
// controlplane/kubeadm/.../kubeadmcontrolplane_controller_test.go,
// util/conditions/merge_strategies_test.go).
const CAPI = {
  kcpEtcd:
    '* Machine machine1-test:\n' +
    '  * EtcdMemberHealthy: Waiting for a Node with spec.providerID foo to exist',
  workers:
    '* MachineDeployment md1: 3 available replicas, at least 4 required (spec.strategy.rollout.maxUnavailable is 1, spec.replicas is 5)\n' +
    '* MachinePool mp1: 2 available replicas, at least 3 required (spec.strategy.rollout.maxUnavailable is 1, spec.replicas is 4)',
  machines:
    '* Machine machine-2: HealthCheckSucceeded: Some message\n' +
    '* Machine machine-4: Deleting: Machine deletion in progress, stage: DrainingNode\n' +
    '* Machine machine-3: Some unknown message',
  deleting:
    '* Deleting:\n' +
    '  * Control plane Machines: cp1, cp2, cp3\n' +
    '  * MachineDeployments: md1, md2\n' +
    '  * Worker Machines: w1, w2, w3, w4, w5, ... (3 more)',
  upgrading:
    '* TopologyReconciled:\n' +
    '  * Cluster is upgrading to v1.22.0\n' +
    '      * MachineDeployment md1 upgrading to version v1.22.0',
  merged: '* Machine obj06:\n' + '  * Message-3A\n' + '  * Message-3B',
  scalingWithOthers:
    '* FakeControlPlane cp1: Scaling up from 0 to 3 replicas\n' +
    '* MachineDeployment md1: Scaling up from 1 to 5 replicas\n' +
    'And 1 MachineSet with other issues',
};

describe('conditionMessageLines', () => {
  it('reads a plain message as one line', () => {
    expect(
      conditionMessageLines('Remote connection not established yet'),
    ).toEqual([{ text: 'Remote connection not established yet', depth: 0 }]);
  });

  it('has no lines for an empty or missing message', () => {
    expect(conditionMessageLines(undefined)).toEqual([]);
    expect(conditionMessageLines('  \n ')).toEqual([]);
  });

  it('puts a machine with one nested condition on one line, the condition in words', () => {
    expect(conditionMessageLines(CAPI.kcpEtcd)).toEqual([
      {
        text: 'Machine machine1-test: Etcd member healthy: Waiting for a Node with spec.providerID foo to exist',
        depth: 0,
      },
    ]);
  });

  it('drops the bullet marks of a flat list, one line per object', () => {
    const lines = conditionMessageLines(CAPI.workers);
    expect(lines.map(l => l.depth)).toEqual([0, 0]);
    expect(lines[0].text).toMatch(/^MachineDeployment md1: 3 available/);
    expect(lines[1].text).toMatch(/^MachinePool mp1: 2 available/);
    expect(lines.some(l => l.text.includes('*'))).toBe(false);
  });

  it('keeps a header with several children as a header over indented lines', () => {
    expect(conditionMessageLines(CAPI.deleting)).toEqual([
      { text: 'Deleting:', depth: 0 },
      { text: 'Control plane Machines: cp1, cp2, cp3', depth: 1 },
      { text: 'Machine deployments: md1, md2', depth: 1 },
      { text: 'Worker Machines: w1, w2, w3, w4, w5, ... (3 more)', depth: 1 },
    ]);
    expect(conditionMessageLines(CAPI.merged)).toEqual([
      { text: 'Machine obj06:', depth: 0 },
      { text: 'Message-3A', depth: 1 },
      { text: 'Message-3B', depth: 1 },
    ]);
  });

  it('follows deeper indentation (six spaces) as one more level', () => {
    expect(conditionMessageLines(CAPI.upgrading)).toEqual([
      {
        text: 'Topology reconciled: Cluster is upgrading to v1.22.0',
        depth: 0,
      },
      { text: 'MachineDeployment md1 upgrading to version v1.22.0', depth: 1 },
    ]);
  });

  it('keeps lines without a bullet, such as "And 1 MachineSet with other issues"', () => {
    expect(
      conditionMessageLines(CAPI.scalingWithOthers).map(l => l.text),
    ).toEqual([
      'FakeControlPlane cp1: Scaling up from 0 to 3 replicas',
      'MachineDeployment md1: Scaling up from 1 to 5 replicas',
      'And 1 MachineSet with other issues',
    ]);
  });

  it('writes only a leading condition type in words, not the rest of the text', () => {
    expect(conditionMessageLines(CAPI.machines).map(l => l.text)).toEqual([
      'Machine machine-2: HealthCheckSucceeded: Some message',
      'Machine machine-4: Deleting: Machine deletion in progress, stage: DrainingNode',
      'Machine machine-3: Some unknown message',
    ]);
    expect(
      conditionMessageLines('* WorkersAvailable: 3 available replicas')[0].text,
    ).toBe('Workers available: 3 available replicas');
  });

  it('opens a level at each inline "* " so a nested list on one line reads the same', () => {
    expect(
      conditionMessageLines(
        '* MachineDeployment pay-batch-1: * Machine pay-batch-1-88a83-nlzkg: Node is reporting DiskPressure\n' +
          '* MachineDeployment pay-md-0: not available',
      ),
    ).toEqual([
      {
        text: 'MachineDeployment pay-batch-1: Machine pay-batch-1-88a83-nlzkg: Node is reporting DiskPressure',
        depth: 0,
      },
      { text: 'MachineDeployment pay-md-0: not available', depth: 0 },
    ]);
  });
});

describe('conditionMessageText', () => {
  it('joins the lines with "; ", nested lines after their header', () => {
    expect(conditionMessageText(CAPI.deleting)).toBe(
      'Deleting: Control plane Machines: cp1, cp2, cp3; Machine deployments: md1, md2; Worker Machines: w1, w2, w3, w4, w5, ... (3 more)',
    );
    expect(conditionMessageText(CAPI.workers)).not.toContain('\n');
    expect(conditionMessageText(undefined)).toBe('');
  });
});

describe('conditionInWords', () => {
  it('names type and reason in words', () => {
    expect(
      conditionInWords({
        type: 'WorkersAvailable',
        status: 'False',
        reason: 'MachineDeploymentsNotAvailable',
      }),
    ).toBe('Workers available: False (Machine deployments not available)');
    expect(conditionInWords({ type: 'Ready', status: 'True' })).toBe(
      'Ready: True',
    );
  });
});

describe('wordsOf', () => {
  it('splits camelCase and PascalCase names, keeping abbreviations', () => {
    expect(wordsOf('kubeProxyMode')).toBe('Kube proxy mode');
    expect(wordsOf('apiServerCIDR')).toBe('API server CIDR');
    expect(wordsOf('ControlPlaneMachinesUpToDate')).toBe(
      'Control plane machines up to date',
    );
    expect(wordsOf('NotRemediating')).toBe('Not remediating');
    expect(wordsOf('KCPNotAvailable')).toBe('KCP not available');
  });
});
