import { ownerLabel } from './ownerLabel';

describe('ownerLabel', () => {
  it('shortens groups in the default namespace and keeps everything else whole', () => {
    expect(ownerLabel('group:default/team-payments')).toBe('team-payments');
    expect(ownerLabel('group:platform/sre')).toBe('group:platform/sre');
    expect(ownerLabel('user:default/jane')).toBe('user:default/jane');
    expect(ownerLabel(undefined)).toBe('—');
  });
});
