import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Caller, OidcSettings, Organisation } from '@fleetward/contracts';
import { APP_CONFIG, checkUrlSyntax } from '@fleetward/platform';
import { JwtAuthenticator } from '../auth/jwt.authenticator.js';
import type { GatewaySettings } from '../gateway-settings.js';
import { GatewayError, notFound } from '../http/gateway-error.js';
import { OrganisationRepository } from './organisation.repository.js';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The organisation id for a name: `org_` + 16 base32 characters of its sha256. Deterministic, so bootstrapping the
 * same organisation twice finds the first one; a single subject token, so it can appear in NATS subjects.
 */
export function orgIdFor(name: string): string {
  const digest = createHash('sha256').update(name.trim().toLowerCase()).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += BASE32[digest[i]! % 32];
  return `org_${out}`;
}

@Injectable()
export class OrganisationService {
  constructor(
    private readonly orgs: OrganisationRepository,
    private readonly jwts: JwtAuthenticator,
    @Inject(APP_CONFIG) private readonly config: GatewaySettings,
  ) {}

  async get(caller: Caller): Promise<Organisation> {
    return (await this.orgs.get(caller.orgId)) ?? Promise.reject(notFound('organisation'));
  }

  async setOidc(caller: Caller, oidc: OidcSettings | null): Promise<Organisation> {
    if (oidc) {
      // The gateway fetches this URL from inside the installation: the SSRF guard applies (again at fetch time).
      const check = checkUrlSyntax(oidc.jwksUrl, this.config.OIDC_ALLOWED_HOSTS);
      if (!check.ok) throw new GatewayError(400, 'OIDC_JWKS_URL_REFUSED', `jwksUrl refused: ${check.reason}`);
    }
    const org = await this.orgs.setOidc(caller.orgId, oidc);
    if (!org) throw notFound('organisation');
    this.jwts.forget();
    return org;
  }
}
