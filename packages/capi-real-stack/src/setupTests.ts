// capi-backend loads the ESM-only @kubernetes/client-node with a dynamic
// import(), which jest cannot run without --experimental-vm-modules; hand it
// the statically loaded module, as capi-backend's own setupTests does.
jest.mock('@capstan/plugin-capi-backend/src/kubernetes/loadClientNode', () => ({
  loadClientNode: async () => jest.requireActual('@kubernetes/client-node'),
}));

export {};
