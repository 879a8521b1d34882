/**
 * What the console checks of the provider's answers itself (OpenID Connect Core 3.1.3.7), so a sign-in that cannot
 * work says why instead of ending on the gateway's bare 401. The signature is the gateway's to verify (it holds the
 * organisation's JWKS); the console received the token straight from the token endpoint over the provider's TLS.
 */
export interface IdTokenExpectation {
  /** The `issuer` of the provider's discovery document. */
  issuer: string;
  clientId: string;
  /** The sign-in's nonce; absent when checking a token renewed with a refresh token (it carries none). */
  nonce?: string;
  /** A renewed token must name the user of the original sign-in (OpenID Connect Core 12.2). */
  subject?: string;
  /** Seconds since the epoch. */
  now: number;
}

const SKEW_SEC = 60;

function claimsOf(idToken: string): Record<string, unknown> | null {
  const payload = idToken.split('.')[1];
  if (!payload) return null;
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Why this ID token is not one for this console and this sign-in, or null when its claims are right. */
export function idTokenProblem(idToken: string, e: IdTokenExpectation): string | null {
  const c = claimsOf(idToken);
  if (!c) return 'the identity provider returned an ID token that is not a JWT';
  if (c['iss'] !== e.issuer) return `the ID token was issued by ${String(c['iss'])}, not by ${e.issuer}`;
  const aud = Array.isArray(c['aud']) ? c['aud'] : [c['aud']];
  if (!aud.includes(e.clientId)) {
    return `the ID token is meant for ${aud.map(String).join(', ')}, not for this console (client id ${e.clientId})`;
  }
  if (e.nonce !== undefined && c['nonce'] !== e.nonce) return 'the ID token does not answer this sign-in (nonce): start again';
  if (typeof c['exp'] !== 'number' || c['exp'] + SKEW_SEC < e.now) return 'the ID token has expired: check the clock of this computer';
  if (typeof c['sub'] !== 'string' || !c['sub']) return 'the ID token names no user (sub)';
  if (e.subject !== undefined && c['sub'] !== e.subject) return `the renewed ID token names another user (${c['sub']})`;
  return null;
}

/** When the token expires (seconds since the epoch), or null when it is not a JWT with an `exp`. */
export function idTokenExpiry(idToken: string): number | null {
  const exp = claimsOf(idToken)?.['exp'];
  return typeof exp === 'number' ? exp : null;
}

/** The user an ID token names, or null. */
export function idTokenSubject(idToken: string): string | null {
  const sub = claimsOf(idToken)?.['sub'];
  return typeof sub === 'string' ? sub : null;
}

/** The token endpoint's refusal in words, from its OAuth error body (RFC 6749 5.2) when it sent one. */
export function tokenEndpointProblem(status: number, body: unknown, refusedTo = 'redeem the sign-in code'): string {
  const b = (body && typeof body === 'object' ? body : {}) as { error?: unknown; error_description?: unknown };
  if (typeof b.error !== 'string') return `the identity provider's token endpoint answered ${status}`;
  const why = typeof b.error_description === 'string' ? `${b.error_description} (${b.error})` : b.error;
  return `the identity provider refused to ${refusedTo}: ${why}`;
}

/** The gateway refused (401) a token the provider did issue: who it named, and what an administrator must check. */
export function gatewayRefusal(idToken: string): string {
  const c = claimsOf(idToken) ?? {};
  const sub = String(c['sub']);
  const who = typeof c['email'] === 'string' ? `${c['email']} (subject ${sub})` : `subject ${sub}`;
  return (
    `Your identity provider signed you in as ${who}, but Fleetward does not accept the token: an administrator must ` +
    `add this subject under Settings → Users and roles, and the organisation's OIDC settings must name this issuer ` +
    `and this client id as the audience.`
  );
}
