#!/usr/bin/env node
// The whole, as a user meets it: with every service running as `npm start` runs them, imports BENCH_ROWS devices
// (default 20,000; 5 vendors' worth of mixed firmware and warranty dates) through `POST /api/v1/devices/imports`,
// then times until health tracks every device and every durable consumer of the installation has applied every event
// (nothing pending, nothing unacked), and counts the incidents the import opened. In the same run, a raw JetStream
// pull consumer reads the import's device.registered events from the same stream: the ceiling each consumer is
// compared with. BENCH_IMPORTS repeats the import (fresh devices each time) to see whether lag grows.
//   npm start                      # in another terminal, and let it finish starting
//   node bench/convergence/convergence.bench.mjs
// Reads the gateway URL (BENCH_GATEWAY, default http://127.0.0.1:8080), the admin key (.fleetward/demo-admin-key)
// and the installation's NATS_URL (.fleetward/nats.env) that `npm start` wrote.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Streams, Subjects } from '@fleetward/contracts';
import { consumerStates, rawConsumeRate } from './jetstream-state.mjs';
import { countIncidents, createSites, importCsv, trackedDevices } from './api.mjs';
import { writeFleetCsv } from '../inventory/fleet-csv.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 1);
const SITES = Number(process.env.BENCH_SITES ?? 20);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);
const gateway = process.env.BENCH_GATEWAY ?? 'http://127.0.0.1:8080';
const apiKey = readFileSync(path.join(root, '.fleetward/demo-admin-key'), 'utf8').trim();
const natsUrl =
  process.env.NATS_URL ?? /NATS_URL='([^']+)'/.exec(readFileSync(path.join(root, '.fleetward/nats.env'), 'utf8'))[1];
const api = { gateway, apiKey };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const run = Date.now().toString(36);

async function untilConverged(expectedTracked, start) {
  const firsts = { health: null, drained: null };
  let last = '';
  while ((performance.now() - start) / 1000 < TIMEOUT_S) {
    const [tracked, consumers] = await Promise.all([trackedDevices(api), consumerStates(natsUrl, Streams.events.name)]);
    const t = (performance.now() - start) / 1000;
    if (firsts.health === null && tracked >= expectedTracked) firsts.health = t;
    const behind = consumers.filter((c) => c.pending + c.ackPending > 0);
    if (firsts.health !== null && behind.length === 0) return { ...firsts, drained: t, consumers };
    const line = `  ${t.toFixed(0)} s: health tracks ${tracked}/${expectedTracked}; behind: ${behind.map((c) => `${c.name} ${c.pending + c.ackPending}`).join(', ') || 'none'}`;
    if (line !== last) console.log(line);
    last = line;
    await sleep(1000);
  }
  throw new Error(`not converged within ${TIMEOUT_S} s`);
}

async function main() {
  const siteCodes = await createSites(api, run, SITES);
  const before = { incidents: await countIncidents(api), tracked: await trackedDevices(api) };
  console.log(
    `convergence: ${IMPORTS} import(s) of ${ROWS} devices over ${SITES} sites; ${before.tracked} tracked, ${before.incidents} incidents open before`,
  );
  let expected = before.tracked;
  for (let n = 0; n < IMPORTS; n++) {
    const file = path.join(tmpdir(), `fleetward-convergence-${process.pid}-${n}.csv`);
    await writeFleetCsv(file, ROWS, siteCodes, { serialPrefix: `CV${run}${n}-` });
    const start = performance.now();
    const job = await importCsv(api, file);
    const imported = (performance.now() - start) / 1000;
    await rm(file, { force: true });
    expected += job.rowsInserted;
    const done = await untilConverged(expected, start);
    const incidents = await countIncidents(api);
    console.log(
      `import ${n + 1}: ${job.rowsInserted} imported (${job.rowsRejected} rejected) in ${imported.toFixed(1)} s; ` +
        `health tracks all at ${done.health.toFixed(1)} s; every consumer drained at ${done.drained.toFixed(1)} s ` +
        `(${(done.drained - imported).toFixed(1)} s after the import finished); incidents opened: ${incidents - before.incidents}`,
    );
    before.incidents = incidents;
  }
  const filter = Subjects.event('demo', 'device.registered', 1);
  const raw = await rawConsumeRate(natsUrl, Streams.events.name, filter);
  console.log(
    `raw JetStream pull consumer over the same stream: ${Math.round(raw.rate)} events/s (${raw.count} device.registered)`,
  );
}

main().catch((err) => {
  console.error(`convergence bench failed: ${err.message}`);
  process.exit(1);
});
