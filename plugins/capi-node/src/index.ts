export {};
export * from './profiles';
export * from './extensions';
