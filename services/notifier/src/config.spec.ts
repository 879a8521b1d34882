import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@fleetward/platform';
import { testCallerEnv } from '@fleetward/platform/testing';
import { configSchema } from './config.js';

const env = { DATABASE_URL: 'postgres://app@127.0.0.1/fleetward', ...testCallerEnv() };

describe('notifier config: the shutdown budget outlasts a webhook in progress', () => {
  it('defaults to a budget that covers the default webhook timeout', () => {
    const config = loadConfig(configSchema, env);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBeGreaterThan(config.WEBHOOK_TIMEOUT_MS);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(30_000);
  });

  it('refuses a webhook timeout the shutdown budget would cut short, naming SHUTDOWN_TIMEOUT_MS', () => {
    const err = (() => {
      try {
        loadConfig(configSchema, { ...env, WEBHOOK_TIMEOUT_MS: '20000' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      expect.stringMatching(/^SHUTDOWN_TIMEOUT_MS is invalid: must be at least 2 x \(WEBHOOK_TIMEOUT_MS \+ 2000\)/),
    ]);
    expect(
      loadConfig(configSchema, { ...env, WEBHOOK_TIMEOUT_MS: '20000', SHUTDOWN_TIMEOUT_MS: '45000' }),
    ).toBeTruthy();
  });
});
