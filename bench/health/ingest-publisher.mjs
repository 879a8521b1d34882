// Child of ingest.mjs: publishes heartbeats as fast as NATS takes them, for --seconds.
import { readFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { NATS_URL, arg } from './shared.mjs';

const { orgId, ids } = JSON.parse(readFileSync(arg('fleet'), 'utf8'));
const perMsg = Number(arg('per-msg', '1'));
const seconds = Number(arg('seconds', '10'));
const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
const enc = new TextEncoder();
const subject = `fleet.hb.${orgId}.bench-site`;
const ts = new Date().toISOString();
// pre-encoded messages, cycled: the publisher must not be the bottleneck
const messages = [];
for (let i = 0; i + perMsg <= ids.length && messages.length < 20_000; i += perMsg) {
  const samples = ids.slice(i, i + perMsg).map((deviceId) => ({ deviceId, ts }));
  messages.push(
    enc.encode(JSON.stringify(perMsg === 1 ? samples[0] : { orgId, siteId: 'bench-site', sentAt: ts, samples })),
  );
}
const end = Date.now() + seconds * 1000;
let sent = 0;
while (Date.now() < end) {
  for (let k = 0; k < 2000; k++) nc.publish(subject, messages[(sent + k) % messages.length]);
  sent += 2000;
  await nc.flush();
}
process.stdout.write(`${JSON.stringify({ role: 'publisher', messages: sent, samples: sent * perMsg })}\n`);
await nc.drain();
