export * from './patchState';
export * from './clusterEntityResolver';
