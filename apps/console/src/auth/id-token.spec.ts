import { describe, expect, it } from '@jest/globals';
import { gatewayRefusal, idTokenExpiry, idTokenProblem, idTokenSubject, tokenEndpointProblem } from './id-token.js';
import { authorizeUrl } from './pkce.js';

const NOW = 1_800_000_000;
const expected = { issuer: 'https://idp.example/t1', clientId: 'console', nonce: 'n-1', now: NOW };
/** An (unsigned) JWT with these claims: the console reads claims, the gateway verifies signatures. */
const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(claims), ''].map((p) => Buffer.from(p).toString('base64url')).join('.');
const good = { iss: expected.issuer, aud: 'console', sub: 'alice', nonce: 'n-1', exp: NOW + 300, name: 'Zoë' };

describe('ID token claims the console checks', () => {
  it('accepts a token from the expected issuer, for this client, answering this sign-in', () => {
    expect(idTokenProblem(jwt(good), expected)).toBeNull();
    expect(idTokenProblem(jwt({ ...good, aud: ['other', 'console'] }), expected)).toBeNull();
  });

  it('says which claim is wrong', () => {
    expect(idTokenProblem(jwt({ ...good, aud: 'another-app' }), expected)).toBe(
      'the ID token is meant for another-app, not for this console (client id console)',
    );
    expect(idTokenProblem(jwt({ ...good, iss: 'https://evil.example' }), expected)).toMatch(/issued by https:\/\/evil.example, not by https:\/\/idp.example\/t1/);
    expect(idTokenProblem(jwt({ ...good, nonce: 'n-2' }), expected)).toMatch(/nonce/);
    expect(idTokenProblem(jwt({ ...good, nonce: undefined }), expected)).toMatch(/nonce/);
    expect(idTokenProblem(jwt({ ...good, exp: NOW - 120 }), expected)).toMatch(/expired/);
    expect(idTokenProblem(jwt({ ...good, sub: '' }), expected)).toMatch(/no user/);
    expect(idTokenProblem('opaque-token', expected)).toMatch(/not a JWT/);
    expect(idTokenProblem('a.bm90IGpzb24.c', expected)).toMatch(/not a JWT/);
  });

  it('checks a renewed token (no nonce) against the user of the original sign-in', () => {
    const renewal = { issuer: expected.issuer, clientId: expected.clientId, subject: 'alice', now: NOW };
    const renewed = { ...good, nonce: undefined };
    expect(idTokenProblem(jwt(renewed), renewal)).toBeNull();
    expect(idTokenProblem(jwt({ ...renewed, sub: 'mallory' }), renewal)).toBe('the renewed ID token names another user (mallory)');
    expect(idTokenProblem(jwt({ ...renewed, aud: 'other' }), renewal)).toMatch(/not for this console/);
  });

  it('reads the expiry and the subject of a token, and nothing from an API key', () => {
    expect(idTokenExpiry(jwt(good))).toBe(good.exp);
    expect(idTokenSubject(jwt(good))).toBe('alice');
    expect(idTokenExpiry('fwk.demo.hVpw_DULG1Jd.QrrF5nqQoyd1')).toBeNull();
  });

  it('tolerates a minute of clock skew', () => {
    expect(idTokenProblem(jwt({ ...good, exp: NOW - 30 }), expected)).toBeNull();
  });
});

describe('refusals in words', () => {
  it("quotes the token endpoint's OAuth error", () => {
    expect(tokenEndpointProblem(400, { error: 'invalid_grant', error_description: 'code_verifier does not match' })).toBe(
      'the identity provider refused to redeem the sign-in code: code_verifier does not match (invalid_grant)',
    );
    expect(tokenEndpointProblem(400, { error: 'invalid_grant' })).toMatch(/: invalid_grant$/);
    expect(tokenEndpointProblem(502, null)).toBe("the identity provider's token endpoint answered 502");
  });

  it('names the user the gateway did not accept', () => {
    expect(gatewayRefusal(jwt({ ...good, email: 'alice@example.test' }))).toMatch(/signed you in as alice@example.test \(subject alice\).*Users and roles/);
    expect(gatewayRefusal(jwt(good))).toMatch(/signed you in as subject alice/);
  });

  it('sends the nonce with the authorization request', () => {
    const u = new URL(authorizeUrl({ authorizationEndpoint: 'https://idp.example/auth', clientId: 'c', redirectUri: 'https://x/cb', state: 's', challenge: 'ch', nonce: 'n-1' }));
    expect(u.searchParams.get('nonce')).toBe('n-1');
  });
});
