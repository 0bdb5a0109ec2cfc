import { waitFor } from '@testing-library/react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { capiApiRef } from '../../api';
import {
  availableCluster,
  degradedCluster,
  fleetSummariesResponse,
} from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';
import { ClusterReview, type ClusterReviewUiOptions } from './ClusterReview';
import { ProfileReview } from './ProfileReview';
import {
  ChoicesReview,
  choicesText,
  choiceTitles,
  type ChoicesReviewUiOptions,
} from './ChoicesReview';

const identity = mockApis.identity({
  userEntityRef: 'user:default/jane',
  ownershipEntityRefs: ['group:default/team-payments'],
});

async function renderWithApis(element: JSX.Element, api = fakeCapiApi()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [coreApis.identity, identity],
      ]}
    >
      {element}
    </TestApiProvider>,
  );
}

describe('ProfileReview', () => {
  it("hands Review the profile's title, not its id", async () => {
    const props = fieldProps<string>({
      formContextData: { profile: 'onprem-fra-prod' },
    });
    await renderWithApis(<ProfileReview {...props} />);
    await waitFor(() =>
      expect(props.onChange).toHaveBeenLastCalledWith(
        'On-prem Frankfurt — production',
      ),
    );
  });

  it('leaves the row out while no profile is chosen', async () => {
    const props = fieldProps<string>({
      formData: 'On-prem Frankfurt — production',
      formContextData: {},
    });
    await renderWithApis(<ProfileReview {...props} />);
    await waitFor(() => expect(props.onChange).toHaveBeenCalledWith(undefined));
  });
});

describe('ClusterReview', () => {
  it('hands Review the cluster by its name, not its ref', async () => {
    const props = fieldProps<string, ClusterReviewUiOptions>({
      formContextData: { cluster: availableCluster.id },
    });
    await renderWithApis(<ClusterReview {...props} />);
    await waitFor(() =>
      expect(props.onChange).toHaveBeenLastCalledWith('payments-prod'),
    );
    expect(props.onChange).not.toHaveBeenCalledWith(
      expect.stringContaining('/'),
    );
  });

  it('adds namespace and management cluster when another cluster has the same name', async () => {
    const twin = {
      ...degradedCluster,
      id: 'aws-eu-west/clusters/checkout-prod',
      namespace: 'clusters',
    };
    const api = fakeCapiApi({
      getFleetSummaries: jest.fn(async () =>
        fleetSummariesResponse([degradedCluster, twin]),
      ),
    });
    const props = fieldProps<string, ClusterReviewUiOptions>({
      formContextData: { target: twin.id },
      uiOptions: { clusterField: 'target' },
    });
    await renderWithApis(<ClusterReview {...props} />, api);
    await waitFor(() =>
      expect(props.onChange).toHaveBeenLastCalledWith(
        'checkout-prod (clusters · AWS eu-west-1)',
      ),
    );
  });
});

describe('ChoicesReview', () => {
  const addonsSchema = {
    type: 'array',
    items: {
      type: 'string',
      oneOf: [
        { const: 'monitoring', title: 'Monitoring' },
        { const: 'cert-manager', title: 'cert-manager (TLS certificates)' },
      ],
    },
  };

  it('says "None" instead of an empty row when nothing is chosen', async () => {
    const props = fieldProps<string, ChoicesReviewUiOptions>({
      formContextData: { addons: [] },
      registry: { rootSchema: { properties: { addons: addonsSchema } } },
    } as never);
    await renderInTestApp(<ChoicesReview {...props} />);
    await waitFor(() => expect(props.onChange).toHaveBeenCalledWith('None'));
  });

  it('lists the chosen values by their titles', async () => {
    const props = fieldProps<string, ChoicesReviewUiOptions>({
      formContextData: { addons: ['cert-manager', 'monitoring'] },
      registry: { rootSchema: { properties: { addons: addonsSchema } } },
    } as never);
    await renderInTestApp(<ChoicesReview {...props} />);
    await waitFor(() =>
      expect(props.onChange).toHaveBeenCalledWith(
        'cert-manager (TLS certificates), Monitoring',
      ),
    );
  });

  it('reads enumNames too, and falls back to the value', () => {
    const titles = choiceTitles({
      items: { enum: ['a', 'b'], enumNames: ['Alpha'] },
    });
    expect(choicesText(['a', 'b'], titles)).toBe('Alpha, b');
    expect(choicesText(undefined, titles, 'Nothing')).toBe('Nothing');
    // A list of strings without titles (network blocks): as typed, empty ones left out.
    expect(
      choicesText(['192.168.0.0/16', ' ', 'fd00::/48'], new Map(), 'Default'),
    ).toBe('192.168.0.0/16, fd00::/48');
    expect(choicesText([''], new Map(), "The profile's default")).toBe(
      "The profile's default",
    );
  });
});
