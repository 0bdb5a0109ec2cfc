import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { capiApiRef } from '../../api';
import {
  ClusterPicker,
  UNLISTED_LINKED_CLUSTER,
  canPick,
  type ClusterPickerUiOptions,
} from './ClusterPicker';
import {
  allClusters,
  availableCluster,
  degradedCluster,
  entityClustersResponse,
  fleetSummariesResponse,
  notInGitCluster,
} from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';

const identity = mockApis.identity({
  userEntityRef: 'user:default/jane',
  ownershipEntityRefs: ['user:default/jane', 'group:default/team-checkout'],
});

async function notFound() {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'no such entity' },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

async function forbidden() {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'not allowed' },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

async function renderPicker(
  api = fakeCapiApi(),
  permission = mockApis.permission(),
  formData?: string,
) {
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [coreApis.identity, identity],
        [permissionApiRef, permission],
      ]}
    >
      <ClusterPicker {...fieldProps<string>({ onChange, formData })} />
    </TestApiProvider>,
  );
  return { onChange, api };
}

describe('ClusterPicker', () => {
  it("offers the clusters the user's groups own when the user may not read the fleet", async () => {
    const api = fakeCapiApi({
      getFleetSummaries: jest.fn(async () => Promise.reject(await forbidden())),
      // The user has no User entity in the catalog: 404 for it.
      getEntityClusters: jest.fn(async ref =>
        ref === 'group:default/team-checkout'
          ? entityClustersResponse(ref, [degradedCluster])
          : Promise.reject(await notFound()),
      ),
    });
    const { onChange } = await renderPicker(api);
    await waitFor(() => expect(api.getEntityClusters).toHaveBeenCalledTimes(2));
    expect(api.getEntityClusters).toHaveBeenCalledWith(
      'group:default/team-checkout',
      { offset: 0, limit: 100 },
    );
    await userEvent.click(screen.getByRole('textbox', { name: 'Cluster' }));
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(1);
    // The name, not the ref; no place while the name is unique.
    expect(options[0]).toHaveTextContent(
      'checkout-prod · Degraded · Kubernetes v1.31.4',
    );
    await userEvent.click(options[0]);
    expect(onChange).toHaveBeenCalledWith(
      'aws-eu-west/team-checkout/checkout-prod',
    );
  });

  it('does not ask for the fleet when the policy already refuses it (no 403 in the console)', async () => {
    const api = fakeCapiApi({
      getFleetSummaries: jest.fn(),
      getEntityClusters: jest.fn(async ref =>
        entityClustersResponse(ref, [degradedCluster]),
      ),
    });
    await renderPicker(
      api,
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
    );
    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Cluster' }),
    );
    expect(await screen.findAllByRole('option')).toHaveLength(1);
    expect(api.getFleetSummaries).not.toHaveBeenCalled();
  });

  it("drops a linked cluster it does not offer (another team's, say) and says why, without saying whether it exists", async () => {
    const api = fakeCapiApi({
      getEntityClusters: jest.fn(async ref =>
        entityClustersResponse(ref, [degradedCluster]),
      ),
    });
    const { onChange } = await renderPicker(
      api,
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
      'aws-eu/clusters/payments-dev-00020',
    );
    expect(await screen.findByText(UNLISTED_LINKED_CLUSTER)).toBeVisible();
    expect(onChange).toHaveBeenCalledWith(undefined);
    expect(screen.getByRole('textbox', { name: 'Cluster' })).toHaveValue('');
    expect(screen.queryByText(/payments-dev-00020/)).toBeNull();
  });

  it('keeps a linked cluster it offers, without a word about links', async () => {
    const { onChange } = await renderPicker(
      fakeCapiApi(),
      mockApis.permission(),
      degradedCluster.id,
    );
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Cluster' })).toHaveValue(
        degradedCluster.name,
      ),
    );
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.queryByText(UNLISTED_LINKED_CLUSTER)).toBeNull();
  });

  it('offers the whole fleet, own clusters first, to people who may read it', async () => {
    await renderPicker();
    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Cluster' }),
    );
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(allClusters.length);
    expect(options[0]).toHaveTextContent('checkout-prod');
    expect(screen.getByText('Your clusters')).toBeInTheDocument();
    expect(screen.getByText('Other clusters')).toBeInTheDocument();
  });

  it('lists only clusters the template can change, and says how many it left out', async () => {
    const upgradable = { ...availableCluster, upgradeOptions: ['v1.32.1'] };
    const noNewer = {
      ...degradedCluster,
      upgradeOptions: [],
    };
    const api = fakeCapiApi({
      getFleetSummaries: jest.fn(async () =>
        fleetSummariesResponse([upgradable, noNewer, notInGitCluster]),
      ),
    });
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [capiApiRef, api],
          [coreApis.identity, identity],
        ]}
      >
        <ClusterPicker
          {...fieldProps<string, ClusterPickerUiOptions>({
            onChange,
            uiOptions: { action: 'upgrade' },
          })}
        />
      </TestApiProvider>,
    );
    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Cluster' }),
    );
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      expect.stringContaining('payments-prod'),
    ]);
    expect(
      screen.getByText(
        /2 clusters are not listed: not managed through Git or with no newer version allowed/,
      ),
    ).toBeInTheDocument();
  });

  it('never offers a cluster that is not managed through Git, whatever the action', () => {
    expect(canPick(notInGitCluster)).toBe(false);
    expect(canPick(notInGitCluster, 'decommission')).toBe(false);
    expect(canPick({ ...availableCluster, gitManaged: undefined })).toBe(false);
    expect(canPick(availableCluster, 'scale-node-pool')).toBe(true);
    expect(
      canPick({ ...availableCluster, nodePools: [] }, 'scale-node-pool'),
    ).toBe(false);
  });

  it('shows clusters by name, with namespace and management cluster only when two share a name', async () => {
    const twin = {
      ...degradedCluster,
      id: 'aws-eu-west/clusters/checkout-prod',
      namespace: 'clusters',
      uid: 'twin',
    };
    const api = fakeCapiApi({
      getFleetSummaries: jest.fn(async () =>
        fleetSummariesResponse([availableCluster, degradedCluster, twin]),
      ),
    });
    const { onChange } = await renderPicker(api);
    const input = await screen.findByRole('textbox', { name: 'Cluster' });
    await userEvent.click(input);
    const options = await screen.findAllByRole('option');
    const texts = options.map(o => o.textContent);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^payments-prod · /),
        expect.stringMatching(
          /^checkout-prod \(team-checkout · AWS eu-west-1\) · /,
        ),
        expect.stringMatching(/^checkout-prod \(clusters · AWS eu-west-1\) · /),
      ]),
    );
    expect(texts.join('\n')).not.toMatch(/\/team-checkout\/|\/clusters\//);
    // Typing the namespace finds the cluster there; the value stays the ref.
    await userEvent.type(input, 'clusters');
    const found = await screen.findAllByRole('option');
    expect(found).toHaveLength(1);
    await userEvent.click(found[0]);
    expect(onChange).toHaveBeenCalledWith('aws-eu-west/clusters/checkout-prod');
  });

  it('shows the picked cluster by name in its input, not by its ref', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [capiApiRef, fakeCapiApi()],
          [coreApis.identity, identity],
        ]}
      >
        <ClusterPicker
          {...fieldProps<string>({ formData: availableCluster.id })}
        />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Cluster' })).toHaveValue(
        availableCluster.name,
      ),
    );
  });

  it('says when loading failed', async () => {
    await renderPicker(
      fakeCapiApi({
        getFleetSummaries: jest
          .fn()
          .mockRejectedValue(new Error('backend down')),
      }),
    );
    expect(
      await screen.findByText('Could not load clusters: backend down'),
    ).toBeInTheDocument();
  });
});
