import { promises as fs } from 'node:fs';
import path from 'node:path';
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { JsonObject } from '@backstage/types';
import { parse } from 'yaml';
import { OrderedReviewState } from './OrderedReviewState';
import { inFormOrder } from './reviewOrder';

/** A template of templates/ as the Review step gets its steps. */
async function steps(file: string) {
  const template = parse(
    await fs.readFile(
      path.resolve(__dirname, '../../../../../templates', file),
      'utf8',
    ),
  );
  const parameters: JsonObject[] = [template.spec.parameters].flat();
  return parameters.map(schema => ({
    title: String(schema.title),
    mergedSchema: schema,
    schema,
    uiSchema: {},
  }));
}

describe('Review lists the values in the order of the form', () => {
  it('Scale from a deep link: Cluster first, then the pool, the scaling, the numbers, the concurrency choice and the impact', async () => {
    // The order the scaffolder holds them in: the link's fields first,
    // defaults next, fields that fill themselves last.
    const formState = {
      cluster: 'onprem-fra/team-payments/payments-prod',
      pool: 'workers',
      confirmConcurrentChange: false,
      scaling: 'fixed',
      replicas: 5,
      clusterReview: 'payments-prod',
      impact: 'Adds 1 machine to node pool workers.',
    };
    expect(
      Object.keys(inFormOrder(formState, await steps('scale-node-pool.yaml'))),
    ).toEqual([
      'cluster',
      'clusterReview',
      'pool',
      'scaling',
      'replicas',
      'confirmConcurrentChange',
      'impact',
    ]);
  });

  it('Upgrade: Cluster first', async () => {
    const formState = {
      kubernetesVersion: 'v1.32.1',
      confirmConcurrentChange: false,
      cluster: 'onprem-fra/team-payments/payments-prod',
      clusterReview: 'payments-prod',
      impact: 'Replaces 4 machines.',
    };
    const order = Object.keys(
      inFormOrder(formState, await steps('upgrade-kubernetes.yaml')),
    );
    expect(order.slice(0, 3)).toEqual([
      'cluster',
      'clusterReview',
      'kubernetesVersion',
    ]);
    expect(order[order.length - 1]).toBe('impact');
  });

  it('keeps values no step names, at the end', () => {
    expect(
      Object.keys(
        inFormOrder({ extra: 1, a: 2 }, [
          { mergedSchema: { properties: { a: {} } } },
        ]),
      ),
    ).toEqual(['a', 'extra']);
  });

  it("renders Scale's Review table with the Cluster row first", async () => {
    const schemas = await steps('scale-node-pool.yaml');
    await renderInTestApp(
      <OrderedReviewState
        schemas={schemas}
        formState={{
          pool: 'workers',
          confirmConcurrentChange: false,
          scaling: 'fixed',
          cluster: 'onprem-fra/team-payments/payments-prod',
          replicas: 5,
          clusterReview: 'payments-prod',
          impact: 'Adds 1 machine to node pool workers.',
        }}
      />,
    );
    const titles = screen
      .getAllByRole('row')
      .map(r => r.querySelector('td')?.textContent ?? '');
    expect(titles).toEqual([
      'Cluster',
      'Node pool',
      'Scaling',
      'Machines',
      'Start even if a change of this kind is still in flight',
      'Impact',
    ]);
  });
});
