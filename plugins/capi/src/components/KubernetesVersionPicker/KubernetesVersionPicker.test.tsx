import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { capiApiRef } from '../../api';
import {
  KubernetesVersionPicker,
  type KubernetesVersionPickerOptions,
} from './KubernetesVersionPicker';
import { availableCluster } from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';

async function renderPicker(
  options: KubernetesVersionPickerOptions,
  formContextData: Record<string, unknown>,
  formData?: string,
) {
  const onChange = jest.fn();
  const api = fakeCapiApi();
  await renderInTestApp(
    <TestApiProvider apis={[[capiApiRef, api]]}>
      <KubernetesVersionPicker
        {...fieldProps<string, KubernetesVersionPickerOptions>({
          formData,
          onChange,
          uiOptions: options,
          formContextData,
        })}
      />
    </TestApiProvider>,
  );
  return { onChange, api };
}

const openOptions = async () => {
  await userEvent.click(
    screen.getByRole('button', { name: /Kubernetes version/ }),
  );
  return (await screen.findAllByRole('option')).map(o => o.textContent);
};

describe('KubernetesVersionPicker', () => {
  it('offers the versions the chosen profile allows and pre-selects its default', async () => {
    const { onChange } = await renderPicker(
      { profileField: 'profile' },
      { profile: 'onprem-fra-prod' },
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('v1.31.4'));
    expect(
      screen.getByText(
        'Versions the On-prem Frankfurt — production profile allows.',
      ),
    ).toBeInTheDocument();
    expect(await openOptions()).toEqual([
      'v1.30.8',
      'v1.31.4 (default)',
      'v1.32.1',
    ]);
  });

  it('asks for a profile first', async () => {
    await renderPicker({ profileField: 'profile' }, {});
    expect(
      await screen.findByText('Choose a cluster profile first.'),
    ).toBeInTheDocument();
  });

  it("in an upgrade template offers only the cluster's next versions", async () => {
    const { api } = await renderPicker(
      { upgradeFromCluster: 'cluster' },
      { cluster: availableCluster.id },
    );
    expect(
      await screen.findByText(
        'payments-prod runs v1.31.4; these are the versions it can go to next.',
      ),
    ).toBeInTheDocument();
    expect(api.getCluster).toHaveBeenCalledWith({
      managementCluster: 'onprem-fra',
      namespace: 'team-payments',
      name: 'payments-prod',
    });
    expect(await openOptions()).toEqual(['v1.32.1']);
  });

  it('clears a version the new profile does not allow', async () => {
    const { onChange } = await renderPicker(
      { profileField: 'profile' },
      { profile: 'aws-eu-west-dev' },
      'v1.30.8',
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(undefined));
  });
});
