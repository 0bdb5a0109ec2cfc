export * from './profiles';
export * from './extensions';
export * from './permissions';
export * from './clusterEntity';
