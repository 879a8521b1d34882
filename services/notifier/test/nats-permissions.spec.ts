import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, errors, type NatsConnection, type Status } from '@nats-io/transport-node';
import { expectEventually, startPrivateNats, type PrivateNats } from '@fleetward/platform/testing';

/*
 * The set-up of docs/nats-subscription.md on a private nats-server (its own port, config and JetStream store): one
 * account; per organisation a user `it_<org>` that may read `fleet.evt.<org>.>` (core, or through the durable
 * consumer `it_<org>` the platform created for it) and nothing else.
 */
const STREAM = 'FLEET_EVENTS';

function itUserPermissions(orgId: string) {
  const durable = `it_${orgId}`;
  return {
    publish: {
      allow: [
        `$JS.API.CONSUMER.INFO.${STREAM}.${durable}`,
        `$JS.API.CONSUMER.MSG.NEXT.${STREAM}.${durable}`,
        `$JS.ACK.${STREAM}.${durable}.>`,
      ],
    },
    subscribe: { allow: [`fleet.evt.${orgId}.>`, `_INBOX_${orgId}.>`] },
  };
}

function serverConfig(port: number, storeDir: string, passwords: Record<string, string>, orgs: string[]): string {
  const q = JSON.stringify;
  const users = orgs.map(
    (org) => `{ user: ${q(`it_${org}`)}, password: ${q(passwords[org])}, permissions: ${q(itUserPermissions(org))} }`,
  );
  return `listen: "127.0.0.1:${port}"
jetstream { store_dir: ${q(storeDir)}, max_memory_store: 64MB, max_file_store: 256MB }
accounts {
  FLEET {
    jetstream: enabled
    users: [
      { user: "platform", password: ${q(passwords['platform'])} }
      ${users.join('\n      ')}
    ]
  }
}
`;
}

/** Every error the server reported to a connection (permission violations arrive asynchronously as -ERR). */
function watchErrors(nc: NatsConnection): Error[] {
  const seen: Error[] = [];
  void (async () => {
    for await (const s of nc.status() as AsyncIterable<Status>) if (s.type === 'error') seen.push(s.error);
  })();
  return seen;
}

const isViolation = (e: unknown, operation: 'publish' | 'subscription', subject: string) =>
  e instanceof errors.PermissionViolationError && e.operation === operation && e.subject === subject;

describe('direct NATS subscription for IT systems: fleet.evt.<own org>.> and nothing else', () => {
  const orgA = `org_a${randomBytes(3).toString('hex')}`;
  const orgB = `org_b${randomBytes(3).toString('hex')}`;
  const passwords: Record<string, string> = {
    platform: randomBytes(12).toString('hex'),
    [orgA]: randomBytes(12).toString('hex'),
    [orgB]: randomBytes(12).toString('hex'),
  };
  let server: PrivateNats | undefined;
  let url: string;
  let platform: NatsConnection;
  let itA: NatsConnection;
  const event = (orgId: string, type: string) => {
    const id = randomUUID();
    return {
      subject: `fleet.evt.${orgId}.${type}.v1`,
      id,
      body: JSON.stringify({ id, orgId, type, version: 1, data: {} }),
    };
  };

  beforeAll(async () => {
    server = await startPrivateNats((port, storeDir) => serverConfig(port, storeDir, passwords, [orgA, orgB]));
    url = server.url;
    platform = await connect({ servers: url, user: 'platform', pass: passwords['platform'] });
    // What the platform does once per IT system: the stream exists already; it creates the durable consumer.
    const jsm = await jetstreamManager(platform);
    await jsm.streams.add({ name: STREAM, subjects: ['fleet.evt.>'], duplicate_window: 120_000_000_000 });
    for (const org of [orgA, orgB])
      await jsm.consumers.add(STREAM, {
        durable_name: `it_${org}`,
        filter_subject: `fleet.evt.${org}.>`,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
    itA = await connect({ servers: url, user: `it_${orgA}`, pass: passwords[orgA], inboxPrefix: `_INBOX_${orgA}` });
  }, 30_000);
  afterAll(async () => {
    await itA?.close();
    await platform?.close();
    await server?.stop();
  });

  it("receives its own organisation's events live (core NATS) and none of another's", async () => {
    const got: string[] = [];
    const sub = itA.subscribe(`fleet.evt.${orgA}.>`, {
      callback: (_e, m) => {
        got.push(m.subject);
      },
    });
    await itA.flush();
    const mine = event(orgA, 'health.device-offline');
    platform.publish(event(orgB, 'health.device-offline').subject, '{}');
    platform.publish(mine.subject, mine.body);
    await expectEventually(() => expect(got).toEqual([mine.subject]), { timeoutMs: 5000 });
    sub.unsubscribe();
  });

  it("reads its durable consumer (org A's events only, the event id as Nats-Msg-Id) and acks", async () => {
    const js = jetstream(platform);
    const a1 = event(orgA, 'health.site-unreachable');
    const b1 = event(orgB, 'health.site-unreachable');
    await js.publish(b1.subject, b1.body, { msgID: b1.id });
    await js.publish(a1.subject, a1.body, { msgID: a1.id });
    // The same event published again (a retry) is dropped by the stream's duplicate window.
    await js.publish(a1.subject, a1.body, { msgID: a1.id });

    const consumer = await jetstream(itA, { timeout: 3000 }).consumers.get(STREAM, `it_${orgA}`);
    const received: { subject: string; msgId: string | undefined; id: string }[] = [];
    const batch = await consumer.fetch({ max_messages: 10, expires: 1500 });
    for await (const m of batch) {
      received.push({ subject: m.subject, msgId: m.headers?.get('Nats-Msg-Id'), id: (m.json() as { id: string }).id });
      m.ack();
    }
    // Org A's events so far (the stream also kept the live one of the test before), each once, none of org B.
    expect(received.every((r) => r.subject.startsWith(`fleet.evt.${orgA}.`))).toBe(true);
    expect(received.filter((r) => r.id === a1.id)).toEqual([{ subject: a1.subject, msgId: a1.id, id: a1.id }]);
    expect(received.some((r) => r.id === b1.id)).toBe(false);
    expect((await consumer.info()).num_ack_pending).toBe(0);
  });

  it("is refused subscribing to org B's events and to fleet.>", async () => {
    for (const subject of [`fleet.evt.${orgB}.>`, 'fleet.>', '>']) {
      const sub = itA.subscribe(subject);
      const closed = await sub.closed;
      expect(isViolation(closed, 'subscription', subject)).toBe(true);
    }
  });

  it("cannot use org B's durable consumer or create one of its own", async () => {
    const errorsSeen = watchErrors(itA);
    const js = jetstream(itA, { timeout: 1500 });
    await expect(js.consumers.get(STREAM, `it_${orgB}`)).rejects.toThrow();
    expect(errorsSeen.some((e) => isViolation(e, 'publish', `$JS.API.CONSUMER.INFO.${STREAM}.it_${orgB}`))).toBe(true);
    const jsm = await jetstreamManager(itA, { timeout: 1500, checkAPI: false });
    await expect(
      jsm.consumers.add(STREAM, {
        durable_name: `it_${orgA}_wide`,
        filter_subject: 'fleet.evt.>',
        ack_policy: AckPolicy.Explicit,
      }),
    ).rejects.toThrow();
    expect(
      errorsSeen.some((e) =>
        isViolation(e, 'publish', `$JS.API.CONSUMER.CREATE.${STREAM}.it_${orgA}_wide.fleet.evt.>`),
      ),
    ).toBe(true);
    const names: string[] = [];
    for await (const c of (await jetstreamManager(platform)).consumers.list(STREAM)) names.push(c.name);
    expect(names.sort()).toEqual([`it_${orgA}`, `it_${orgB}`].sort());
  });

  it('cannot publish events, not even into its own organisation', async () => {
    const errorsSeen = watchErrors(itA);
    const heard: string[] = [];
    const watcher = platform.subscribe('fleet.>', {
      callback: (_e, m) => {
        heard.push(m.subject);
      },
    });
    await platform.flush();
    const forged = event(orgA, 'health.device-online');
    itA.publish(forged.subject, forged.body);
    await itA.flush();
    await expectEventually(() => expect(errorsSeen.some((e) => isViolation(e, 'publish', forged.subject))).toBe(true), {
      timeoutMs: 5000,
    });
    const sentinel = event(orgA, 'test.sentinel');
    platform.publish(sentinel.subject, sentinel.body);
    await expectEventually(() => expect(heard).toContain(sentinel.subject), { timeoutMs: 5000 });
    expect(heard).not.toContain(forged.subject);
    watcher.unsubscribe();
  });
});
