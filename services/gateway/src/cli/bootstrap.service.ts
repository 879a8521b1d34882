import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { parseKey, newKey, newKeyId, secretMatches } from '../keys/api-key-format.js';
import { ApiKeyRepository } from '../keys/api-key.repository.js';
import { orgIdFor } from '../organisations/organisation.service.js';
import { OrganisationRepository } from '../organisations/organisation.repository.js';

export interface BootstrapResult {
  orgId: string;
  orgCreated: boolean;
  key: string;
  keyCreated: boolean;
}

/**
 * Creates the first organisation and an admin key. Idempotent: the organisation id follows from the name, and an
 * admin key already kept in `existingKey` (the --out file) is reused while it is still valid.
 */
export class BootstrapService {
  private readonly orgs: OrganisationRepository;
  private readonly keys: ApiKeyRepository;
  private readonly audit: AuditRepository;

  constructor(dataSource: DataSource) {
    this.orgs = new OrganisationRepository(dataSource);
    this.keys = new ApiKeyRepository(dataSource);
    this.audit = new AuditRepository(dataSource);
  }

  async run(name: string, orgIdGiven: string | undefined, existingKey: string | null): Promise<BootstrapResult> {
    const orgId = orgIdGiven ?? orgIdFor(name);
    const { created } = await this.orgs.ensure(orgId, name);
    if (existingKey && (await this.stillValid(orgId, existingKey))) {
      return { orgId, orgCreated: created, key: existingKey, keyCreated: false };
    }
    const id = newKeyId();
    const { key, prefix, hash } = newKey(orgId, id);
    await this.keys.insert({
      id,
      orgId,
      name: 'bootstrap admin',
      role: 'admin',
      prefix,
      secretHash: hash,
      createdBy: 'cli:bootstrap',
      expiresAt: null,
    });
    await this.audit.insert({
      orgId,
      actor: 'cli:bootstrap',
      role: null,
      action: 'cli.bootstrap',
      target: id,
      result: 'success',
      status: 201,
      code: null,
      correlationId: randomUUID(),
      sourceIp: null,
      details: { orgCreated: created },
    });
    return { orgId, orgCreated: created, key, keyCreated: true };
  }

  private async stillValid(orgId: string, key: string): Promise<boolean> {
    const parsed = parseKey(key);
    if (!parsed || parsed.orgId !== orgId) return false;
    const stored = await this.keys.findForAuth(orgId, parsed.keyId);
    return (
      !!stored &&
      stored.role === 'admin' &&
      !stored.revokedAt &&
      (!stored.expiresAt || stored.expiresAt.getTime() > Date.now()) &&
      secretMatches(parsed.secret, stored.secretHash)
    );
  }
}
