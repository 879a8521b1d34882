// Child of ingest.mjs: one health replica (ingest + detector + relay) on a private key prefix. Prints the samples it
// has written to Redis every 250 ms.
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { NATS_URL, REDIS_URL, arg, health } from './shared.mjs';

const { HealthEngine } = await health('engine/health-engine.js');
const { defaultEngineOptions } = await health('engine/engine-options.js');
const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
const redis = new Redis(REDIS_URL);
const engine = new HealthEngine({
  nc,
  redis,
  options: { ...defaultEngineOptions, keyPrefix: arg('prefix') },
  sinks: [{ apply: async () => undefined }],
  replicaId: randomUUID(),
  queue: `bench-${randomUUID()}`,
});
await engine.start();
await nc.flush();
process.stdout.write(`${JSON.stringify({ role: 'health', ready: true })}\n`);
const timer = setInterval(
  () =>
    process.stdout.write(
      `${JSON.stringify({
        role: 'health',
        t: Date.now(),
        samples: engine.ingest.received,
        written: engine.ingest.accepted,
        maxFlushMs: Math.round(engine.ingest.maxFlushMs),
        rss: process.memoryUsage().rss,
      })}\n`,
    ),
  250,
);
process.on('SIGTERM', async () => {
  clearInterval(timer);
  await engine.stop();
  await redis.quit();
  await nc.drain();
  process.exit(0);
});
