import { SessionState } from '@backstage/frontend-plugin-api';
import { DemoMemberAuth } from './DemoMemberAuth';

describe('DemoMemberAuth', () => {
  const discoveryApi = {
    getBaseUrl: async (id: string) => `http://backend/api/${id}`,
  };
  const identity = {
    type: 'user' as const,
    userEntityRef: 'user:default/mia',
    ownershipEntityRefs: ['user:default/mia', 'group:default/team-checkout'],
  };
  let fetchMock: jest.Mock;
  const originalFetch = global.fetch;
  afterEach(() => {
    global.fetch = originalFetch;
  });

  beforeEach(() => {
    fetchMock = jest.fn(async () => ({
      ok: true,
      status: 200,
      statusText: 'OK',
      json: async () => ({
        profile: { displayName: 'Mia Checkout' },
        backstageIdentity: { token: 'tok', identity, expiresInSeconds: 3600 },
      }),
    }));
    global.fetch = fetchMock as unknown as typeof fetch;
  });

  it("signs in through the provider's refresh endpoint once and reuses the session", async () => {
    const auth = new DemoMemberAuth({ discoveryApi });
    const states: SessionState[] = [];
    auth.sessionState$().subscribe(s => states.push(s));
    expect(await auth.getBackstageIdentity()).toMatchObject({
      token: 'tok',
      identity,
    });
    expect(await auth.getProfile()).toEqual({ displayName: 'Mia Checkout' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledWith(
      'http://backend/api/auth/demo-member/refresh',
      expect.objectContaining({
        credentials: 'include',
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      }),
    );
    await auth.signOut();
    expect(states).toEqual([
      SessionState.SignedOut,
      SessionState.SignedIn,
      SessionState.SignedOut,
    ]);
  });

  it('fails sign-in with the HTTP status when the provider refuses', async () => {
    fetchMock.mockResolvedValueOnce({
      ok: false,
      status: 403,
      statusText: 'Forbidden',
    });
    const auth = new DemoMemberAuth({ discoveryApi });
    await expect(auth.signIn()).rejects.toThrow('403 Forbidden');
  });
});
