import {
  conditionHealth,
  isConditionFailing,
  isConditionHealthy,
  isNegativePolarityCondition,
  pickHeadlineCondition,
} from './conditions';
import type { ClusterCondition } from './types';

describe('condition polarity', () => {
  it.each([
    'RollingOut',
    'ScalingUp',
    'ScalingDown',
    'Deleting',
    'Paused',
    'Updating',
  ])('treats %s=False as healthy and True as active, never failing', type => {
    expect(isNegativePolarityCondition(type)).toBe(true);
    expect(conditionHealth({ type, status: 'False' })).toBe('healthy');
    expect(isConditionHealthy({ type, status: 'False' })).toBe(true);
    expect(conditionHealth({ type, status: 'True' })).toBe('active');
    expect(isConditionFailing({ type, status: 'True' })).toBe(false);
    expect(isConditionFailing({ type, status: 'False' })).toBe(false);
  });

  it('treats Remediating=True as a warning: machines were unhealthy, availability may hold', () => {
    expect(conditionHealth({ type: 'Remediating', status: 'True' })).toBe(
      'warning',
    );
    expect(conditionHealth({ type: 'Remediating', status: 'False' })).toBe(
      'healthy',
    );
  });

  it.each([
    'Available',
    'WorkersAvailable',
    'ControlPlaneAvailable',
    'InfrastructureReady',
    'RemoteConnectionProbe',
    'ControlPlaneInitialized',
    'BootstrapConfigReady',
    'NodeHealthy',
    'Ready',
  ])('treats %s=False as failing and True as healthy', type => {
    expect(isNegativePolarityCondition(type)).toBe(false);
    expect(conditionHealth({ type, status: 'False' })).toBe('failing');
    expect(isConditionFailing({ type, status: 'False' })).toBe(true);
    expect(conditionHealth({ type, status: 'True' })).toBe('healthy');
  });

  it.each([
    'UpToDate',
    'MachinesUpToDate',
    'ControlPlaneMachinesUpToDate',
    'WorkerMachinesUpToDate',
    'MachinesSpecUpToDate',
  ])(
    'reads %s=False (NotUpToDate during a rollout) as work in progress',
    type => {
      expect(
        conditionHealth({ type, status: 'False', reason: 'NotUpToDate' }),
      ).toBe('active');
      expect(conditionHealth({ type, status: 'True' })).toBe('healthy');
    },
  );

  it.each([
    'MachinesReady',
    'ControlPlaneMachinesReady',
    'WorkerMachinesReady',
  ])('reads %s=False as a warning, not a loss of availability', type => {
    expect(conditionHealth({ type, status: 'False' })).toBe('warning');
  });

  it('reports Unknown as unknown whatever the polarity', () => {
    expect(conditionHealth({ type: 'Available', status: 'Unknown' })).toBe(
      'unknown',
    );
    expect(conditionHealth({ type: 'Paused', status: 'Unknown' })).toBe(
      'unknown',
    );
    expect(isConditionFailing({ type: 'Available', status: 'Unknown' })).toBe(
      false,
    );
    expect(isConditionHealthy({ type: 'Available', status: 'Unknown' })).toBe(
      false,
    );
  });

  it('reads TopologyReconciled=False as failing only for the failure reasons CAPI names', () => {
    const upgrading = {
      type: 'TopologyReconciled',
      status: 'False' as const,
      reason: 'ClusterUpgrading',
    };
    expect(conditionHealth(upgrading)).toBe('active');
    for (const reason of [
      'ControlPlaneUpgradePending',
      'MachineDeploymentsUpgradePending',
      'LifecycleHookBlocking',
    ]) {
      expect(conditionHealth({ ...upgrading, reason })).toBe('active');
    }
    for (const reason of [
      'TopologyReconcileFailed',
      'ClusterClassNotReconciled',
    ]) {
      expect(conditionHealth({ ...upgrading, reason })).toBe('failing');
    }
    expect(isConditionFailing({ ...upgrading, reason: undefined })).toBe(true);
    // The reason only counts for the condition it belongs to.
    expect(isConditionFailing({ ...upgrading, type: 'WorkersAvailable' })).toBe(
      true,
    );
  });

  it('reads v1beta1 conditions by severity and in-progress reason', () => {
    expect(
      conditionHealth({
        type: 'Ready',
        status: 'False',
        severity: 'Warning',
        reason: 'RollingUpdateInProgress',
      }),
    ).toBe('active');
    expect(
      conditionHealth({
        type: 'Resized',
        status: 'False',
        severity: 'Warning',
        reason: 'ScalingUp',
      }),
    ).toBe('active');
    expect(
      conditionHealth({
        type: 'InfrastructureReady',
        status: 'False',
        severity: 'Info',
        reason: 'WaitingForInfrastructure',
      }),
    ).toBe('active');
    expect(
      conditionHealth({
        type: 'ControlPlaneReady',
        status: 'False',
        severity: 'Error',
        reason: 'EtcdClusterUnhealthy',
      }),
    ).toBe('failing');
  });
});

describe('pickHeadlineCondition', () => {
  const c = (
    type: string,
    status: ClusterCondition['status'],
    reason?: string,
  ): ClusterCondition => ({ type, status, ...(reason ? { reason } : {}) });

  it('puts root causes before summaries and failures before work in progress', () => {
    expect(
      pickHeadlineCondition([
        c('Available', 'False'),
        c('RollingOut', 'True'),
        c('InfrastructureReady', 'False'),
      ])?.type,
    ).toBe('InfrastructureReady');
  });

  it('picks the rollout when nothing fails, and nothing when all is normal', () => {
    expect(
      pickHeadlineCondition([
        c('Available', 'True'),
        c('WorkerMachinesUpToDate', 'False', 'NotUpToDate'),
        c('RollingOut', 'True', 'RollingOut'),
        c('ScalingUp', 'False'),
      ])?.type,
    ).toBe('RollingOut');
    expect(
      pickHeadlineCondition([c('Available', 'True'), c('Paused', 'False')]),
    ).toBeUndefined();
  });

  it('orders v1beta1 conditions by severity first', () => {
    expect(
      pickHeadlineCondition([
        { type: 'InfrastructureReady', status: 'False', severity: 'Warning' },
        { type: 'Ready', status: 'False', severity: 'Error' },
      ])?.type,
    ).toBe('Ready');
  });
});
