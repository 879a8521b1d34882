import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createRemoteJWKSet, customFetch, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Caller, Organisation, User } from '@fleetward/contracts';
import { APP_CONFIG } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';
import { OrganisationRepository } from '../organisations/organisation.repository.js';
import { UserRepository } from '../users/user.repository.js';
import { AuthFailure } from './auth-failure.js';
import type { Credential } from './authenticated-request.js';
import { GuardedJwksFetch, JwksUrlRefused } from './jwks-fetch.js';

/** Asymmetric algorithms only: `none` and shared-secret HMAC tokens are refused whatever the header says. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const SETTINGS_TTL_MS = 30_000;

/**
 * Bearer JWTs from an organisation's own OIDC identity provider. The (unverified) `iss` only selects which
 * organisations to try; the token is then verified against each one's JWKS, issuer and audience, and its `sub` must be
 * a user of that organisation, whose role applies. Organisations may share an issuer (one provider, or one client
 * of the console, for several tenants): exactly one of those whose checks pass may know the subject; when several
 * do, the sign-in is refused as ambiguous (audited in each), never given to whichever came first.
 */
@Injectable()
export class JwtAuthenticator implements OnModuleDestroy {
  private readonly jwks = new Map<string, JWTVerifyGetKey>();
  private readonly settings = new Map<string, { orgs: Organisation[]; until: number }>();
  private readonly fetcher: GuardedJwksFetch;

  constructor(
    private readonly orgs: OrganisationRepository,
    private readonly users: UserRepository,
    @Inject(APP_CONFIG) config: Pick<GatewaySettings, 'OIDC_ALLOWED_HOSTS'>,
  ) {
    this.fetcher = new GuardedJwksFetch(config.OIDC_ALLOWED_HOSTS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.fetcher.close();
  }

  looksLikeJwt(token: string): boolean {
    return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(token);
  }

  async authenticate(token: string, correlationId: string): Promise<{ caller: Caller; credential: Credential }> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new AuthFailure('JWT_MALFORMED');
    }
    if (!issuer) throw new AuthFailure('JWT_NO_ISSUER');
    const candidates = await this.organisationsTrusting(issuer);
    if (candidates.length === 0) throw new AuthFailure('JWT_UNKNOWN_ISSUER');
    // Every organisation is tried, not the first that knows the subject: an issuer + subject must resolve to exactly
    // one organisation. Otherwise another organisation could copy the issuer and audience, register the subject and
    // capture the user's sign-in whenever it happened to come first.
    const tries = await Promise.all(candidates.map((org) => this.tryOrganisation(org, token)));
    const matches = tries.filter((t) => t.user);
    if (matches.length === 1) {
      const { org, user } = matches[0]!;
      return {
        caller: { orgId: org.id, role: user!.role, actor: `user:${user!.id}`, correlationId },
        credential: { kind: 'jwt', id: `user:${user!.id}` },
      };
    }
    if (matches.length > 1) {
      throw new AuthFailure('JWT_SUBJECT_AMBIGUOUS', null, `sub:${matches[0]!.subject}`, {
        orgIds: matches.map((m) => m.org.id),
        publicCode: 'OIDC_SUBJECT_AMBIGUOUS',
        publicMessage:
          'This identity is registered as a user in more than one organisation that trusts its issuer and audience, ' +
          'so it cannot tell which one to sign in to. An administrator must remove it from the organisation it does ' +
          'not belong to.',
      });
    }
    const only = tries.length === 1 ? tries[0]! : null;
    if (only) throw new AuthFailure(only.reason, only.org.id, only.subject ? `sub:${only.subject}` : 'anonymous');
    throw new AuthFailure(tries.some((t) => t.subject) ? 'JWT_USER_NOT_REGISTERED' : tries[tries.length - 1]!.reason);
  }

  /** Verifies the token against one organisation's settings and looks its subject up among that organisation's users. */
  private async tryOrganisation(
    org: Organisation,
    token: string,
  ): Promise<{ org: Organisation; reason: string; subject?: string; user?: User }> {
    const oidc = org.oidc!;
    try {
      const { payload } = await jwtVerify(token, this.keySet(oidc.jwksUrl), {
        issuer: oidc.issuer,
        audience: oidc.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
      });
      const subject = payload.sub!;
      const user = await this.users.findBySubject(org.id, subject);
      return user ? { org, reason: 'OK', subject, user } : { org, reason: 'JWT_USER_NOT_REGISTERED', subject };
    } catch (err) {
      return { org, reason: reasonOf(err) };
    }
  }

  /**
   * Only issuers some organisation trusts are cached: the `iss` of an unauthenticated request must not grow this
   * map (any string would do), and an issuer configured on another gateway replica is trusted at once.
   */

  private async organisationsTrusting(issuer: string): Promise<Organisation[]> {
    const cached = this.settings.get(issuer);
    if (cached && cached.until > Date.now()) return cached.orgs;
    const ids = await this.orgs.orgsForIssuer(issuer);
    const found = await Promise.all(ids.map((id) => this.orgs.get(id)));
    const orgs = found
      .filter((o): o is Organisation => o?.oidc?.issuer === issuer)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    if (orgs.length > 0) this.settings.set(issuer, { orgs, until: Date.now() + SETTINGS_TTL_MS });
    else this.settings.delete(issuer);
    return orgs;
  }

  /** Forget cached settings after an organisation changes its OIDC configuration. */
  forget(): void {
    this.settings.clear();
  }

  private keySet(url: string): JWTVerifyGetKey {
    let set = this.jwks.get(url);
    if (!set) {
      // Every key-set fetch passes the SSRF guard: the URL is a tenant's setting, the request leaves from inside.
      set = createRemoteJWKSet(new URL(url), {
        timeoutDuration: 3000,
        cooldownDuration: 30_000,
        [customFetch]: this.fetcher.fetch,
      });
      this.jwks.set(url, set);
    }
    return set;
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof JwksUrlRefused) return 'JWT_JWKS_URL_REFUSED';
  if (err instanceof errors.JWTExpired) return 'JWT_EXPIRED';
  if (err instanceof errors.JWTClaimValidationFailed) return `JWT_CLAIM_${err.claim.toUpperCase()}`;
  if (err instanceof errors.JOSEAlgNotAllowed) return 'JWT_ALG_NOT_ALLOWED';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'JWT_BAD_SIGNATURE';
  if (err instanceof errors.JWKSNoMatchingKey) return 'JWT_NO_MATCHING_KEY';
  if (err instanceof errors.JOSEError) return `JWT_${err.code.replace(/^ERR_/, '')}`;
  return 'JWT_INVALID';
}
