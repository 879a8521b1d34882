import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InventoryRpc, Subjects } from '@fleetward/contracts';
import type { RpcClient } from '@fleetward/platform';
import {
  buildProject,
  builtMigrations,
  connectTestNats,
  ensureStreams,
  expectEventually,
  signedRpcClient,
  startServiceProcess,
  testDatabase,
  type ServiceProcess,
  type TestDatabase,
} from '@fleetward/platform/testing';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
// @ts-expect-error tools/dev is plain JavaScript without type declarations
import { addAccount, claimFromPool, removeAccount } from '../../../tools/dev/local-nats.mjs';
import { newOrgId } from './support/inventory-fixture.js';

const projectDir = path.resolve(import.meta.dirname, '..');

/** One installation: a NATS account of its own on the shared local nats-server, an inventory process, a schema. */
interface Stack {
  account: string;
  url: string;
  db: TestDatabase;
  service: ServiceProcess;
  rpc: RpcClient;
  nc: NatsConnection;
  events: Subscription;
  subjects: string[];
}

async function startStack(name: string): Promise<Stack> {
  // From the run's pool when there is one (no reload while other files run), else an account of its own.
  const pool = process.env['FLEETWARD_TEST_POOL'];
  const claimed = pool ? (claimFromPool(pool) as { name: string; url: string } | null) : null;
  const account = claimed?.name ?? `t-iso-${name}-${process.pid}`;
  const url: string = claimed?.url ?? (await addAccount(account));
  await ensureStreams({ url });
  const db = await testDatabase({ migrations: await builtMigrations(projectDir) });
  const env = { NATS_URL: url, DATABASE_URL: db.appUrl, DB_SCHEMA: db.schema, PORT: '0', LOG_LEVEL: 'info' };
  const service = await startServiceProcess(path.join(projectDir, 'dist/main.js'), env);
  const rpc = signedRpcClient(`isolation-${name}`, url);
  const nc = await connectTestNats({ url, name: `isolation-${name}-events` });
  const subjects: string[] = [];
  const events = nc.subscribe(Subjects.allEvents, { callback: (_err, msg) => void subjects.push(msg.subject) });
  return { account, url, db, service, rpc, nc, events, subjects };
}

async function stopStack(s: Stack | undefined): Promise<void> {
  if (!s) return;
  await s.rpc.onApplicationShutdown().catch(() => undefined);
  await s.nc.close().catch(() => undefined);
  await s.service.stop('SIGTERM');
  await s.db.drop();
  await removeAccount(s.account);
}

const caller = (orgId: string) => ({ orgId, role: 'admin' as const, actor: 'isolation-test', correlationId: 'iso' });

/**
 * Two installations on one nats-server, as a developer's `npm start` and a test run share the machine: the same RPC
 * subjects and queue groups (`fleet.rpc.inventory.*`, queue `fleetward-inventory`), the same organisation and site
 * ids, the same stream names. Each must answer only its own requests and see only its own events.
 */
describe('two installations on one NATS', () => {
  let a: Stack;
  let b: Stack;
  const orgId = newOrgId();

  beforeAll(async () => {
    buildProject(projectDir);
    [a, b] = await Promise.all([startStack('a'), startStack('b')]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([stopStack(a), stopStack(b)]);
  }, 60_000);

  it('never answers the other installation’s requests', async () => {
    // The same organisation and site id in both, with different names: every answer says whose inventory replied.
    const site = (name: string) => ({ site: { id: 'site-iso', name, code: 'ISO' } });
    await a.rpc.call(InventoryRpc.sitesCreate, { caller: caller(orgId), ...site('site of A') });
    await b.rpc.call(InventoryRpc.sitesCreate, { caller: caller(orgId), ...site('site of B') });

    // Both inventories serve the same subject in the same queue group: on one account NATS would share these
    // requests between them, about half each.
    const ask = (s: Stack) =>
      s.rpc.call(InventoryRpc.sitesGet, { caller: caller(orgId), id: 'site-iso' }).then((r) => r.name);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(i % 2 ? a : b)));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'site of A' : 'site of B')));

    const onlyInB = 'site-only-b';
    await b.rpc.call(InventoryRpc.sitesCreate, {
      caller: caller(orgId),
      site: { id: onlyInB, name: 'B only', code: 'B' },
    });
    await expect(a.rpc.call(InventoryRpc.sitesGet, { caller: caller(orgId), id: onlyInB })).rejects.toMatchObject({
      reason: 'SITE_NOT_FOUND',
    });
  }, 60_000);

  it('sees only its own events', async () => {
    const org = newOrgId();
    const create = (s: Stack, id: string) =>
      s.rpc.call(InventoryRpc.sitesCreate, { caller: caller(org), site: { id, name: id, code: id } });
    await create(a, 'a-1');
    await create(a, 'a-2');
    await create(b, 'b-1');
    const created = Subjects.event(org, 'site.created', 1);
    const seen = (s: Stack) => s.subjects.filter((subject) => subject === created).length;
    // Each sees its own site.created events; on one account both would see all three.
    await expectEventually(() => expect([seen(a), seen(b)]).toEqual([2, 1]));
    await Promise.all([a.nc.flush(), b.nc.flush()]);
    expect([seen(a), seen(b)]).toEqual([2, 1]);
  }, 30_000);
});
