import { Streams } from '@fleetward/contracts';
import { jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { connectTestNats } from './test-nats.js';

const ns = (seconds: number) => seconds * 1_000_000_000;

const definitions = [
  { name: Streams.events.name, subjects: [...Streams.events.subjects], duplicate_window: ns(600) },
  { name: Streams.dlq.name, subjects: [...Streams.dlq.subjects], duplicate_window: ns(120) },
];

/**
 * Creates FLEET_EVENTS and FLEET_DLQ when they are missing, so tests run without `npm run nats:provision`.
 * Existing streams are left exactly as they are (a test file may call it more than once, and outside jest the stream
 * may be shared with a local stack).
 */
export async function ensureStreams(options: { url?: string; jsm?: JetStreamManager } = {}): Promise<void> {
  if (options.jsm) return addMissing(options.jsm);
  const nc = await connectTestNats({ url: options.url, name: 'ensure-streams' });
  try {
    await addMissing(await jetstreamManager(nc));
  } finally {
    await nc.drain();
  }
}

async function addMissing(jsm: JetStreamManager): Promise<void> {
  for (const def of definitions) {
    const exists = await jsm.streams.info(def.name).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    await jsm.streams
      .add({ ...def, retention: RetentionPolicy.Limits, storage: StorageType.File, max_age: ns(86_400) })
      .catch(async (err: unknown) => {
        // Another test file may have created it at the same moment.
        const nowExists = await jsm.streams.info(def.name).then(
          () => true,
          () => false,
        );
        if (!nowExists) throw err;
      });
  }
}
