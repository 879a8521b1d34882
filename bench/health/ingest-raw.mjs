// Child of ingest.mjs: the ceiling, a core-NATS subscriber that only counts. Prints its count every 250 ms.
import { connect } from '@nats-io/transport-node';
import { NATS_URL, arg } from './shared.mjs';

const perMsg = Number(arg('per-msg', '1'));
const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
let messages = 0;
nc.subscribe(`fleet.hb.${arg('org')}.>`, { callback: () => void messages++ });
await nc.flush();
process.stdout.write(`${JSON.stringify({ role: 'raw', ready: true })}\n`);
const timer = setInterval(
  () => process.stdout.write(`${JSON.stringify({ role: 'raw', t: Date.now(), samples: messages * perMsg })}\n`),
  250,
);
process.on('SIGTERM', async () => {
  clearInterval(timer);
  await nc.drain();
  process.exit(0);
});
