#!/usr/bin/env node
import { connect } from '@nats-io/transport-node';
import { natsOptionsFor } from '@fleetward/platform';
import { parseCli, usage, type CliOptions } from './cli-options.js';
import { registerDemoFleet } from './demo/demo-register.js';
import { generateFleet, readFleet, writeFleet, type Fleet } from './fleet.js';
import { startProgress } from './progress.js';
import { registerFleet } from './register.js';
import { retireFleet } from './retire-fleet.js';
import { Simulator } from './simulator.js';

async function resolveFleet(o: CliOptions): Promise<Fleet> {
  if (o.fleet) return readFleet(o.fleet);
  if (!o.org) throw new Error('--org is required unless --fleet is given');
  if (!o.register) return generateFleet(o.org, o.devices, o.sites);
  if (!o['api-key']) throw new Error('--register needs --api-key');
  const { register, org: orgId, devices, sites, interval: intervalSec, threshold: thresholdSec } = o;
  const apiKey = o['api-key'];
  if (o.demo) {
    const started = Date.now();
    const old = o.retire ? await readFleet(o.retire).catch(() => null) : null;
    const log = (line: string) => process.stderr.write(`demo: ${line}\n`);
    const fleet = await registerDemoFleet({ gatewayUrl: register, apiKey, orgId, devices, sites, seed: o.seed, intervalSec, thresholdSec, log });
    if (old) log(`retired ${await retireFleet({ gatewayUrl: register, apiKey }, old, fleet)} devices of the earlier fleet ${o.retire}`);
    log(`registered ${devices} devices on ${fleet.sites.length} sites in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return fleet;
  }
  return registerFleet(
    { gatewayUrl: register, apiKey, orgId, devices, sites, intervalSec, thresholdSec },
    (n) => {
      if (n % 100 === 0 || n === devices) process.stderr.write(`\rregistered ${n}/${devices} devices`);
    },
  );
}

async function main(): Promise<void> {
  const o = parseCli(process.argv.slice(2));
  if (o.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const fleet = await resolveFleet(o);
  if (o['write-fleet']) await writeFleet(o['write-fleet'], fleet);
  // The platform's options: credentials from the URL, waits for a first connection and reconnects forever.
  const nc = await connect(natsOptionsFor({ servers: o.nats, name: 'fleetward-simulator' }));
  const sim = new Simulator(nc, {
    fleet,
    intervalSec: o.interval,
    durationSec: o.duration,
    seed: o.seed,
    modes: {
      failureRate: o['failure-rate'],
      recoveryRate: o['recovery-rate'],
      flappingShare: o.flapping,
      degradedRate: o.degraded,
      darkSites: o['site-dark'],
      darkAtSec: o['site-dark-at'],
      darkForSec: o['site-dark-for'],
      clockSkewSec: o['clock-skew'],
    },
  });
  const devices = fleet.sites.reduce((n, s) => n + s.devices.length, 0);
  process.stderr.write(
    `simulating ${devices} devices over ${fleet.sites.length} sites of ${fleet.orgId}, every ${o.interval}s\n`,
  );
  const stopProgress = startProgress(sim.stats, process.stderr, o['progress-every']);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => sim.stop());
  sim.start();
  await sim.done;
  stopProgress();
  await nc.drain();
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
