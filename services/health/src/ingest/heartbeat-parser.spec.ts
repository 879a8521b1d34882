import { describe, expect, it } from '@jest/globals';
import { parseHeartbeat } from './heartbeat-parser.js';

describe('parseHeartbeat', () => {
  it('accepts a collector batch and a single sample, keeping faults', () => {
    const batch = parseHeartbeat(
      JSON.stringify({
        orgId: 'o',
        siteId: 's',
        sentAt: '2026-11-27T06:00:00Z',
        samples: [
          { deviceId: 'cam-1', ts: 'x' },
          { deviceId: 'nvr-1', status: 'degraded', faults: ['recording-stopped', 'storage-full'] },
        ],
      }),
    );
    expect(batch).toEqual({
      samples: [
        { deviceId: 'cam-1', fault: '-' },
        { deviceId: 'nvr-1', fault: 'recording-stopped+storage-full' },
      ],
      invalid: 0,
    });
    expect(parseHeartbeat('{"deviceId":"cam-2"}').samples).toEqual([{ deviceId: 'cam-2', fault: '-' }]);
  });

  it('counts invalid samples without losing the valid ones of the same batch', () => {
    const r = parseHeartbeat(
      JSON.stringify({
        samples: [{ deviceId: 'ok-1' }, { deviceId: 'bad.id' }, { deviceId: 'x', faults: 'tamper' }, 7],
      }),
    );
    expect(r.samples).toEqual([{ deviceId: 'ok-1', fault: '-' }]);
    expect(r.invalid).toBe(3);
    expect(r.reason).toBe('deviceId must be a subject token');
  });

  it('rejects what is not JSON', () => {
    expect(parseHeartbeat('not json')).toEqual({ samples: [], invalid: 1, reason: 'not JSON' });
  });
});
