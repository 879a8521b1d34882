import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import type { Caller } from '@fleetward/contracts';
import { uniqueId } from '@fleetward/platform/testing';
import { ChannelService } from '../src/channels/channel.service.js';
import { startNotifier } from './support/notifier-app.js';

/** A port on loopback that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/*
 * `POST /channels/{id}/test` answers a tenant admin: the result says refused or failed, never what the
 * installation's DNS answered, which internal address was tried or what the socket or the mail server said.
 */
describe('channel test sends tell the tenant no internals', () => {
  let app: INestApplication;
  let close: () => Promise<void>;
  let channels: ChannelService;
  const caller: Caller = { orgId: uniqueId('org'), role: 'admin', actor: 'user:alice', correlationId: 'c-1' };

  beforeAll(async () => {
    // SMTP on a closed loopback port: the installation's mail server is down.
    ({ app, close } = await startNotifier({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` }));
    channels = app.get(ChannelService);
  }, 60_000);
  afterAll(async () => {
    await close?.();
  });

  const test = async (type: 'webhook' | 'email', target: string) => {
    const { id } = await channels.create(caller, { name: uniqueId(type), type, target, enabled: true });
    return channels.test(caller, id);
  };

  it('does not show the DNS answer of a name that resolves to an internal address', async () => {
    // The machine's own name resolves to loopback or a private address (never a public one on a test machine).
    const host = os.hostname();
    const answers = await lookup(host, { all: true }).catch(() => []);
    const res = await test('webhook', `http://${host}:8080/hook`);
    expect(res).toMatchObject({
      outcome: 'permanent',
      error: 'refused: the host does not resolve to a public address',
    });
    for (const a of answers) expect(res.error).not.toContain(a.address);
  });

  it('says the connection failed, without the address or the socket error', async () => {
    await channels.addAllowedHost(caller, '127.0.0.1');
    const res = await test('webhook', `http://127.0.0.1:${await closedPort()}/hook`);
    expect(res).toMatchObject({ outcome: 'retry', error: 'failed: could not connect to the endpoint' });
    expect(res.error).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it('says the mail server could not be reached, without its address', async () => {
    const res = await test('email', 'ops@example.test');
    expect(res.outcome).toBe('retry');
    expect(res.error).toBe('failed: could not reach the mail server');
  });
});
