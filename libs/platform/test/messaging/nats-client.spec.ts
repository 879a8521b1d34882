import { describe, expect, it, jest } from '@jest/globals';
import { Streams } from '@fleetward/contracts';
import { uniqueId } from '@fleetward/platform/testing';
import { MissingStreamError, requireStreams } from '../../src/nats/require-streams.js';
import { connectNats } from './support/fixtures.js';

jest.setTimeout(20_000);

describe('NatsClient and requireStreams', () => {
  it('passes when the streams exist and names each missing one otherwise', async () => {
    const nats = await connectNats('require-streams-test');
    try {
      await expect(requireStreams(nats.jsm, [Streams.events.name, Streams.dlq.name])).resolves.toBeUndefined();
      const missing = uniqueId('NOPE').toUpperCase();
      const err = await requireStreams(nats.jsm, [Streams.events.name, missing]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MissingStreamError);
      expect(err).toMatchObject({ code: 'NATS_STREAM_MISSING', streams: [missing] });
      expect((err as Error).message).toContain(missing);
      expect((err as Error).message).not.toContain(Streams.events.name);
    } finally {
      await nats.drain();
    }
  });

  it('drains once, however often shutdown asks', async () => {
    const nats = await connectNats('drain-test');
    await Promise.all([nats.drain(), nats.beforeApplicationShutdown(), nats.drain()]);
    expect(nats.nc.isClosed()).toBe(true);
  });
});
