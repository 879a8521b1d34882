import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { heartbeatBatchSchema, Subjects } from '@fleetward/contracts';
import { connectTestNats, expectEventually } from '@fleetward/platform/testing';
import { generateFleet } from '../src/fleet.js';
import { noFailures } from '../src/failure-modes.js';
import { Simulator } from '../src/simulator.js';

describe('simulator (real NATS)', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connectTestNats({ name: 'simulator-test' });
  });
  afterAll(() => nc.drain());

  it('generates the same fleet from the same arguments, spread over the sites', () => {
    const a = generateFleet('org-a', 10, 3);
    expect(generateFleet('org-a', 10, 3)).toEqual(a);
    expect(a.sites.map((s) => s.devices.length)).toEqual([4, 3, 3]);
    expect(new Set(a.sites.flatMap((s) => s.devices)).size).toBe(10);
  });

  it('publishes valid collector batches per site, and a dark site publishes nothing', async () => {
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const received = new Map<string, Set<string>>();
    const sub = nc.subscribe(Subjects.heartbeat(orgId, '*'), {
      callback: (_err, msg) => {
        const batch = heartbeatBatchSchema.parse(msg.json());
        const seen = received.get(batch.siteId) ?? new Set<string>();
        for (const s of batch.samples) seen.add(s.deviceId);
        received.set(batch.siteId, seen);
      },
    });
    const fleet = generateFleet(orgId, 30, 3);
    const sim = new Simulator(nc, {
      fleet,
      intervalSec: 0.1,
      durationSec: 0,
      seed: 7,
      modes: { ...noFailures, darkSites: 1, darkAtSec: 0, darkForSec: 60, clockSkewSec: 120, degradedRate: 0.3 },
    });
    sim.start();
    try {
      await expectEventually(() => {
        expect(received.get('sim-s1')?.size).toBe(10);
        expect(received.get('sim-s2')?.size).toBe(10);
      });
      expect(received.has('sim-s0')).toBe(false);
      expect(sim.stats.darkSites).toBe(1);
      expect(sim.stats.errors).toBe(0);
    } finally {
      sim.stop();
      await sim.done;
      sub.unsubscribe();
    }
  });
});
