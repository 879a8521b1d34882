import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  jetstreamManager,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectTestNats, testNatsUrl } from '@fleetward/platform/testing';
import { provision } from '../nats-provision.mjs';

const MiB = 2 ** 20;

describe('nats:provision against an existing stream', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connectTestNats({ name: 'provision-test' });
    jsm = await jetstreamManager(nc);
    // As an older release provisioned it: unbounded, dropping the oldest events when a limit is hit.
    await jsm.streams.delete('FLEET_EVENTS').catch(() => undefined);
    await jsm.streams.add({
      name: 'FLEET_EVENTS',
      subjects: ['fleet.evt.>', 'fleet.catalog.>'],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_bytes: -1,
    });
  });

  afterAll(async () => {
    await nc.drain();
  });

  it('reconciles its limits and discard policy to deploy/nats (and is idempotent)', async () => {
    for (let run = 0; run < 2; run++) {
      await provision({ url: testNatsUrl(), replicas: 1, maxBytesCap: 64 * MiB, log: () => undefined });
      const { config } = await jsm.streams.info('FLEET_EVENTS');
      expect(config.max_bytes).toBe(64 * MiB);
      expect(config.discard).toBe(DiscardPolicy.New);
      expect(config.num_replicas).toBe(1);
      expect((await jsm.streams.info('FLEET_DLQ')).config.max_bytes).toBe(64 * MiB);
    }
  });
});
