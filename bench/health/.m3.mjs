import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
const { HealthEngine } = await import('../../services/health/dist/engine/health-engine.js');
const { defaultEngineOptions } = await import('../../services/health/dist/engine/engine-options.js');
const prefix = 'm3:' + Date.now(); const org = 'org-m3-' + Date.now();
const nc = await connect({ noAsyncTraces: true }); const redis = new Redis();
const engine = new HealthEngine({ nc, redis, options: { ...defaultEngineOptions, keyPrefix: prefix }, sinks: [{ apply: async () => {} }], replicaId: 'x', queue: 'q' + Date.now() });
await engine.start();
const ids = Array.from({ length: 20000 }, () => randomUUID());
await Promise.all(ids.map((d) => engine.store.register(org, { deviceId: d, siteId: 's1', thresholdMs: 600000, intervalMs: 60000 }, Date.now())));
const origIngest = engine.store.ingest.bind(engine.store);
let calls = 0, ms = 0, n = 0;
engine.store.ingest = async (o, now, pairs) => { const t = Date.now(); const r = await origIngest(o, now, pairs); calls++; ms += Date.now() - t; n += pairs.length / 2; return r; };
const pub = await connect({ noAsyncTraces: true });
const t0 = Date.now();
for (let r = 0; r < 5; r++) { for (const d of ids) pub.publish(`fleet.hb.${org}.s1`, JSON.stringify({ deviceId: d })); await pub.flush(); }
console.log('published 100k in', Date.now() - t0);
for (let i = 0; i < 10; i++) { await new Promise((r) => setTimeout(r, 500)); console.log(Date.now() - t0, 'accepted', engine.ingest.accepted, 'calls', calls, 'avg ms', (ms / calls).toFixed(1), 'avg n', (n / calls).toFixed(0)); }
await engine.stop(); await pub.drain(); await nc.drain();
let c = '0'; do { const [x, k] = await redis.scan(c, 'MATCH', prefix + ':*', 'COUNT', 1000); c = x; if (k.length) await redis.del(...k); } while (c !== '0');
redis.disconnect();
