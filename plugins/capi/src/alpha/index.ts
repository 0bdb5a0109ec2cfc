export { default } from './plugin';
export {
  capiFleetPage,
  capiClusterProfilePickerField,
  capiKubernetesVersionPickerField,
  capiClusterPickerField,
  capiNodePoolsEditorField,
} from './plugin';
export { capiApi } from './apis';
export { entityCapiClustersCard } from './entityCard';
export { entityCapiClustersContent } from './entityContent';
