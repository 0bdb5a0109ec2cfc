import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  ClusterPicker,
  type ClusterPickerUiOptions,
} from './components/ClusterPicker/ClusterPicker';
import { ChangePreview } from './components/ChangePreview/ChangePreview';
import { PREVIEW_ACTIONS } from './components/ChangePreview/previewInput';
import { validateChangePreview } from './components/ChangePreview/validateChangePreview';
import {
  DecommissionConfirm,
  validateDecommissionConfirm,
} from './components/DecommissionConfirm/DecommissionConfirm';
import { ClusterProfilePicker } from './components/ClusterProfilePicker/ClusterProfilePicker';
import { ClusterClassVariables } from './components/ClusterClassVariables/ClusterClassVariables';
import {
  KubernetesVersionPicker,
  validateKubernetesVersion,
} from './components/KubernetesVersionPicker/KubernetesVersionPicker';
import {
  ChangeCountField,
  validateChangeCount,
} from './components/ChangeCountField/ChangeCountField';
import { ScalingModeField } from './components/ChangeCountField/ScalingModeField';
import { MachineSizePicker } from './components/MachineSize/MachineSizePicker';
import { validateMachineSize } from './components/MachineSize/validateMachineSize';
import {
  NodePoolNameField,
  validateNodePoolName,
} from './components/NodePoolName/NodePoolNameField';
import {
  NodePoolPicker,
  validateNodePool,
  type NodePoolPickerUiOptions,
} from './components/NodePoolPicker/NodePoolPicker';
import {
  NodePoolsEditor,
  validateNodePoolsField,
} from './components/NodePoolsEditor/NodePoolsEditor';
import {
  ClusterNameField,
  validateClusterName,
} from './components/FormValidation/ClusterNameField';
import {
  NetworkListField,
  validateNetworkList,
} from './components/FormValidation/NetworkListField';
import { NodePoolsReview } from './components/FormValidation/NodePoolsReview';
import { EntityReview } from './components/FormValidation/EntityReview';
import { TeamOwnerPicker } from './components/TeamOwnerPicker/TeamOwnerPicker';
import {
  choicesReviewOptions,
  clusterReviewOptions,
  machineSizeReviewOptions,
  profileReviewOptions,
} from './components/ReviewFields/reviewFieldOptions';

export {
  choicesReviewOptions,
  clusterReviewOptions,
  machineSizeReviewOptions,
  profileReviewOptions,
};

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
  clusterName: 'CapiClusterName',
  networkList: 'CapiNetworkList',
  nodePoolsReview: 'CapiNodePoolsReview',
  teamOwnerPicker: 'CapiTeamOwnerPicker',
  changeCount: 'CapiChangeCount',
  scalingMode: 'CapiScalingMode',
  machineSizePicker: 'CapiMachineSizePicker',
  nodePoolPicker: 'CapiNodePoolPicker',
  nodePoolName: 'CapiNodePoolName',
  entityReview: 'CapiEntityReview',
  clusterReview: clusterReviewOptions.name,
  profileReview: profileReviewOptions.name,
  choicesReview: choicesReviewOptions.name,
  machineSizeReview: machineSizeReviewOptions.name,
} as const;

/** An entity of another field by its title, for the Review step; shows nothing on the form. */
export const entityReviewOptions = {
  name: CAPI_FIELD_NAMES.entityReview,
  component: EntityReview,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        refField: {
          type: 'string' as const,
          description: 'Form field holding the entity ref (default owner)',
        },
      },
    },
  },
};

/** A number of machines in a day-2 form, marked with what the change's dry run refuses. */
export const changeCountOptions = {
  name: CAPI_FIELD_NAMES.changeCount,
  component: ChangeCountField,
  validation: validateChangeCount,
  schema: {
    returnValue: { type: 'integer' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        change: {
          type: 'string' as const,
          enum: [...PREVIEW_ACTIONS],
          description: 'The day-2 change the form makes',
        },
        checks: {
          type: 'string' as const,
          enum: ['replicas', 'autoscaling.min', 'autoscaling.max'],
          description: 'Which input of the change this number is',
        },
        needsAutoscaler: {
          type: 'boolean' as const,
          description:
            "An autoscaling bound: not offered where the cluster's profile runs no cluster autoscaler",
        },
      },
    },
  },
};

/** How a pool scales (fixed or autoscaled), starting as the pool runs now. */
export const scalingModeOptions = {
  name: CAPI_FIELD_NAMES.scalingMode,
  component: ScalingModeField,
  schema: { returnValue: { type: 'string' as const } },
};

/** A machine size of the cluster's profile, by its title in words. */
export const machineSizePickerOptions = {
  name: CAPI_FIELD_NAMES.machineSizePicker,
  component: MachineSizePicker,
  validation: validateMachineSize,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        clusterField: {
          type: 'string' as const,
          description:
            'Form field holding the cluster ref whose profile applies (default cluster)',
        },
        profileField: {
          type: 'string' as const,
          description: 'Form field holding the profile name, instead',
        },
        change: {
          type: 'string' as const,
          enum: [...PREVIEW_ACTIONS],
          description:
            "The day-2 change the form makes; its dry run's problems of the size are marked on the field",
        },
      },
    },
  },
};

/** A node pool of the form's cluster, offered with its size and machines; unknown pools refused before Review. */
export const nodePoolPickerOptions = {
  name: CAPI_FIELD_NAMES.nodePoolPicker,
  component: NodePoolPicker,
  validation: validateNodePool,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        clusterField: {
          type: 'string' as const,
          description:
            'Form field holding the cluster ref whose pools are offered (default cluster)',
        },
        change: {
          type: 'string' as const,
          enum: [...PREVIEW_ACTIONS],
          description:
            "The day-2 change the form makes; its dry run's problems of the pool are marked on the field",
        },
      },
    },
  },
} satisfies FieldExtensionOptions<string, NodePoolPickerUiOptions>;

/** The name of a new node pool, marked with what the change's dry run refuses (a taken name). */
export const nodePoolNameOptions = {
  name: CAPI_FIELD_NAMES.nodePoolName,
  component: NodePoolNameField,
  validation: validateNodePoolName,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        change: {
          type: 'string' as const,
          enum: [...PREVIEW_ACTIONS],
          description: 'The day-2 change the form makes',
        },
      },
    },
  },
};

/** The owning team, starting with the user's own team (from /create). */
export const teamOwnerPickerOptions = {
  name: CAPI_FIELD_NAMES.teamOwnerPicker,
  component: TeamOwnerPicker,
  schema: { returnValue: { type: 'string' as const } },
};

/** The new cluster's name, checked (shape, and free in its management cluster) before Review. */
export const clusterNameOptions = {
  name: CAPI_FIELD_NAMES.clusterName,
  component: ClusterNameField,
  validation: validateClusterName,
  schema: { returnValue: { type: 'string' as const } },
};

/** Pod or service networks, each block labelled and checked before Review. */
export const networkListOptions = {
  name: CAPI_FIELD_NAMES.networkList,
  component: NetworkListField,
  validation: validateNetworkList,
  schema: {
    returnValue: { type: 'array' as const, items: { type: 'string' as const } },
    uiOptions: {
      type: 'object' as const,
      properties: {
        itemLabel: { type: 'string' as const },
        example: { type: 'string' as const },
        checks: {
          type: 'string' as const,
          enum: ['podCidrs', 'serviceCidrs'],
          description: 'Which list of the new-cluster request this is',
        },
      },
    },
  },
};

/** The node pools in words for the Review step; shows nothing on the form. */
export const nodePoolsReviewOptions = {
  name: CAPI_FIELD_NAMES.nodePoolsReview,
  component: NodePoolsReview,
  schema: {
    returnValue: { type: 'string' as const },
    uiOptions: {
      type: 'object' as const,
      properties: {
        poolsField: { type: 'string' as const },
        profileField: { type: 'string' as const },
      },
    },
  },
};

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
  validation: validateKubernetesVersion,
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
  validation: validateChangePreview,
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
