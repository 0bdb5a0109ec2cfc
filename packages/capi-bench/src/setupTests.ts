// jest transforms static imports of the ESM-only Kubernetes client, but not
// the capi backend's dynamic import() of it (see capi-backend's setupTests).
jest.mock('@capstan/plugin-capi-backend/src/kubernetes/loadClientNode', () => ({
  loadClientNode: async () => jest.requireActual('@kubernetes/client-node'),
}));

export {};
