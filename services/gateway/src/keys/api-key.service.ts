import { Injectable } from '@nestjs/common';
import type { ApiKey, ApiKeyCreate, ApiKeyCreated, Caller, Role } from '@fleetward/contracts';
import { GatewayError, notFound } from '../http/gateway-error.js';
import { newKey, newKeyId } from './api-key-format.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyCache } from './api-key.cache.js';

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly cache: ApiKeyCache,
  ) {}

  /** Creates a key and returns it in full: the only time the secret is ever shown. */
  async create(caller: Caller, input: ApiKeyCreate): Promise<ApiKeyCreated> {
    if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) {
      throw new GatewayError(400, 'EXPIRY_IN_PAST', 'expiresAt must be in the future');
    }
    return this.issue(caller.orgId, input.name, input.role, caller.actor, input.expiresAt ?? null);
  }

  async issue(
    orgId: string,
    name: string,
    role: Role,
    createdBy: string,
    expiresAt: string | null,
  ): Promise<ApiKeyCreated> {
    const id = newKeyId();
    const { key, prefix, hash } = newKey(orgId, id);
    const stored = await this.keys.insert({ id, orgId, name, role, prefix, secretHash: hash, createdBy, expiresAt });
    return { ...stored, key };
  }

  list(caller: Caller, limit: number, cursor?: string) {
    return this.keys.list(caller.orgId, limit, cursor);
  }

  async get(caller: Caller, id: string): Promise<ApiKey> {
    return (await this.keys.get(caller.orgId, id)) ?? Promise.reject(notFound('API key'));
  }

  async revoke(caller: Caller, id: string): Promise<ApiKey> {
    const key = await this.keys.revoke(caller.orgId, id);
    if (!key) throw notFound('API key');
    this.cache.forget(key.prefix);
    return key;
  }
}
