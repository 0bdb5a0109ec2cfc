import {
  type AuthRequestOptions,
  type BackstageIdentityApi,
  type BackstageIdentityResponse,
  type DiscoveryApi,
  type ProfileInfo,
  type ProfileInfoApi,
  type SessionApi,
  SessionState,
  createApiRef,
} from '@backstage/frontend-plugin-api';
import type { Observable } from '@backstage/types';

type Session = { identity: BackstageIdentityResponse; profile: ProfileInfo };

/** The demo's "plain team member" sign-in (auth provider `demo-member`). */
export const demoMemberAuthApiRef = createApiRef<
  ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'capstan.auth.demo-member' });

/**
 * Client of a proxy auth provider without a login dialog: a session is one
 * `GET /api/auth/<provider>/refresh`, renewed shortly before it expires.
 * Demo only.
 */
export class DemoMemberAuth
  implements ProfileInfoApi, BackstageIdentityApi, SessionApi
{
  readonly #discoveryApi: DiscoveryApi;
  readonly #provider: string;
  #session?: Session;
  #state: SessionState = SessionState.SignedOut;
  readonly #listeners = new Set<(state: SessionState) => void>();

  constructor(options: { discoveryApi: DiscoveryApi; provider?: string }) {
    this.#discoveryApi = options.discoveryApi;
    this.#provider = options.provider ?? 'demo-member';
  }

  async #fetchSession(): Promise<Session> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('auth');
    const response = await fetch(`${baseUrl}/${this.#provider}/refresh`, {
      credentials: 'include',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (!response.ok) {
      throw new Error(
        `Demo member sign-in failed: ${response.status} ${response.statusText}`,
      );
    }
    const body = await response.json();
    const { backstageIdentity, profile } = body;
    const expiresInSeconds = backstageIdentity.expiresInSeconds ?? 3600;
    return {
      identity: {
        token: backstageIdentity.token,
        identity: backstageIdentity.identity,
        expiresAt: new Date(Date.now() + expiresInSeconds * 1000),
      },
      profile: profile ?? {},
    };
  }

  async #current(): Promise<Session> {
    const expiresAt = this.#session?.identity.expiresAt?.getTime() ?? 0;
    if (!this.#session || expiresAt - Date.now() < 60_000) {
      this.#session = await this.#fetchSession();
      this.#setState(SessionState.SignedIn);
    }
    return this.#session;
  }

  #setState(state: SessionState) {
    if (state === this.#state) return;
    this.#state = state;
    this.#listeners.forEach(listener => listener(state));
  }

  async getBackstageIdentity(
    _options?: AuthRequestOptions,
  ): Promise<BackstageIdentityResponse | undefined> {
    return (await this.#current()).identity;
  }

  async getProfile(
    _options?: AuthRequestOptions,
  ): Promise<ProfileInfo | undefined> {
    return (await this.#current()).profile;
  }

  async signIn(): Promise<void> {
    await this.#current();
  }

  async signOut(): Promise<void> {
    this.#session = undefined;
    this.#setState(SessionState.SignedOut);
  }

  sessionState$(): Observable<SessionState> {
    const listeners = this.#listeners;
    const current = () => this.#state;
    const observable: Observable<SessionState> = {
      [Symbol.observable]() {
        return observable;
      },
      subscribe(
        observerOrNext?:
          | { next?(state: SessionState): void }
          | ((state: SessionState) => void),
      ) {
        const next =
          typeof observerOrNext === 'function'
            ? observerOrNext
            : (state: SessionState) => observerOrNext?.next?.(state);
        listeners.add(next);
        next(current());
        let closed = false;
        return {
          get closed() {
            return closed;
          },
          unsubscribe() {
            closed = true;
            listeners.delete(next);
          },
        };
      },
    } as Observable<SessionState>;
    return observable;
  }
}
