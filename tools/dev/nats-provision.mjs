#!/usr/bin/env node
// Creates or updates every JetStream stream and durable consumer declared in deploy/nats/. Idempotent: an existing
// stream is reconciled to its definition, replicas and limits included.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { natsServerOptions, redactNatsUrl } from '@fleetward/platform';
import { jetstreamManager } from '@nats-io/jetstream';
import { consumerConfig, readDefinitions, streamConfig, streamUpdate } from './nats-definitions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const defaultNatsDir = path.join(root, 'deploy/nats');

export { consumerConfig, streamConfig };

/** The local nats-server refuses sign-ins for a moment while it reloads its accounts: such a refusal is retried. */
async function connectRetryingSignIn(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect({ ...natsServerOptions(url), name: 'fleetward-provision' });
    } catch (err) {
      if (attempt >= 10 || err?.name !== 'AuthorizationError') throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

export async function provision({ url, replicas, maxBytesCap = 0, natsDir = defaultNatsDir, log = console.log }) {
  const nc = await connectRetryingSignIn(url);
  try {
    const jsm = await jetstreamManager(nc);
    for (const def of readDefinitions(natsDir, 'streams')) {
      const cfg = streamConfig(def, replicas, maxBytesCap);
      const existing = await jsm.streams.info(def.name).catch(() => null);
      if (existing) {
        await jsm.streams.update(def.name, streamUpdate(existing.config, cfg));
        log(`stream ${def.name}: up to date (replicas ${cfg.num_replicas}, max_bytes ${cfg.max_bytes})`);
      } else {
        await jsm.streams.add(cfg);
        log(`stream ${def.name}: created (replicas ${cfg.num_replicas}, max_bytes ${cfg.max_bytes})`);
      }
    }
    for (const def of readDefinitions(natsDir, 'consumers')) {
      const existing = await jsm.consumers.info(def.stream, def.durable_name).catch(() => null);
      if (existing) await jsm.consumers.update(def.stream, def.durable_name, consumerConfig(def));
      else await jsm.consumers.add(def.stream, consumerConfig(def));
      log(`consumer ${def.stream}/${def.durable_name}: ${existing ? 'up to date' : 'created'}`);
    }
  } finally {
    await nc.drain();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const replicas = Number(process.env.NATS_REPLICAS ?? '1');
  const maxBytesCap = Number(process.env.NATS_MAX_BYTES_CAP ?? '0');
  provision({ url, replicas, maxBytesCap }).catch((err) => {
    console.error(`nats:provision failed against ${redactNatsUrl(url)}: ${err.message}`);
    process.exit(1);
  });
}
