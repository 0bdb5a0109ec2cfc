/**
 * Read model, permissions, annotation keys and API paths shared by the
 * Capstan CAPI plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './api';
export * from './campaigns';
export * from './changeRequests';
export * from './clusterClasses';
export * from './clusterManifestFields';
export * from './clusterNetwork';
export * from './clusterOwnership';
export * from './clusterRef';
export * from './drift';
export * from './endpoints';
export * from './lineStream';
export * from './machineSizes';
export * from './nodeLabels';
export * from './paging';
export * from './patchCompliance';
export * from './patchCounts';
export * from './patchStates';
export * from './rolloutVersion';
export * from './permissions';
export * from './providerNames';
export * from './types';
export * from './validation';
export * from './versions';
export * from './conditions';
export * from './conditionMessages';
export * from './words';
export * from './day2Check';
export * from './status';
export * from './headlineHealth';
export * from './explanations';
export * from './upgrades';
