import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Organisation, User } from '@fleetward/contracts';
import { AuthFailure } from '../src/auth/auth-failure.js';
import { JwtAuthenticator } from '../src/auth/jwt.authenticator.js';
import type { OrganisationRepository } from '../src/organisations/organisation.repository.js';
import type { UserRepository } from '../src/users/user.repository.js';
import { startIdp, type TestIdp } from './support/jwks-server.js';

/*
 * The JWT authenticator against hand-written repositories (the real ones are covered by oidc-jwt.spec.ts) and a
 * JWKS served on 127.0.0.1: how it chooses among organisations that trust the same issuer, and what it caches.
 */
const ISSUER = 'https://idp.example.test/shared';
const AUDIENCE = 'fleetward-console';

class FakeOrgs {
  orgs = new Map<string, Organisation>();
  issuerLookups = 0;
  async orgsForIssuer(issuer: string): Promise<string[]> {
    this.issuerLookups++;
    return [...this.orgs.values()].filter((o) => o.oidc?.issuer === issuer).map((o) => o.id);
  }
  async get(id: string): Promise<Organisation | null> {
    return this.orgs.get(id) ?? null;
  }
  trust(id: string, jwksUrl: string): void {
    this.orgs.set(id, { id, name: id, oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl }, createdAt: new Date(0).toISOString() });
  }
}

class FakeUsers {
  users: Array<{ orgId: string; user: User }> = [];
  async findBySubject(orgId: string, subject: string): Promise<User | null> {
    return this.users.find((u) => u.orgId === orgId && u.user.subject === subject)?.user ?? null;
  }
  add(orgId: string, id: string, subject: string, role: User['role']): void {
    const at = new Date(0).toISOString();
    this.users.push({ orgId, user: { id, subject, email: null, name: null, role, createdAt: at, updatedAt: at } });
  }
}

describe('JwtAuthenticator', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startIdp();
  });
  afterAll(async () => {
    await idp?.close();
  });

  const setup = () => {
    const orgs = new FakeOrgs();
    const users = new FakeUsers();
    const auth = new JwtAuthenticator(orgs as unknown as OrganisationRepository, users as unknown as UserRepository, {
      OIDC_ALLOWED_HOSTS: ['127.0.0.1'],
    });
    return { orgs, users, auth };
  };
  const reasonOf = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof AuthFailure ? e.reason : String(e)));

  it('signs a user in to the organisation that knows the subject when several trust the same issuer and audience', async () => {
    const { orgs, users, auth } = setup();
    orgs.trust('org-a', idp.jwksUrl);
    orgs.trust('org-b', idp.jwksUrl);
    users.add('org-b', 'usr_b', 'bob', 'ot');
    const token = await idp.sign({ iss: ISSUER, aud: AUDIENCE, sub: 'bob' });
    const { caller } = await auth.authenticate(token, 'c-1');
    expect(caller).toEqual({ orgId: 'org-b', role: 'ot', actor: 'user:usr_b', correlationId: 'c-1' });
    const stranger = await idp.sign({ iss: ISSUER, aud: AUDIENCE, sub: 'mallory' });
    await expect(reasonOf(auth.authenticate(stranger, 'c-2'))).resolves.toBe('JWT_USER_NOT_REGISTERED');
  });

  it('refuses a subject that two organisations trusting the issuer both know, naming both for the audit', async () => {
    const { orgs, users, auth } = setup();
    orgs.trust('org-b', idp.jwksUrl);
    orgs.trust('org-a', idp.jwksUrl);
    users.add('org-a', 'usr_a', 'alice', 'ot');
    users.add('org-b', 'usr_b', 'alice', 'admin');
    const failure = await auth
      .authenticate(await idp.sign({ iss: ISSUER, aud: AUDIENCE, sub: 'alice' }), 'c')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthFailure);
    expect(failure).toMatchObject({ reason: 'JWT_SUBJECT_AMBIGUOUS', code: 'OIDC_SUBJECT_AMBIGUOUS', status: 401 });
    expect((failure as AuthFailure).orgIds.sort()).toEqual(['org-a', 'org-b']);
  });

  it('names the organisation and subject of an unregistered user when one organisation trusts the issuer', async () => {
    const { orgs, auth } = setup();
    orgs.trust('org-a', idp.jwksUrl);
    const failure = await auth.authenticate(await idp.sign({ iss: ISSUER, aud: AUDIENCE, sub: 'eve' }), 'c').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthFailure);
    expect(failure).toMatchObject({ reason: 'JWT_USER_NOT_REGISTERED', claimedOrgId: 'org-a', actor: 'sub:eve' });
  });

  it('does not remember issuers nobody trusts, so one configured meanwhile (on any replica) is trusted at once', async () => {
    const { orgs, users, auth } = setup();
    users.add('org-a', 'usr_a', 'alice', 'viewer');
    const token = await idp.sign({ iss: ISSUER, aud: AUDIENCE, sub: 'alice' });
    await expect(reasonOf(auth.authenticate(token, 'c'))).resolves.toBe('JWT_UNKNOWN_ISSUER');
    orgs.trust('org-a', idp.jwksUrl); // without forget(): as another gateway replica would have done it
    await expect(reasonOf(auth.authenticate(token, 'c'))).resolves.toBe('accepted');
    // A trusted issuer's settings are cached: the next token does not look the issuer up again.
    const lookups = orgs.issuerLookups;
    await expect(reasonOf(auth.authenticate(token, 'c'))).resolves.toBe('accepted');
    expect(orgs.issuerLookups).toBe(lookups);
  });
});
