// Detection lateness and memory per tracked device, with the real ingest path (NATS batches -> coalescing -> Redis).
//   npx tsc -b services/health && node --expose-gc bench/health/detection.mjs --devices 100000 [--probes 2000]
// Every device is registered and heartbeats once (threshold 1 h: it stays online during the run). Then `probes`
// of them (one per site, so no site roll-up hides them) get a 3 s threshold and one more heartbeat, spread over 2 s;
// we measure when each one's device.offline is decided and when it leaves the transition relay, against
// lastSeen + threshold. Both include the site roll-up hold (HEALTH_SITE_HOLD_MS, 400 ms by default).
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import {
  NATS_URL,
  REDIS_URL,
  arg,
  benchOrg,
  deviceIds,
  dropPrefix,
  health,
  percentile,
  registerAll,
} from './shared.mjs';

const devices = Number(arg('devices', '100000'));
// --direct: give every device its first heartbeat through the store's ingest script instead of NATS (same Redis
// state, much faster to set up a million devices on a loaded machine; the service-heap figure is then not measured)
const direct = process.argv.includes('--direct');
const probes = Number(arg('probes', '2000'));
const { HealthEngine } = await health('engine/health-engine.js');
const { defaultEngineOptions } = await health('engine/engine-options.js');

const prefix = `bench:health:${randomUUID().slice(0, 8)}`;
const orgId = benchOrg();
const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
const pubNc = await connect({ servers: NATS_URL, noAsyncTraces: true });
const redis = new Redis(REDIS_URL);
const lateness = { decided: [], delivered: [] };
const sink = {
  async apply(transitions) {
    const now = Date.now();
    for (const t of transitions) {
      if (t.type !== 'device.offline') continue;
      const [seen, thr] = t.extra.split('|').map(Number);
      lateness.decided.push(t.at - (seen + thr));
      lateness.delivered.push(now - (seen + thr));
    }
  },
};
const options = { ...defaultEngineOptions, keyPrefix: prefix, stateBuckets: Number(arg('buckets', '1024')) };
const engine = new HealthEngine({
  nc,
  redis,
  options,
  sinks: [sink],
  replicaId: 'bench',
  queue: `bench-${randomUUID()}`,
});
const ids = deviceIds(devices);
const siteOf = (i) => `site-${Math.floor(i / 50)}`; // 50 devices a site, like a store

const redisBefore = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);
let t = Date.now();
await registerAll(engine.store, orgId, ids, siteOf, 3_600_000, 600_000);
console.log(`registered ${devices} devices in ${((Date.now() - t) / 1000).toFixed(1)} s`);

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
await engine.start();
const publishAll = async (list) => {
  for (let i = 0; i < list.length; i += 2000) {
    const samples = list.slice(i, i + 2000).map((deviceId) => ({ deviceId, ts: new Date().toISOString() }));
    pubNc.publish(
      `fleet.hb.${orgId}.bench`,
      JSON.stringify({ orgId, siteId: 'bench', sentAt: new Date().toISOString(), samples }),
    );
    if (i % 100_000 === 0) await pubNc.flush();
  }
  await pubNc.flush();
};
t = Date.now();
if (direct) {
  for (let i = 0; i < ids.length; i += 1000) {
    await engine.store.ingest(
      orgId,
      Date.now(),
      ids.slice(i, i + 1000).flatMap((d) => [d, '-']),
    );
  }
} else {
  await publishAll(ids);
  const giveUp = Date.now() + 20 * 60_000;
  while (engine.ingest.accepted < devices && Date.now() < giveUp) await new Promise((r) => setTimeout(r, 100));
  if (engine.ingest.accepted < devices)
    throw new Error(`only ${engine.ingest.accepted}/${devices} heartbeats ingested`);
}
console.log(`first heartbeat of every device ingested in ${((Date.now() - t) / 1000).toFixed(1)} s`);
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;

// Redis memory of exactly our keys
let cursor = '0';
let redisBytes = 0;
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
  cursor = next;
  const pipe = redis.pipeline();
  for (const k of keys) pipe.memory('USAGE', k, 'SAMPLES', 0);
  for (const [, n] of (await pipe.exec()) ?? []) redisBytes += Number(n ?? 0);
} while (cursor !== '0');
const redisAfter = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);

// probes: a 3 s threshold, last heartbeats spread over 2 s
const probeIds = ids.filter((_, i) => i % 50 === 0).slice(0, probes);
await registerAll(engine.store, orgId, probeIds, siteOf, 3_000, 1_000);
for (let g = 0; g < 20; g++) {
  await publishAll(probeIds.filter((_, i) => i % 20 === g));
  await new Promise((r) => setTimeout(r, 100));
}
const deadline = Date.now() + 30_000;
while (lateness.delivered.length < probeIds.length && Date.now() < deadline)
  await new Promise((r) => setTimeout(r, 100));

const sorted = (a) => [...a].sort((x, y) => x - y);
const d = sorted(lateness.decided);
const v = sorted(lateness.delivered);
console.table([
  {
    'tracked devices': devices,
    'offline detected': `${v.length}/${probeIds.length}`,
    'decided p50 ms': percentile(d, 50),
    'decided p99 ms': percentile(d, 99),
    'delivered p50 ms': percentile(v, 50),
    'delivered p99 ms': percentile(v, 99),
    'delivered max ms': v[v.length - 1],
    'redis B/device (MEMORY USAGE)': Math.round(redisBytes / devices),
    'redis B/device (used_memory delta)': Math.round((redisAfter - redisBefore) / devices),
    'service heap B/device': direct ? 'n/a (--direct)' : Math.round((heapAfter - heapBefore) / devices),
  },
]);
await engine.stop();
await dropPrefix(redis, prefix);
await redis.quit();
await pubNc.drain();
await nc.drain();
