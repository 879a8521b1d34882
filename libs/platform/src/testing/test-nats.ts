import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsServerOptions } from '../nats/nats-servers.js';

/**
 * The NATS of the running test file: under jest, an account of its own on the project's local nats-server
 * (`tools/dev/jest/nats-account.mjs` sets NATS_URL before the file runs), so stacks started by different test files,
 * and a developer's `npm start`, never see each other's requests or events. Outside jest, NATS_URL or the default.
 */
export function testNatsUrl(): string {
  return process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
}

/** A plain nats.js connection to the test file's NATS (credentials included). */
export function connectTestNats(options: { name?: string; url?: string } = {}): Promise<NatsConnection> {
  return connect({ ...natsServerOptions(options.url ?? testNatsUrl()), name: options.name, noAsyncTraces: true });
}
