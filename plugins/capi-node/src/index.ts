export {};
export * from './profiles';
