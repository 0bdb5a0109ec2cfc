/**
 * Clusters card, Clusters tab, fleet page and scaffolder field extensions
 * for Cluster API clusters (legacy frontend system exports; see `./alpha`
 * for the new frontend system).
 *
 * @packageDocumentation
 */

export {
  capiPlugin,
  CapiFleetPage,
  EntityCapiClustersCard,
  EntityCapiClustersContent,
  CapiClusterProfilePickerFieldExtension,
  CapiKubernetesVersionPickerFieldExtension,
  CapiClusterPickerFieldExtension,
  CapiNodePoolsEditorFieldExtension,
  CapiDecommissionConfirmFieldExtension,
  CapiChangePreviewFieldExtension,
  CapiClusterClassVariablesFieldExtension,
  CapiClusterNameFieldExtension,
  CapiNetworkListFieldExtension,
  CapiNodePoolsReviewFieldExtension,
  CapiTeamOwnerPickerFieldExtension,
  CapiChangeCountFieldExtension,
  CapiScalingModeFieldExtension,
  CapiMachineSizePickerFieldExtension,
  CapiNodePoolPickerFieldExtension,
  CapiNodePoolNameFieldExtension,
  CapiEntityReviewFieldExtension,
  CapiClusterReviewFieldExtension,
  CapiProfileReviewFieldExtension,
  CapiChoicesReviewFieldExtension,
  CapiMachineSizeReviewFieldExtension,
} from './plugin';
export { capiApiRef, CapiClient } from './api';
export type {
  CapiApi,
  CapiClientOptions,
  FleetComplianceQuery,
  PageQuery,
} from './api';
export { isCapiAvailable } from './entityFilter';
