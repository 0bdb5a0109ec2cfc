export { default } from './plugin';
export {
  capiFleetPage,
  capiClusterProfilePickerField,
  capiKubernetesVersionPickerField,
  capiClusterPickerField,
  capiNodePoolsEditorField,
  capiDecommissionConfirmField,
  capiChangePreviewField,
  capiClusterClassVariablesField,
} from './plugin';
export { capiApi } from './apis';
export { entityCapiClustersCard } from './entityCard';
export { entityCapiClustersContent } from './entityContent';
