import { idTokenProblem, idTokenSubject, tokenEndpointProblem } from './id-token.js';
import { authorizeUrl, challengeOf, randomVerifier } from './pkce.js';

const PENDING = 'fleetward.oidc.pending';
const RENEWAL = 'fleetward.oidc.renewal';
export const CALLBACK_PATH = '/auth/callback';

interface Pending {
  /** As the discovery document spells it: the ID token's `iss` must be exactly this. */
  issuer: string;
  clientId: string;
  verifier: string;
  state: string;
  nonce: string;
  tokenEndpoint: string;
}

/** What renewing the sign-in needs, kept in the tab (sessionStorage) while it is signed in. */
interface Renewal {
  issuer: string;
  clientId: string;
  tokenEndpoint: string;
  refreshToken: string;
  subject: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`the identity provider's discovery document answered ${res.status}`);
  const d = (await res.json()) as Discovery;
  // OpenID Connect Discovery 4.3: the document must name the issuer it was fetched for.
  if (typeof d.issuer !== 'string' || d.issuer.replace(/\/+$/, '') !== issuer.replace(/\/+$/, '')) {
    throw new Error(`the discovery document names the issuer ${String(d.issuer)}, not ${issuer}`);
  }
  return d;
}

/**
 * Authorization code + PKCE with the organisation's identity provider, the console being a public client. The ID
 * token it returns (audience = the client id) is what the gateway verifies, so the client id must be the audience
 * configured in the organisation's OIDC settings.
 */
export async function startOidc(issuer: string, clientId: string): Promise<void> {
  const d = await discover(issuer);
  const verifier = randomVerifier();
  const state = randomVerifier(16);
  const nonce = randomVerifier(16);
  const pending: Pending = { issuer: d.issuer, clientId, verifier, state, nonce, tokenEndpoint: d.token_endpoint };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  location.assign(
    authorizeUrl({
      authorizationEndpoint: d.authorization_endpoint,
      clientId,
      redirectUri: location.origin + CALLBACK_PATH,
      state,
      nonce,
      challenge: await challengeOf(verifier),
    }),
  );
}

/** On the callback page: checks the state, redeems the code, checks the ID token's claims, returns it. */
export async function finishOidc(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(`the identity provider refused: ${params.get('error_description') ?? params.get('error')}`);
  if (!raw) throw new Error('no sign-in was in progress in this tab');
  const pending = JSON.parse(raw) as Pending;
  if (params.get('state') !== pending.state) throw new Error('the sign-in response does not match this tab (state)');
  const res = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: location.origin + CALLBACK_PATH,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  }).catch(() => {
    throw new Error(`the identity provider's token endpoint could not be reached from this page (it must allow CORS from ${location.origin})`);
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(tokenEndpointProblem(res.status, body));
  const idToken = (body as { id_token?: unknown } | null)?.id_token;
  if (typeof idToken !== 'string' || !idToken) throw new Error('the identity provider returned no ID token');
  const problem = idTokenProblem(idToken, { ...pending, now: Date.now() / 1000 });
  if (problem) throw new Error(problem);
  keepRenewal(pending, body, idTokenSubject(idToken)!);
  return idToken;
}

/** Keeps the refresh token the provider sent (if any: not every provider gives one to a public client). */
function keepRenewal(p: Pick<Renewal, 'issuer' | 'clientId' | 'tokenEndpoint'>, body: unknown, subject: string): void {
  const refreshToken = (body as { refresh_token?: unknown } | null)?.refresh_token;
  if (typeof refreshToken !== 'string' || !refreshToken) return sessionStorage.removeItem(RENEWAL);
  const renewal: Renewal = { issuer: p.issuer, clientId: p.clientId, tokenEndpoint: p.tokenEndpoint, refreshToken, subject };
  sessionStorage.setItem(RENEWAL, JSON.stringify(renewal));
}

export const canRenew = (): boolean => sessionStorage.getItem(RENEWAL) !== null;
export const forgetRenewal = (): void => sessionStorage.removeItem(RENEWAL);

/**
 * A new ID token for the same user from the provider's refresh token (OpenID Connect Core 12), before the current one
 * expires, so a console left open on a wall or a guard's desk stays signed in. The refresh token is replaced when the
 * provider rotates it. Throws, saying why: when the provider refuses, the refresh token is dropped and the session
 * lasts until the ID token expires; when the provider could not be reached, `canRenew()` stays true (worth a retry).
 */
export async function renewIdToken(): Promise<string> {
  const raw = sessionStorage.getItem(RENEWAL);
  if (!raw) throw new Error('this sign-in cannot be renewed (the provider gave no refresh token)');
  const r = JSON.parse(raw) as Renewal;
  const res = await fetch(r.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: r.refreshToken, client_id: r.clientId }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    forgetRenewal();
    throw new Error(tokenEndpointProblem(res.status, body, 'renew the sign-in'));
  }
  const idToken = (body as { id_token?: unknown } | null)?.id_token;
  if (typeof idToken !== 'string' || !idToken) throw new Error('the identity provider renewed the sign-in without an ID token');
  const problem = idTokenProblem(idToken, { issuer: r.issuer, clientId: r.clientId, subject: r.subject, now: Date.now() / 1000 });
  if (problem) throw new Error(problem);
  const rotated = (body as { refresh_token?: unknown } | null)?.refresh_token;
  if (typeof rotated === 'string' && rotated) sessionStorage.setItem(RENEWAL, JSON.stringify({ ...r, refreshToken: rotated }));
  return idToken;
}
