// jest transforms static imports of the ESM-only client, but not dynamic
// import(); hand the statically loaded module to the code under test.
jest.mock('./kubernetes/loadClientNode', () => ({
  loadClientNode: async () => jest.requireActual('@kubernetes/client-node'),
}));

export {};
