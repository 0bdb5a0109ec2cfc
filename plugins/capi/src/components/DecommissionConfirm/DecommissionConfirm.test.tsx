import { screen } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { capiApiRef } from '../../api';
import { availableCluster } from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';
import {
  DecommissionConfirm,
  type DecommissionConfirmUiOptions,
  validateDecommissionConfirm,
} from './DecommissionConfirm';

const ref = availableCluster.id;

async function renderConfirm(typed?: string) {
  const props = fieldProps<string, DecommissionConfirmUiOptions>({
    formData: typed,
    formContextData: { cluster: ref },
    uiOptions: { clusterField: 'cluster' },
  });
  await renderInTestApp(
    <TestApiProvider apis={[[capiApiRef, fakeCapiApi()]]}>
      <DecommissionConfirm {...props} />
    </TestApiProvider>,
  );
  return props;
}

describe('DecommissionConfirm', () => {
  it('names the cluster, its machines and data that go before the name is typed', async () => {
    await renderConfirm();
    const warning = await screen.findByRole('alert', {
      name: 'What decommissioning deletes',
    });
    expect(warning).toHaveTextContent(
      `this deletes ${availableCluster.name} for good`,
    );
    const machines = Math.max(
      availableCluster.machines.length,
      availableCluster.nodePools.reduce(
        (n, p) => n + (p.desiredReplicas ?? p.replicas),
        0,
      ) +
        (availableCluster.controlPlane.desiredReplicas ??
          availableCluster.controlPlane.replicas),
    );
    expect(warning).toHaveTextContent(`${machines} machines in all`);
    for (const pool of availableCluster.nodePools) {
      expect(warning).toHaveTextContent(pool.name);
    }
    expect(warning).toHaveTextContent(/all data on its nodes/);
    expect(warning).toHaveTextContent('This cannot be undone.');
    expect(
      screen.getByLabelText(
        new RegExp(`Type ${availableCluster.name} to confirm`),
      ),
    ).toBeInTheDocument();
  });

  it('says a production cluster is one', async () => {
    // The fixture's cluster is payments-prod.
    await renderConfirm();
    const warning = await screen.findByRole('alert', {
      name: 'What decommissioning deletes',
    });
    expect(warning).toHaveTextContent(/^Production cluster: /);
  });

  it('marks a mistyped name on the field', async () => {
    await renderConfirm('payments-pord');
    expect(
      await screen.findByText(
        `"payments-pord" is not the name of the cluster; type ${availableCluster.name} to confirm.`,
      ),
    ).toBeInTheDocument();
  });
});

describe('validateDecommissionConfirm', () => {
  const context = (cluster?: string) =>
    ({
      apiHolder: { get: () => undefined },
      formData: cluster ? { cluster } : {},
      schema: {},
      uiSchema: { 'ui:options': { clusterField: 'cluster' } },
    } as Parameters<typeof validateDecommissionConfirm>[2]);

  function errorsFor(value: string | undefined, cluster?: string) {
    const errors: string[] = [];
    validateDecommissionConfirm(
      value as string,
      { addError: (e: string) => errors.push(e) } as never,
      context(cluster),
    );
    return errors;
  }

  it('accepts exactly the cluster name and refuses anything else before Review', () => {
    expect(errorsFor(availableCluster.name, ref)).toEqual([]);
    expect(errorsFor('payments', ref)).toEqual([
      `"payments" is not the name of the cluster; type ${availableCluster.name} to confirm.`,
    ]);
    expect(errorsFor('', ref)).toEqual([
      `Type the cluster name, ${availableCluster.name}, to confirm.`,
    ]);
    expect(errorsFor(ref, ref)).toHaveLength(1);
    expect(errorsFor(availableCluster.name)).toEqual([
      'Choose the cluster to decommission first.',
    ]);
  });
});
