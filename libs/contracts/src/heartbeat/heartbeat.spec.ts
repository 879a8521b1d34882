import { describe, expect, it } from '@jest/globals';
import { heartbeatBatchSchema, heartbeatSampleSchema, MAX_HEARTBEAT_BATCH } from './heartbeat.js';
import { fixtures } from '../testing/index.js';

describe('heartbeats', () => {
  it('accepts the fixture batch and a bare sample (status defaults to ok by omission)', () => {
    expect(heartbeatBatchSchema.safeParse(fixtures.heartbeatBatch()).success).toBe(true);
    const bare = { deviceId: 'cam-1', ts: '2026-11-27T06:00:00Z' };
    expect(heartbeatSampleSchema.parse(bare)).toEqual(bare);
  });

  it('requires faults exactly when a sample is degraded', () => {
    const s = fixtures.heartbeatSample();
    expect(heartbeatSampleSchema.safeParse({ ...s, status: 'degraded' }).success).toBe(false);
    expect(heartbeatSampleSchema.safeParse({ ...s, status: 'ok', faults: ['tamper'] }).success).toBe(false);
    expect(heartbeatSampleSchema.safeParse({ ...s, status: 'degraded', faults: ['tamper'] }).success).toBe(true);
    expect(heartbeatSampleSchema.safeParse({ ...s, status: 'degraded', faults: ['on-fire'] }).success).toBe(false);
  });

  it('rejects ids that cannot be subject tokens, unknown metrics and local times', () => {
    const s = fixtures.heartbeatSample();
    expect(heartbeatSampleSchema.safeParse({ ...s, deviceId: 'cam.1' }).success).toBe(false);
    expect(heartbeatSampleSchema.safeParse({ ...s, metrics: { fanRpm: 1200 } }).success).toBe(false);
    expect(heartbeatSampleSchema.safeParse({ ...s, ts: '2026-11-27 06:00' }).success).toBe(false);
    const batch = fixtures.heartbeatBatch();
    expect(heartbeatBatchSchema.safeParse({ ...batch, siteId: 'store>' }).success).toBe(false);
  });

  it('bounds the batch size', () => {
    const one = fixtures.heartbeatSample();
    const batch = fixtures.heartbeatBatch();
    expect(heartbeatBatchSchema.safeParse({ ...batch, samples: [] }).success).toBe(false);
    const full = Array.from({ length: MAX_HEARTBEAT_BATCH }, () => one);
    expect(heartbeatBatchSchema.safeParse({ ...batch, samples: full }).success).toBe(true);
    expect(heartbeatBatchSchema.safeParse({ ...batch, samples: [...full, one] }).success).toBe(false);
  });
});
