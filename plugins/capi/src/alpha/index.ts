export { default } from './plugin';
export {
  capiFleetPage,
  capiClusterProfilePickerField,
  capiKubernetesVersionPickerField,
  capiClusterPickerField,
  capiNodePoolsEditorField,
  capiDecommissionConfirmField,
  capiChangePreviewField,
} from './plugin';
export { capiApi } from './apis';
export { entityCapiClustersCard } from './entityCard';
export { entityCapiClustersContent } from './entityContent';
