import { describe, it, expect } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { newWebhookSecret, sign, signedHeaders, verify } from './webhook-signature.js';

describe('Standard Webhooks signature', () => {
  const body = JSON.stringify({ type: 'incident.opened', data: { id: 'i1' } });
  const now = new Date('2026-11-27T10:00:00Z');

  it('matches an independent HMAC-SHA256 over id.timestamp.body', () => {
    const secret = newWebhookSecret();
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`msg_1.1700000000.${body}`).digest('base64');
    expect(sign(secret, 'msg_1', 1700000000, body)).toBe(`v1,${expected}`);
  });

  it('verifies, and rejects a tampered body, a stale timestamp and another secret', () => {
    const secret = newWebhookSecret();
    const h = signedHeaders([secret], 'msg_2', body, now);
    expect(verify(secret, h, body, now)).toEqual({ ok: true });
    expect(verify(secret, h, body.replace('i1', 'i2'), now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify(secret, h, body, new Date(now.getTime() + 10 * 60_000))).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verify(newWebhookSecret(), h, body, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify(secret, { ...h, 'webhook-id': '' }, body, now)).toEqual({ ok: false, reason: 'missing-headers' });
  });

  it('signs with both secrets during a rotation, so either receiver accepts', () => {
    const [oldS, newS] = [newWebhookSecret(), newWebhookSecret()];
    const h = signedHeaders([newS, oldS], 'msg_3', body, now);
    expect(h['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verify(oldS, h, body, now).ok).toBe(true);
    expect(verify(newS, h, body, now).ok).toBe(true);
  });
});
