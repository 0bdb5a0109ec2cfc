import { templateLink, templatePoolName } from './templateLinks';

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
