import {
  conditionHealth,
  isConditionFailing,
  isConditionHealthy,
  isNegativePolarityCondition,
} from './conditions';

describe('condition polarity', () => {
  it.each([
    'RollingOut',
    'ScalingUp',
    'ScalingDown',
    'Remediating',
    'Deleting',
    'Paused',
  ])('treats %s=False as healthy and True as active, never failing', type => {
    expect(isNegativePolarityCondition(type)).toBe(true);
    expect(conditionHealth({ type, status: 'False' })).toBe('healthy');
    expect(isConditionHealthy({ type, status: 'False' })).toBe(true);
    expect(conditionHealth({ type, status: 'True' })).toBe('active');
    expect(isConditionFailing({ type, status: 'True' })).toBe(false);
    expect(isConditionFailing({ type, status: 'False' })).toBe(false);
  });

  it.each([
    'Available',
    'WorkersAvailable',
    'InfrastructureReady',
    'TopologyReconciled',
  ])('treats %s=False as failing and True as healthy', type => {
    expect(isNegativePolarityCondition(type)).toBe(false);
    expect(conditionHealth({ type, status: 'False' })).toBe('failing');
    expect(isConditionFailing({ type, status: 'False' })).toBe(true);
    expect(conditionHealth({ type, status: 'True' })).toBe('healthy');
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

  it('reads TopologyReconciled=False during an upgrade as in progress, otherwise as failing', () => {
    const upgrading = {
      type: 'TopologyReconciled',
      status: 'False' as const,
      reason: 'ClusterUpgrading',
    };
    expect(conditionHealth(upgrading)).toBe('active');
    expect(isConditionFailing(upgrading)).toBe(false);
    const broken = { ...upgrading, reason: 'ClusterClassNotReconciled' };
    expect(conditionHealth(broken)).toBe('failing');
    expect(isConditionFailing({ ...upgrading, reason: undefined })).toBe(true);
    // The reason only counts for the condition it belongs to.
    expect(isConditionFailing({ ...upgrading, type: 'WorkersAvailable' })).toBe(
      true,
    );
  });
});
