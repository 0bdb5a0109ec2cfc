export * from './types';
export { normaliseCluster } from './cluster';
export { normaliseMachineDeployment, normaliseMachinePool } from './pools';
export { normaliseKubeadmControlPlane } from './controlPlane';
export { normaliseMachine } from './machine';
export type { TrimOptions } from './meta';
export { readConditions, conditionsOf } from './conditions';
