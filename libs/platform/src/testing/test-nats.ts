import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsServerOptions } from '../nats/nats-servers.js';

/**
 * The NATS of the running test file: under jest, an account of its own on the project's local nats-server
 * (`tools/dev/jest/nats-environment.mjs` sets NATS_URL before the file runs), so stacks started by different test
 * files, and a developer's `npm start`, never see each other's requests or events. Outside jest, NATS_URL or the default.
 */
export function testNatsUrl(): string {
  return process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
}

/**
 * A plain nats.js connection to the test file's NATS (credentials included). The local nats-server refuses sign-ins
 * for a moment while it reloads its accounts (another test file's account being added): such a refusal is retried.
 */
export async function connectTestNats(options: { name?: string; url?: string } = {}): Promise<NatsConnection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect({ ...natsServerOptions(options.url ?? testNatsUrl()), name: options.name, noAsyncTraces: true });
    } catch (err) {
      if (attempt >= 10 || !(err instanceof Error) || err.name !== 'AuthorizationError') throw err;
      await sleep(100 * attempt);
    }
  }
}
