import { ApiClient, ApiError } from '../api/client.js';
import { endpointSpecs, type EndpointKey } from '../api/endpoints.js';
import { forgetRenewal } from '../auth/oidc.js';
import { allowed, resolveEndpoints, type ResolvedEndpoint } from '../logic/openapi-routes.js';

const TOKEN_KEY = 'fleetward.token';

export interface Me {
  orgId: string;
  role: string;
  actor: string;
  permissions: string[];
}

export interface Session {
  /** The bearer credential in use: an OIDC token is replaced when the sign-in is renewed. */
  readonly token: string;
  replaceToken(token: string): void;
  me: Me;
  orgName: string | null;
  api: ApiClient;
  endpoints: Partial<Record<EndpointKey, ResolvedEndpoint>>;
  /** The endpoint exists and this caller's role may call it. */
  can(key: EndpointKey): boolean;
}

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const forgetToken = (): void => {
  sessionStorage.removeItem(TOKEN_KEY);
  forgetRenewal();
};

/**
 * Checks a bearer credential (API key or OIDC token) against the gateway: who it is (`/api/v1/me`, the permission
 * matrix applied to its role) and which operations the gateway offers (its OpenAPI document).
 */
export async function signIn(token: string, onUnauthorised: () => void): Promise<Session> {
  let current = token;
  const api = new ApiClient(() => current, onUnauthorised);
  const doc = await new ApiClient(() => null, () => undefined).get<Parameters<typeof resolveEndpoints>[0]>('/api/openapi.json');
  const endpoints = resolveEndpoints(doc, endpointSpecs);
  let me: Me;
  if (endpoints.me) {
    me = await api.get<Me>(endpoints.me.path);
  } else {
    throw new ApiError(0, 'NO_ME_ROUTE', 'This gateway does not offer GET /api/v1/me, which the console needs to know your role');
  }
  const org = await api.get<{ name?: string }>('/api/v1/organisation').catch(() => null);
  sessionStorage.setItem(TOKEN_KEY, token);
  const granted = new Set(me.permissions);
  return {
    get token() {
      return current;
    },
    replaceToken(next: string) {
      current = next;
      sessionStorage.setItem(TOKEN_KEY, next);
    },
    me,
    orgName: org?.name ?? null,
    api,
    endpoints,
    can: (key) => allowed(endpoints[key], granted),
  };
}
