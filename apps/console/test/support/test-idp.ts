import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A stand-in for an organisation's OpenID provider (the one true external edge of the sign-in flow): discovery,
 * `/authorize` for one registered public client that signs the fixed test user in without a login form, `/token`
 * that redeems a code only with the PKCE verifier of its S256 challenge (and a refresh token, once: each renewal
 * rotates it), and `/jwks`. Every refusal is recorded in
 * `refusals`, so a test can tell which rule stopped a sign-in.
 */
export interface TestIdpOptions {
  clientId: string;
  redirectUri: string;
  user: { sub: string; email: string };
}

export interface TestIdp {
  issuer: string;
  jwksUrl: string;
  /** The audience the next ID tokens carry: the client id unless a test says otherwise. */
  audience: string;
  /** Who the next sign-ins are for. */
  user: { sub: string; email: string };
  /** Why the provider refused a request, in order (`authorize: …` or `token: …`). */
  refusals: string[];
  /** Codes redeemed for an ID token. */
  issued: number;
  /** Refresh tokens redeemed for a new ID token. */
  renewed: number;
  /** The ID tokens' lifetime in seconds (5 minutes unless a test says otherwise). */
  lifetimeSec: number;
  /** The last ID token issued, by code or by refresh token. */
  lastIdToken: string | null;
  close(): Promise<void>;
}

interface Grant {
  challenge: string;
  redirectUri: string;
  nonce: string | null;
  expires: number;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export async function startTestIdp(o: TestIdpOptions): Promise<TestIdp> {
  const keys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-idp-1', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  /** Refresh token -> the subject it renews. */
  const refreshTokens = new Map<string, string>();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, { error: 'server_error', error_description: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idp: TestIdp = {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    audience: o.clientId,
    user: o.user,
    refusals: [],
    issued: 0,
    renewed: 0,
    lifetimeSec: 300,
    lastIdToken: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  // Real providers answer discovery, JWKS and the token endpoint cross-origin: the console calls them from the page.
  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(body));
  }
  function refuse(res: ServerResponse, where: string, error: string, description: string): void {
    idp.refusals.push(`${where}: ${description}`);
    json(res, 400, { error, error_description: description });
  }

  function authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    // A wrong client or redirect URI is shown to the user, never redirected to (RFC 6749 4.1.2.1).
    if (q.get('client_id') !== o.clientId) return refuse(res, 'authorize', 'invalid_client', `unknown client_id ${q.get('client_id')}`);
    if (q.get('redirect_uri') !== o.redirectUri) return refuse(res, 'authorize', 'invalid_request', `redirect_uri ${q.get('redirect_uri')} is not registered`);
    const back = new URL(o.redirectUri);
    const state = q.get('state');
    const problem =
      q.get('response_type') !== 'code' ? 'response_type must be code'
      : !state ? 'state is required'
      : !(q.get('scope') ?? '').split(' ').includes('openid') ? 'scope must include openid'
      : q.get('code_challenge_method') !== 'S256' ? 'code_challenge_method must be S256'
      : !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '') ? 'code_challenge must be a base64url SHA-256'
      : null;
    if (problem) {
      idp.refusals.push(`authorize: ${problem}`);
      back.searchParams.set('error', 'invalid_request');
      back.searchParams.set('error_description', problem);
    } else {
      const code = randomBytes(16).toString('base64url');
      grants.set(code, { challenge: q.get('code_challenge')!, redirectUri: o.redirectUri, nonce: q.get('nonce'), expires: Date.now() + 60_000 });
      back.searchParams.set('code', code);
    }
    if (state) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() }).end();
  }

  async function signIdToken(sub: string, extra: Record<string, unknown>): Promise<string> {
    const idToken = await new SignJWT({ email: idp.user.email, ...extra })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(idp.audience)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + idp.lifetimeSec)
      .sign(keys.privateKey);
    idp.lastIdToken = idToken;
    return idToken;
  }

  function tokens(res: ServerResponse, idToken: string, sub: string): void {
    const refreshToken = randomBytes(24).toString('base64url');
    refreshTokens.set(refreshToken, sub);
    json(res, 200, {
      access_token: randomBytes(16).toString('base64url'),
      token_type: 'Bearer',
      expires_in: idp.lifetimeSec,
      id_token: idToken,
      refresh_token: refreshToken,
    });
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const f = new URLSearchParams(raw);
    if (f.get('grant_type') === 'refresh_token') {
      const presented = f.get('refresh_token') ?? '';
      const sub = refreshTokens.get(presented);
      refreshTokens.delete(presented); // rotated: one use only
      if (f.get('client_id') !== o.clientId) return refuse(res, 'token', 'invalid_client', `unknown client_id ${f.get('client_id')}`);
      if (!sub) return refuse(res, 'token', 'invalid_grant', 'unknown or used refresh token');
      idp.renewed++;
      return tokens(res, await signIdToken(sub, {}), sub);
    }
    const code = f.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // one use only, whatever happens next
    if (f.get('grant_type') !== 'authorization_code') return refuse(res, 'token', 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    if (f.get('client_id') !== o.clientId) return refuse(res, 'token', 'invalid_client', `unknown client_id ${f.get('client_id')}`);
    if (!grant || grant.expires < Date.now()) return refuse(res, 'token', 'invalid_grant', 'unknown, used or expired code');
    if (f.get('redirect_uri') !== grant.redirectUri) return refuse(res, 'token', 'invalid_grant', 'redirect_uri differs from the authorization request');
    const verifier = f.get('code_verifier') ?? '';
    if (!VERIFIER.test(verifier) || s256(verifier) !== grant.challenge) {
      return refuse(res, 'token', 'invalid_grant', 'code_verifier does not match the code_challenge');
    }
    const idToken = await signIdToken(idp.user.sub, grant.nonce ? { nonce: grant.nonce } : {});
    idp.issued++;
    tokens(res, idToken, idp.user.sub);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type' });
      return void res.end();
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: idp.jwksUrl,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') return token(req, res);
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    json(res, 404, { error: 'not_found' });
  }

  return idp;
}
