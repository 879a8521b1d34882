import { describe, expect, it } from '@jest/globals';
import {
  allEvents,
  deviceFirmwareNoncompliantV1,
  deviceOfflineV1,
  deviceUpdatedV1,
  eventByTypeVersion,
  firmwareReleasedV1,
  parseEnvelope,
  parseEventSubject,
} from './index.js';
import { fixtures } from './testing/index.js';

describe('event catalogue', () => {
  it('names every type <domain>.<event> in lower-kebab case, once per version', () => {
    for (const def of allEvents) expect(def.type).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
    const keys = allEvents.map((d) => `${d.type}@${d.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('looks definitions up by type and version', () => {
    expect(eventByTypeVersion('device.offline', 1)).toBe(deviceOfflineV1);
    expect(eventByTypeVersion('device.firmware-noncompliant', 1)).toBe(deviceFirmwareNoncompliantV1);
    expect(eventByTypeVersion('device.offline', 2)).toBeUndefined();
    expect(eventByTypeVersion('device.exploded', 1)).toBeUndefined();
  });

  it('publishes org events under the org and catalog events under fleet.catalog', () => {
    expect(deviceOfflineV1.subject('org-1')).toBe('fleet.evt.org-1.device.offline.v1');
    expect(firmwareReleasedV1.subject(null)).toBe('fleet.catalog.firmware.released.v1');
    expect(() => deviceOfflineV1.subject(null)).toThrow(/orgId is required/);
    for (const def of allEvents) {
      const subject = def.subject(def.scope === 'org' ? 'org-1' : null);
      expect(parseEventSubject(subject)).toEqual({
        orgId: def.scope === 'org' ? 'org-1' : null,
        type: def.type,
        version: def.version,
      });
    }
  });

  it('explains what is wrong with a message that is not an envelope', () => {
    expect(parseEnvelope('hello')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseEnvelope({ type: 'device.offline' })).toMatchObject({ ok: false, reason: 'malformed' });
    const unknown = parseEnvelope({ type: 'device.exploded', version: 1 });
    expect(unknown).toMatchObject({ ok: false, reason: 'unknown-event', message: 'unknown event device.exploded v1' });
  });

  it('checks the subject an event arrived on when told', () => {
    const e = fixtures.deviceOffline({ orgId: 'org-1' });
    expect(parseEnvelope(e, { subject: 'fleet.evt.org-1.device.offline.v1' })).toMatchObject({ ok: true });
    expect(parseEnvelope(e, { subject: 'fleet.evt.org-2.device.offline.v1' })).toMatchObject({
      ok: false,
      reason: 'wrong-subject',
      message:
        'device.offline v1 arrived on fleet.evt.org-2.device.offline.v1, but belongs on fleet.evt.org-1.device.offline.v1',
    });
    const release = fixtures.firmwareReleased();
    expect(parseEnvelope(release, { subject: 'fleet.catalog.firmware.released.v1' })).toMatchObject({ ok: true });
  });

  it('names the failing field in the message', () => {
    const raw = JSON.parse(JSON.stringify(fixtures.deviceOffline())) as { data: Record<string, unknown> };
    raw.data['thresholdSec'] = 'five minutes';
    const result = parseEnvelope(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^invalid device\.offline v1: /);
      expect(result.message).toContain('data.thresholdSec');
      expect(result.issues[0]?.path).toEqual(['data', 'thresholdSec']);
    }
  });

  it('lists only state fields as changed in device.updated', () => {
    const ok = fixtures.deviceUpdated({ overrides: { changed: ['siteId', 'sitePath'] } });
    expect(ok.data.changed).toEqual(['siteId', 'sitePath']);
    const raw = { ...ok, data: { ...ok.data, changed: ['id'] } };
    expect(deviceUpdatedV1.envelope.safeParse(raw).success).toBe(false);
  });

  it('insists a decommissioned device says so', () => {
    const e = fixtures.deviceDecommissioned();
    expect(parseEnvelope({ ...e, data: { ...e.data, status: 'active' } })).toMatchObject({ ok: false });
  });
});
