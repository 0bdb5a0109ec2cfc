// A copy of capi-backend's src/__testUtils__/pluginRequestAuth.ts (test-only; packages do not share test helpers).
import {
  BackstageCredentials,
  BackstagePrincipalTypes,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

type Request = Parameters<HttpAuthService['credentials']>[0];

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock httpAuth, with two differences that make it behave like the real
 * one for permission checks:
 * - a request from one plugin on behalf of a user (`getPluginRequestToken`
 *   with `onBehalfOf`) arrives as that user with the calling plugin as
 *   `actor`, as the real auth service does; the permission backend and the
 *   permissions registry refuse user requests without an actor for
 *   conditional decisions;
 * - a request without credentials is unauthenticated (the plain mock signs
 *   it in as a default user).
 */
export const pluginRequestHttpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    const withActor = (
      req: Request,
      credentials: BackstageCredentials,
    ): BackstageCredentials => {
      const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (
        token?.startsWith(MOCK_SERVICE_TOKEN_PREFIX) &&
        principal.type === 'user' &&
        principal.userEntityRef
      ) {
        return mockCredentials.user(principal.userEntityRef, {
          actor: { subject: 'plugin:caller' },
        });
      }
      return credentials;
    };
    return {
      async credentials<
        TAllowed extends keyof BackstagePrincipalTypes = 'unknown',
      >(
        req: Request,
        options?: { allow?: Array<TAllowed>; allowLimitedAccess?: boolean },
      ) {
        const credentials = await inner.credentials(req, options);
        return withActor(req, credentials) as typeof credentials;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
  },
});
