import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { generateCallerKeyPair } from '../../src/caller/index.js';
import { ConfigError, loadConfig, serviceConfigSchema } from '../../src/config/index.js';

const schema = serviceConfigSchema('inventory', 8081).extend({ IMPORT_MAX_ROWS: z.coerce.number().int().positive() });
const minimal = {
  DATABASE_URL: 'postgres://fleetward_app@127.0.0.1:5432/fleetward',
  IMPORT_MAX_ROWS: '1000',
  CALLER_VERIFY_KEYS: generateCallerKeyPair().verifyKeys,
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(schema, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills the defaults: local servers, the service name as schema, its port, info logs, durables from the start', () => {
    expect(loadConfig(schema, minimal)).toEqual({
      ...minimal,
      CALLER_VERIFY_KEYS: [{ kid: expect.any(String), key: expect.anything() }],
      CONSUMER_DELIVER_FROM: 'all',
      IMPORT_MAX_ROWS: 1000,
      NATS_URL: 'nats://127.0.0.1:4222',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DB_SCHEMA: 'inventory',
      PORT: 8081,
      LOG_LEVEL: 'info',
      READINESS_GRACE_MS: 3000,
      PRESTOP_DELAY_MS: 0,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      DB_POOL_SIZE: 10,
    });
  });

  it('names a missing required variable, also when it is set to an empty string', () => {
    expect(problemsOf({ IMPORT_MAX_ROWS: '5' })).toEqual([
      'DATABASE_URL is required',
      'CALLER_VERIFY_KEYS is required',
    ]);
    expect(problemsOf({ ...minimal, DATABASE_URL: '' })).toEqual(['DATABASE_URL is required']);
  });

  it('names every invalid variable, one line each', () => {
    const problems = problemsOf({
      ...minimal,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'chatty',
      DB_SCHEMA: 'A-b',
      CONSUMER_DELIVER_FROM: 'yesterday',
    });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'CONSUMER_DELIVER_FROM',
      'DATABASE_URL',
      'DB_SCHEMA',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(problems.every((p) => / is invalid: /.test(p))).toBe(true);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toMatch(/postgres:\/\//);
  });

  it('accepts several NATS servers and rejects a non-NATS URL among them', () => {
    expect(loadConfig(schema, { ...minimal, NATS_URL: 'nats://a:4222, nats://b:4222' }).NATS_URL).toContain('nats://b');
    expect(problemsOf({ ...minimal, NATS_URL: 'nats://a:4222,http://b' })).toEqual([
      expect.stringMatching(/^NATS_URL is invalid: /),
    ]);
  });
});
