import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { signalApiRef } from '@backstage/plugin-signals-react';
import capiPlugin, {
  capiClusterClassVariablesField,
  capiFleetPage,
  capiNodePoolsEditorField,
} from './index';
import { entityCapiClustersCard } from './entityCard';
import { capiApiRef } from '../api';
import { CAPI_FIELD_NAMES } from '../fieldExtensions';
import {
  FakeSignalApi,
  fakeCapiApi,
  paymentsComponent,
} from '../__fixtures__/testApis';

describe('capi plugin for the new frontend system', () => {
  it('has plugin id capi and provides the API, page, card, tab and four form fields', () => {
    expect(capiPlugin.pluginId).toBe('capi');
    for (const id of [
      'api:capi',
      'page:capi',
      'entity-card:capi/clusters',
      'entity-content:capi/clusters',
      'scaffolder-form-field:capi/cluster-profile-picker',
      'scaffolder-form-field:capi/kubernetes-version-picker',
      'scaffolder-form-field:capi/cluster-picker',
      'scaffolder-form-field:capi/node-pools-editor',
      'scaffolder-form-field:capi/cluster-review',
      'scaffolder-form-field:capi/profile-review',
      'scaffolder-form-field:capi/choices-review',
    ] as const) {
      expect(capiPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the card on components, systems, groups and cluster resources only', () => {
    const tester = createExtensionTester(entityCapiClustersCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(paymentsComponent)).toBe(true);
    expect(filter({ ...paymentsComponent, kind: 'Group' })).toBe(true);
    expect(
      filter({
        ...paymentsComponent,
        kind: 'Resource',
        spec: { type: 'kubernetes-cluster' },
      }),
    ).toBe(true);
    expect(
      filter({
        ...paymentsComponent,
        kind: 'Resource',
        spec: { type: 'database' },
      }),
    ).toBe(false);
    expect(filter({ ...paymentsComponent, kind: 'API' })).toBe(false);
  });

  it('renders the fleet page at /capi, titled for the nav', async () => {
    const tester = createExtensionTester(capiFleetPage, {
      apis: [
        [capiApiRef, fakeCapiApi()],
        [signalApiRef, new FakeSignalApi()],
      ],
    });
    renderInTestApp(tester.reactElement(), {
      apis: [
        [capiApiRef, fakeCapiApi()],
        [signalApiRef, new FakeSignalApi()],
      ],
      // Fleet rows link to each cluster's catalog page.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('table', { name: 'Management cluster health' }),
    ).toBeInTheDocument();
  });

  it('renders the entity card from the extension', async () => {
    const tester = createExtensionTester(entityCapiClustersCard);
    renderInTestApp(
      <EntityProvider entity={paymentsComponent}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [capiApiRef, fakeCapiApi()],
          [signalApiRef, new FakeSignalApi()],
        ],
        // With many clusters the card links each to its catalog page.
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('status', {
        name: 'Cluster payments-prod status: Available',
      }),
    ).toBeInTheDocument();
  });

  it('loads the node pools editor field', async () => {
    const tester = createExtensionTester(capiNodePoolsEditorField);
    const field = await tester.get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    )();
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
    expect(CAPI_FIELD_NAMES.nodePoolsEditor).toBe('CapiNodePoolsEditor');
  });

  it('loads the ClusterClass variables field', async () => {
    const tester = createExtensionTester(capiClusterClassVariablesField);
    const field = await tester.get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    )();
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
  });
});
