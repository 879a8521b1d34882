import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createRemoteJWKSet, customFetch, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Caller, Organisation } from '@fleetward/contracts';
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
 * of the console, for several tenants): the first whose checks pass and which knows the subject wins.
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
    let lastReason = 'JWT_INVALID';
    for (const org of candidates) {
      const oidc = org.oidc!;
      try {
        const { payload } = await jwtVerify(token, this.keySet(oidc.jwksUrl), {
          issuer: oidc.issuer,
          audience: oidc.audience,
          algorithms: ALGORITHMS,
          requiredClaims: ['sub', 'exp'],
        });
        const user = await this.users.findBySubject(org.id, payload.sub!);
        if (!user) {
          lastReason = 'JWT_USER_NOT_REGISTERED';
          if (candidates.length === 1) throw new AuthFailure(lastReason, org.id, `sub:${payload.sub}`);
          continue;
        }
        return {
          caller: { orgId: org.id, role: user.role, actor: `user:${user.id}`, correlationId },
          credential: { kind: 'jwt', id: `user:${user.id}` },
        };
      } catch (err) {
        if (err instanceof AuthFailure) throw err;
        lastReason = reasonOf(err);
        if (candidates.length === 1) throw new AuthFailure(lastReason, org.id);
      }
    }
    throw new AuthFailure(lastReason);
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
    const orgs = found.filter((o): o is Organisation => o?.oidc?.issuer === issuer);
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
