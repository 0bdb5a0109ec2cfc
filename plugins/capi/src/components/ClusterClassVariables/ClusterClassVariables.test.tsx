import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import type { ClusterProfileSummary } from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';
import {
  ClusterClassVariables,
  type ClusterClassVariablesOptions,
} from './ClusterClassVariables';

const profile: ClusterProfileSummary = {
  name: 'exposing',
  title: 'Exposing',
  managementCluster: 'onprem-fra',
  namespace: 'clusters',
  mode: 'clusterclass',
  clusterClass: 'vsphere-standard',
  clusterClassNamespace: 'clusters',
  exposedVariables: ['kubeProxyMode', 'etcdEncryption'],
  kubernetesVersions: ['v1.33.4'],
  machineSizes: [{ name: 'small' }],
  autoscaler: false,
  limits: { maxNodePools: 3, maxReplicas: 10 },
};

const clusterClass = {
  managementCluster: 'onprem-fra',
  namespace: 'clusters',
  name: 'vsphere-standard',
  variables: [
    {
      name: 'kubeProxyMode',
      required: false,
      schema: {
        type: 'string',
        enum: ['iptables', 'ipvs'],
        description: 'How kube-proxy routes Service traffic.',
      },
    },
    {
      name: 'etcdEncryption',
      required: false,
      schema: {
        type: 'boolean',
        description: 'Encrypt Secrets at rest in etcd.',
      },
    },
  ],
};

async function renderField(formData?: Record<string, unknown>) {
  const onChange = jest.fn();
  const urls: string[] = [];
  const fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      urls.push(url);
      return new Response(
        JSON.stringify({ items: [clusterClass], synced: ['onprem-fra'] }),
      );
    }),
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          capiApiRef,
          fakeCapiApi({
            getProfiles: async () => ({ items: [profile] }),
          } as any),
        ],
        [discoveryApiRef, mockApis.discovery()],
        [fetchApiRef, fetchApi],
      ]}
    >
      <ClusterClassVariables
        {...fieldProps<Record<string, unknown>, ClusterClassVariablesOptions>({
          formData,
          onChange,
          schema: { title: 'Cluster settings' },
          uiOptions: {},
          formContextData: { profile: 'exposing' },
        } as any)}
      />
    </TestApiProvider>,
  );
  return { onChange, urls };
}

describe('ClusterClassVariables', () => {
  it("generates a select for an enum and a checkbox for a boolean from the class's schema, with the description as help", async () => {
    const { onChange, urls } = await renderField({ etcdEncryption: false });
    const group = await screen.findByRole('group', {
      name: 'Cluster settings',
    });
    expect(urls[0]).toMatch(
      /\/api\/capi\/cluster-classes\?managementCluster=onprem-fra&namespace=clusters&name=vsphere-standard$/,
    );
    expect(
      within(group).getByText(
        'How kube-proxy routes Service traffic. (ClusterClass variable kubeProxyMode)',
      ),
    ).toBeInTheDocument();
    expect(
      within(group).getByText(
        'Encrypt Secrets at rest in etcd. (ClusterClass variable etcdEncryption)',
      ),
    ).toBeInTheDocument();
    // Labelled in words, not with the raw variable names.
    expect(within(group).getByText('Kube proxy mode')).toBeInTheDocument();
    expect(within(group).queryByText('kubeProxyMode')).not.toBeInTheDocument();
    expect(within(group).queryByText('etcdEncryption')).not.toBeInTheDocument();
    expect(
      within(group).getByRole('checkbox', { name: 'Etcd encryption' }),
    ).toHaveAccessibleDescription(/Encrypt Secrets at rest in etcd/);

    await userEvent.click(within(group).getByRole('button'));
    await userEvent.click(await screen.findByRole('option', { name: 'ipvs' }));
    expect(onChange).toHaveBeenLastCalledWith({
      etcdEncryption: false,
      kubeProxyMode: 'ipvs',
    });

    await userEvent.click(
      within(group).getByRole('checkbox', { name: 'Etcd encryption' }),
    );
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith({ etcdEncryption: true }),
    );
  });
});
