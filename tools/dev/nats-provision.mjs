#!/usr/bin/env node
// Creates or updates every JetStream stream and durable consumer declared in deploy/nats/. Idempotent.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { natsServerOptions, redactNatsUrl } from '@fleetward/platform';
import { jetstreamManager, AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, DiscardPolicy } from '@nats-io/jetstream';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const natsDir = path.join(root, 'deploy/nats');
const ns = (s) => Math.round(s * 1e9);

function readJson(dir) {
  const full = path.join(natsDir, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: `${dir}/${f}`, ...JSON.parse(readFileSync(path.join(full, f), 'utf8')) }));
}

export function streamConfig(def, replicas) {
  return {
    name: def.name,
    description: def.description,
    subjects: def.subjects,
    retention: def.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: def.storage === 'memory' ? StorageType.Memory : StorageType.File,
    max_age: ns(def.max_age_seconds ?? 0),
    duplicate_window: ns(def.duplicate_window_seconds ?? 120),
    discard: def.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    num_replicas: replicas,
  };
}

export function consumerConfig(def) {
  return {
    durable_name: def.durable_name,
    filter_subject: def.filter_subject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ns(def.ack_wait_seconds ?? 30),
    max_deliver: def.max_deliver ?? 10,
    max_ack_pending: def.max_ack_pending ?? 10000,
  };
}

export async function provision({ url, replicas, log = console.log }) {
  const nc = await connect({ ...natsServerOptions(url), name: 'fleetward-provision' });
  try {
    const jsm = await jetstreamManager(nc);
    for (const def of readJson('streams')) {
      const cfg = streamConfig(def, replicas);
      const existing = await jsm.streams.info(def.name).catch(() => null);
      if (existing) {
        await jsm.streams.update(def.name, { ...existing.config, ...cfg, num_replicas: existing.config.num_replicas });
        log(`stream ${def.name}: up to date`);
      } else {
        await jsm.streams.add(cfg);
        log(`stream ${def.name}: created`);
      }
    }
    for (const def of readJson('consumers')) {
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
  provision({ url, replicas }).catch((err) => {
    console.error(`nats:provision failed against ${redactNatsUrl(url)}: ${err.message}`);
    process.exit(1);
  });
}
