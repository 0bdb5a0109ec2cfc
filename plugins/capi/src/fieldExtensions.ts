import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  ClusterPicker,
  type ClusterPickerUiOptions,
} from './components/ClusterPicker/ClusterPicker';
import { ChangePreview } from './components/ChangePreview/ChangePreview';
import { PREVIEW_ACTIONS } from './components/ChangePreview/previewInput';
import {
  DecommissionConfirm,
  validateDecommissionConfirm,
} from './components/DecommissionConfirm/DecommissionConfirm';
import { ClusterProfilePicker } from './components/ClusterProfilePicker/ClusterProfilePicker';
import { ClusterClassVariables } from './components/ClusterClassVariables/ClusterClassVariables';
import { KubernetesVersionPicker } from './components/KubernetesVersionPicker/KubernetesVersionPicker';
import {
  NodePoolsEditor,
  validateNodePoolsField,
} from './components/NodePoolsEditor/NodePoolsEditor';

/**
 * The scaffolder field extensions, shared by the legacy and the new frontend
 * system exports. The names are what templates put in `ui:field`.
 */
export const CAPI_FIELD_NAMES = {
  profilePicker: 'CapiClusterProfilePicker',
  kubernetesVersionPicker: 'CapiKubernetesVersionPicker',
  clusterPicker: 'CapiClusterPicker',
  nodePoolsEditor: 'CapiNodePoolsEditor',
  decommissionConfirm: 'CapiDecommissionConfirm',
  changePreview: 'CapiChangePreview',
  clusterClassVariables: 'CapiClusterClassVariables',
} as const;

export const clusterClassVariablesOptions = {
  name: CAPI_FIELD_NAMES.clusterClassVariables,
  component: ClusterClassVariables,
  schema: {
    returnValue: { type: 'object' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        profileField: {
          type: 'string' as const,
          description: 'Form field holding the profile name (default profile)',
        },
      },
    },
  },
};

export const clusterProfilePickerOptions = {
  name: CAPI_FIELD_NAMES.profilePicker,
  component: ClusterProfilePicker,
  schema: { returnValue: { type: 'string' as const } },
} satisfies FieldExtensionOptions<string>;

export const kubernetesVersionPickerOptions = {
  name: CAPI_FIELD_NAMES.kubernetesVersionPicker,
  component: KubernetesVersionPicker,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        profileField: {
          type: 'string' as const,
          description: 'Form field holding the profile name',
        },
        upgradeFromCluster: {
          type: 'string' as const,
          description: 'Form field holding the cluster ref to upgrade',
        },
      },
    },
  },
};

export const clusterPickerOptions = {
  name: CAPI_FIELD_NAMES.clusterPicker,
  component: ClusterPicker,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        action: {
          type: 'string' as const,
          enum: [
            'upgrade',
            'scale-node-pool',
            'add-node-pool',
            'remove-node-pool',
            'decommission',
          ],
          description:
            'What the template does; only clusters it can change are listed',
        },
      },
    },
  },
} satisfies FieldExtensionOptions<string, ClusterPickerUiOptions>;

export const nodePoolsEditorOptions = {
  name: CAPI_FIELD_NAMES.nodePoolsEditor,
  component: NodePoolsEditor,
  validation: validateNodePoolsField,
  schema: {
    returnValue: { type: 'array' as const, items: { type: 'object' as const } },
    uiOptions: {
      type: 'object' as const,
      properties: {
        profileField: { type: 'string' as const },
        clusterField: { type: 'string' as const },
      },
    },
  },
};

export const decommissionConfirmOptions = {
  name: CAPI_FIELD_NAMES.decommissionConfirm,
  component: DecommissionConfirm,
  validation: validateDecommissionConfirm,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        clusterField: {
          type: 'string' as const,
          description: 'Form field holding the cluster ref to decommission',
        },
      },
    },
  },
};

export const changePreviewOptions = {
  name: CAPI_FIELD_NAMES.changePreview,
  component: ChangePreview,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        action: {
          type: 'string' as const,
          enum: [...PREVIEW_ACTIONS],
          description: 'The change whose impact is previewed (a dry run)',
        },
      },
    },
  },
};
