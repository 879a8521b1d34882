import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Caller, OidcSettings, Organisation } from '@fleetward/contracts';
import { JwtAuthenticator } from '../auth/jwt.authenticator.js';
import { notFound } from '../http/gateway-error.js';
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
  ) {}

  async get(caller: Caller): Promise<Organisation> {
    return (await this.orgs.get(caller.orgId)) ?? Promise.reject(notFound('organisation'));
  }

  async setOidc(caller: Caller, oidc: OidcSettings | null): Promise<Organisation> {
    const org = await this.orgs.setOidc(caller.orgId, oidc);
    if (!org) throw notFound('organisation');
    this.jwts.forget();
    return org;
  }
}
