import {
  PageBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { rootRouteRef } from '../routes';
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
} from '../fieldExtensions';
import {
  capiChoicesReviewField,
  capiMachineSizeReviewField,
  capiClusterReviewField,
  capiProfileReviewField,
} from './reviewFields';
import { capiApi } from './apis';
import { entityCapiClustersCard } from './entityCard';
import { entityCapiClustersContent } from './entityContent';

/**
 * The fleet page at `/capi`. The app's nav is built from pages with a `title`
 * and `icon` (the nav content's `navItems`), so this is also the sidebar item.
 */
export const capiFleetPage = PageBlueprint.make({
  params: {
    path: '/capi',
    title: 'Clusters',
    icon: <CloudQueueIcon />,
    routeRef: rootRouteRef,
    // The page keeps its filters in the URL with react-router's
    // useSearchParams, so it declares its React Router v6 adapter (1.57).
    loader: () =>
      Promise.all([
        import('../components/CapiFleetPage/CapiFleetPage'),
        import('@backstage/frontend-adapter-react-router-v6'),
      ]).then(([m, { ReactRouterV6PageRouter }]) => (
        <ReactRouterV6PageRouter>
          <m.CapiFleetPageBody>
            <m.CapiFleetContent />
          </m.CapiFleetPageBody>
        </ReactRouterV6PageRouter>
      )),
  },
});

// The option objects carry JSON-schema descriptions for the legacy API; the
// new system's createFormField takes zod schemas, so only name, component
// and validation are passed on.
export const capiClusterProfilePickerField = FormFieldBlueprint.make({
  name: 'cluster-profile-picker',
  params: {
    field: async () =>
      createFormField({
        name: clusterProfilePickerOptions.name,
        component: clusterProfilePickerOptions.component,
      }),
  },
});

export const capiKubernetesVersionPickerField = FormFieldBlueprint.make({
  name: 'kubernetes-version-picker',
  params: {
    field: async () =>
      createFormField({
        name: kubernetesVersionPickerOptions.name,
        component: kubernetesVersionPickerOptions.component,
        validation: kubernetesVersionPickerOptions.validation,
      }),
  },
});

export const capiClusterPickerField = FormFieldBlueprint.make({
  name: 'cluster-picker',
  params: {
    field: async () =>
      createFormField({
        name: clusterPickerOptions.name,
        component: clusterPickerOptions.component,
      }),
  },
});

export const capiNodePoolsEditorField = FormFieldBlueprint.make({
  name: 'node-pools-editor',
  params: {
    field: async () =>
      createFormField({
        name: nodePoolsEditorOptions.name,
        component: nodePoolsEditorOptions.component,
        validation: nodePoolsEditorOptions.validation,
      }),
  },
});

export const capiDecommissionConfirmField = FormFieldBlueprint.make({
  name: 'decommission-confirm',
  params: {
    field: async () =>
      createFormField({
        name: decommissionConfirmOptions.name,
        component: decommissionConfirmOptions.component,
        validation: decommissionConfirmOptions.validation,
      }),
  },
});

export const capiChangePreviewField = FormFieldBlueprint.make({
  name: 'change-preview',
  params: {
    field: async () =>
      createFormField({
        name: changePreviewOptions.name,
        component: changePreviewOptions.component,
        validation: changePreviewOptions.validation,
      }),
  },
});

export const capiClusterClassVariablesField = FormFieldBlueprint.make({
  name: 'cluster-class-variables',
  params: {
    field: async () =>
      createFormField({
        name: clusterClassVariablesOptions.name,
        component: clusterClassVariablesOptions.component,
      }),
  },
});

export const capiClusterNameField = FormFieldBlueprint.make({
  name: 'cluster-name',
  params: {
    field: async () =>
      createFormField({
        name: clusterNameOptions.name,
        component: clusterNameOptions.component,
        validation: clusterNameOptions.validation,
      }),
  },
});

export const capiNetworkListField = FormFieldBlueprint.make({
  name: 'network-list',
  params: {
    field: async () =>
      createFormField({
        name: networkListOptions.name,
        component: networkListOptions.component,
        validation: networkListOptions.validation,
      }),
  },
});

export const capiNodePoolsReviewField = FormFieldBlueprint.make({
  name: 'node-pools-review',
  params: {
    field: async () =>
      createFormField({
        name: nodePoolsReviewOptions.name,
        component: nodePoolsReviewOptions.component,
      }),
  },
});

export const capiTeamOwnerPickerField = FormFieldBlueprint.make({
  name: 'team-owner-picker',
  params: {
    field: async () =>
      createFormField({
        name: teamOwnerPickerOptions.name,
        component: teamOwnerPickerOptions.component,
      }),
  },
});

export const capiChangeCountField = FormFieldBlueprint.make({
  name: 'change-count',
  params: {
    field: async () =>
      createFormField({
        name: changeCountOptions.name,
        component: changeCountOptions.component,
        validation: changeCountOptions.validation,
      }),
  },
});

export const capiScalingModeField = FormFieldBlueprint.make({
  name: 'scaling-mode',
  params: {
    field: async () =>
      createFormField({
        name: scalingModeOptions.name,
        component: scalingModeOptions.component,
      }),
  },
});

export const capiMachineSizePickerField = FormFieldBlueprint.make({
  name: 'machine-size-picker',
  params: {
    field: async () =>
      createFormField({
        name: machineSizePickerOptions.name,
        component: machineSizePickerOptions.component,
        validation: machineSizePickerOptions.validation,
      }),
  },
});

export const capiNodePoolPickerField = FormFieldBlueprint.make({
  name: 'node-pool-picker',
  params: {
    field: async () =>
      createFormField({
        name: nodePoolPickerOptions.name,
        component: nodePoolPickerOptions.component,
        validation: nodePoolPickerOptions.validation,
      }),
  },
});

export const capiNodePoolNameField = FormFieldBlueprint.make({
  name: 'node-pool-name',
  params: {
    field: async () =>
      createFormField({
        name: nodePoolNameOptions.name,
        component: nodePoolNameOptions.component,
        validation: nodePoolNameOptions.validation,
      }),
  },
});

export const capiEntityReviewField = FormFieldBlueprint.make({
  name: 'entity-review',
  params: {
    field: async () =>
      createFormField({
        name: entityReviewOptions.name,
        component: entityReviewOptions.component,
      }),
  },
});

/**
 * The capi plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'capi',
  title: 'Clusters',
  icon: <CloudQueueIcon />,
  info: { packageJson: () => import('../../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    capiApi,
    capiFleetPage,
    entityCapiClustersCard,
    entityCapiClustersContent,
    capiClusterProfilePickerField,
    capiKubernetesVersionPickerField,
    capiClusterPickerField,
    capiNodePoolsEditorField,
    capiDecommissionConfirmField,
    capiChangePreviewField,
    capiClusterClassVariablesField,
    capiClusterNameField,
    capiNetworkListField,
    capiNodePoolsReviewField,
    capiTeamOwnerPickerField,
    capiChangeCountField,
    capiScalingModeField,
    capiMachineSizePickerField,
    capiNodePoolPickerField,
    capiNodePoolNameField,
    capiEntityReviewField,
    capiClusterReviewField,
    capiProfileReviewField,
    capiChoicesReviewField,
    capiMachineSizeReviewField,
  ],
});
