import { describe, expect, it } from '@jest/globals';
import { schemaDrift } from '@fleetward/platform/testing';
import { entities } from '../src/entities.js';
import { migrations } from '../src/migrations/index.js';

describe('lifecycle schema', () => {
  it('has entities that match the migrations exactly', async () => {
    expect(await schemaDrift({ entities, migrations })).toEqual([]);
  }, 60_000);
});
