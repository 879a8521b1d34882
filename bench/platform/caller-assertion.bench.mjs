#!/usr/bin/env node
// What a signed caller costs on the RPC hot path: N sequential `inventory.sites.get` calls to a real inventory process
// (its own NATS account and database schema), as the gateway sends them, plus the in-process cost of minting and
// verifying one assertion. Run: `npx tsc -b services/inventory && node bench/platform/caller-assertion.bench.mjs`.
// BENCH_CALLS (2000). BENCH_ROOT: another checkout's built tree to run the same loop against (e.g. one without caller
// assertions, for a before/after figure); its RpcClient then signs nothing.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InventoryRpc } from '@fleetward/contracts';
import { CallerVerifier, parseVerifyKeys } from '@fleetward/platform';
import {
  builtMigrations,
  startServiceProcess,
  testCallerKeys,
  testCallerSigner,
  testDatabase,
  ensureStreams,
} from '@fleetward/platform/testing';
import { addAccount, removeAccount } from '../../tools/dev/local-nats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.BENCH_ROOT ?? path.resolve(here, '../..');
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const caller = { orgId: `bench-${process.pid}`, role: 'viewer', actor: 'user:bench', correlationId: 'bench' };

function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(3);
  const mean = (ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(3);
  return `mean ${mean} ms, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
}

async function inProcess() {
  const signer = testCallerSigner();
  const verifier = new CallerVerifier(parseVerifyKeys(testCallerKeys().CALLER_VERIFY_KEYS), 'inventory');
  const [mint, verify] = [[], []];
  for (let i = 0; i < CALLS; i++) {
    let t = performance.now();
    const token = await signer.mint(caller, 'inventory');
    mint.push(performance.now() - t);
    t = performance.now();
    await verifier.verify(token);
    verify.push(performance.now() - t);
  }
  console.log(`mint   x${CALLS}: ${stats(mint)}`);
  console.log(`verify x${CALLS}: ${stats(verify)}`);
}

async function overNats() {
  const account = `bench-caller-${process.pid}`;
  const url = await addAccount(account);
  await ensureStreams({ url });
  const projectDir = path.join(root, 'services/inventory');
  const db = await testDatabase({ migrations: await builtMigrations(projectDir) });
  const env = { NATS_URL: url, DATABASE_URL: db.appUrl, DB_SCHEMA: db.schema, PORT: '0', LOG_LEVEL: 'info' };
  const service = await startServiceProcess(path.join(projectDir, 'dist/main.js'), env);
  const { RpcClient } = await import(pathToFileURL(path.join(root, 'libs/platform/dist/index.js')).href);
  const signer = process.env.BENCH_ROOT ? undefined : testCallerSigner();
  const rpc = RpcClient.connect({ servers: url, name: 'bench-caller', signer });
  try {
    const site = { id: 'bench-site', name: 'Bench', code: 'bench-site' };
    await rpc.call(InventoryRpc.sitesCreate, { caller, site });
    for (let i = 0; i < 200; i++) await rpc.call(InventoryRpc.sitesGet, { caller, id: site.id }); // warm-up
    const ms = [];
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      await rpc.call(InventoryRpc.sitesGet, { caller, id: site.id });
      ms.push(performance.now() - t);
    }
    const total = (performance.now() - started) / 1000;
    console.log(
      `sitesGet x${CALLS} sequential (${signer ? 'signed' : 'unsigned'}): ${stats(ms)}; ${(CALLS / total).toFixed(0)}/s`,
    );
  } finally {
    await rpc.onApplicationShutdown();
    await service.stop('SIGTERM');
    await db.drop();
    await removeAccount(account);
  }
}

if (!process.env.BENCH_ROOT) await inProcess();
await overNats();
