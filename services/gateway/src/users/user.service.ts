import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Caller, User, UserCreate, UserUpdate } from '@fleetward/contracts';
import { GatewayError, notFound } from '../http/gateway-error.js';
import { DuplicateSubjectError, UserRepository } from './user.repository.js';

@Injectable()
export class UserService {
  constructor(private readonly users: UserRepository) {}

  async create(caller: Caller, input: UserCreate): Promise<User> {
    try {
      return await this.users.insert(caller.orgId, `usr_${randomBytes(9).toString('base64url')}`, input);
    } catch (err) {
      if (err instanceof DuplicateSubjectError) {
        throw new GatewayError(409, 'USER_SUBJECT_TAKEN', 'A user with this OIDC subject already exists');
      }
      throw err;
    }
  }

  list(caller: Caller, limit: number, cursor?: string) {
    return this.users.list(caller.orgId, limit, cursor);
  }

  async get(caller: Caller, id: string): Promise<User> {
    return (await this.users.get(caller.orgId, id)) ?? Promise.reject(notFound('user'));
  }

  async update(caller: Caller, id: string, patch: UserUpdate): Promise<User> {
    return (await this.users.update(caller.orgId, id, patch)) ?? Promise.reject(notFound('user'));
  }

  async remove(caller: Caller, id: string): Promise<void> {
    if (!(await this.users.delete(caller.orgId, id))) throw notFound('user');
  }
}
