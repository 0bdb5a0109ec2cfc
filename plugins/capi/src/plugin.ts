import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { CapiClient, capiApiRef } from './api';
import { rootRouteRef } from './routes';
import {
  clusterPickerOptions,
  clusterProfilePickerOptions,
  kubernetesVersionPickerOptions,
  nodePoolsEditorOptions,
  decommissionConfirmOptions,
  changePreviewOptions,
  clusterClassVariablesOptions,
  clusterNameOptions,
  networkListOptions,
  nodePoolsReviewOptions,
  teamOwnerPickerOptions,
  changeCountOptions,
  scalingModeOptions,
  machineSizePickerOptions,
  nodePoolPickerOptions,
  nodePoolNameOptions,
  entityReviewOptions,
  clusterReviewOptions,
  profileReviewOptions,
  choicesReviewOptions,
  machineSizeReviewOptions,
} from './fieldExtensions';

/**
 * The capi plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const capiPlugin = createPlugin({
  id: 'capi',
  apis: [
    createApiFactory({
      api: capiApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new CapiClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The fleet page; mount it at `/capi`.
 *
 * @public
 */
export const CapiFleetPage = capiPlugin.provide(
  createRoutableExtension({
    name: 'CapiFleetPage',
    component: () =>
      import('./components/CapiFleetPage/CapiFleetPage').then(
        m => m.CapiFleetPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Card for an entity's overview page: its clusters, pools and patch state.
 *
 * @public
 */
export const EntityCapiClustersCard = capiPlugin.provide(
  createComponentExtension({
    name: 'EntityCapiClustersCard',
    component: {
      lazy: () =>
        import(
          './components/EntityCapiClustersCard/EntityCapiClustersCard'
        ).then(m => m.EntityCapiClustersCard),
    },
  }),
);

/**
 * Content for a "Clusters" tab on an entity page.
 *
 * @public
 */
export const EntityCapiClustersContent = capiPlugin.provide(
  createComponentExtension({
    name: 'EntityCapiClustersContent',
    component: {
      lazy: () =>
        import(
          './components/EntityCapiClustersContent/EntityCapiClustersContent'
        ).then(m => m.EntityCapiClustersContent),
    },
  }),
);

/** @public */
export const CapiClusterProfilePickerFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(clusterProfilePickerOptions),
);

/** @public */
export const CapiKubernetesVersionPickerFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(kubernetesVersionPickerOptions),
);

/** @public */
export const CapiClusterPickerFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(clusterPickerOptions),
);

/** @public */
export const CapiNodePoolsEditorFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(nodePoolsEditorOptions),
);

/** @public */
export const CapiDecommissionConfirmFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(decommissionConfirmOptions),
);

/** @public */
export const CapiClusterClassVariablesFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(clusterClassVariablesOptions),
);

/** @public */
export const CapiChangePreviewFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(changePreviewOptions),
);

/** @public */
export const CapiClusterNameFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(clusterNameOptions),
);

/** @public */
export const CapiNetworkListFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(networkListOptions),
);

/** @public */
export const CapiNodePoolsReviewFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(nodePoolsReviewOptions),
);

/** @public */
export const CapiTeamOwnerPickerFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(teamOwnerPickerOptions),
);

/** @public */
export const CapiChangeCountFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(changeCountOptions),
);

/** @public */
export const CapiScalingModeFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(scalingModeOptions),
);

/** @public */
export const CapiMachineSizePickerFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(machineSizePickerOptions),
);

/** @public */
export const CapiNodePoolPickerFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(nodePoolPickerOptions),
);

/** @public */
export const CapiNodePoolNameFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(nodePoolNameOptions),
);

/** @public */
export const CapiEntityReviewFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(entityReviewOptions),
);

/** @public */
export const CapiClusterReviewFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(clusterReviewOptions),
);

/** @public */
export const CapiProfileReviewFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(profileReviewOptions),
);

/** @public */
export const CapiChoicesReviewFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(choicesReviewOptions),
);

/** @public */
export const CapiMachineSizeReviewFieldExtension = capiPlugin.provide(
  createScaffolderFieldExtension(machineSizeReviewOptions),
);
