import { idTokenProblem, tokenEndpointProblem } from './id-token.js';
import { authorizeUrl, challengeOf, randomVerifier } from './pkce.js';

const PENDING = 'fleetward.oidc.pending';
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
  return idToken;
}
