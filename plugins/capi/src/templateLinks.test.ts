import type { Entity } from '@backstage/catalog-model';
import {
  newClusterFormData,
  templateLink,
  templatePoolName,
} from './templateLinks';

describe('templatePoolName', () => {
  it("gives a classic-mode pool's template name: its MachineDeployment name without the cluster prefix", () => {
    expect(
      templatePoolName(
        'payments-staging-00017',
        'payments-staging-00017-batch-2',
      ),
    ).toBe('batch-2');
  });

  it('keeps a topology pool name as it is', () => {
    expect(templatePoolName('payments-prod-00001', 'md-0')).toBe('md-0');
    // Only a whole-name prefix counts.
    expect(templatePoolName('web', 'webhooks')).toBe('webhooks');
  });
});

describe('templateLink', () => {
  it('carries form data the scaffolder reads back', () => {
    const href = templateLink('capi-scale-node-pool', {
      cluster: 'aws-eu/clusters/x',
      pool: 'batch-2',
    });
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/create/templates/default/capi-scale-node-pool');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      cluster: 'aws-eu/clusters/x',
      pool: 'batch-2',
    });
  });
});

describe('newClusterFormData', () => {
  const entity = (kind: string, spec: Entity['spec'] = {}): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'payments-api', namespace: 'default' },
    spec,
  });

  it("opened from a component: the cluster is for it and its owner's", () => {
    expect(
      newClusterFormData(entity('Component', { owner: 'team-payments' })),
    ).toEqual({
      entityRef: 'component:default/payments-api',
      owner: 'group:default/team-payments',
    });
    expect(
      newClusterFormData(
        entity('System', { owner: 'group:finance/team-ledger' }),
      ),
    ).toEqual({
      entityRef: 'system:default/payments-api',
      owner: 'group:finance/team-ledger',
    });
  });

  it('opened from a group: the group owns it; other kinds and odd owners pre-fill nothing they cannot know', () => {
    expect(newClusterFormData(entity('Group'))).toEqual({
      owner: 'group:default/payments-api',
    });
    expect(newClusterFormData(entity('Resource', { owner: 'x' }))).toEqual({});
    expect(newClusterFormData(entity('Component', { owner: ':' }))).toEqual({
      entityRef: 'component:default/payments-api',
    });
  });
});
