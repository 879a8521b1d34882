import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Streams } from '@fleetward/contracts';
import { uniqueId } from '@fleetward/platform/testing';
import { toOutgoingMessage } from '../../src/messaging/outgoing-message.js';
import { publishBatch } from '../../src/messaging/publish-batch.js';
import type { NatsClient } from '../../src/nats/nats-client.js';
import { connectNats, things } from './support/fixtures.js';

jest.setTimeout(20_000);

describe('publishBatch', () => {
  let nats: NatsClient;
  const orgId = uniqueId('org');

  beforeAll(async () => {
    nats = await connectNats();
  });
  afterAll(async () => {
    await nats.jsm.streams.purge(Streams.events.name, { filter: `fleet.evt.${orgId}.>` }).catch(() => undefined);
    await nats?.drain();
  });

  it('stores messages in order, and reports a repeated msgID as a duplicate instead of storing it again', async () => {
    const messages = things(orgId, 500).map(toOutgoingMessage);
    const acks = await publishBatch(nats.nc, messages, 64);
    expect(acks).toHaveLength(500);
    expect(acks.every((a) => a.stream === Streams.events.name && !a.duplicate)).toBe(true);
    for (let i = 1; i < acks.length; i++) expect(acks[i]!.seq).toBeGreaterThan(acks[i - 1]!.seq);

    const again = await publishBatch(nats.nc, messages.slice(0, 10), 4);
    expect(again.map((a) => a.duplicate)).toEqual(Array(10).fill(true));
    expect(again.map((a) => a.seq)).toEqual(acks.slice(0, 10).map((a) => a.seq));
  });

  it('rejects naming the subject when no stream takes it', async () => {
    const [message] = things(orgId, 1).map(toOutgoingMessage);
    await expect(publishBatch(nats.nc, [{ ...message!, subject: `nostream.${orgId}` }], 8)).rejects.toMatchObject({
      code: 'PUBLISH_FAILED',
      message: expect.stringContaining(`nostream.${orgId}`),
    });
  });
});
