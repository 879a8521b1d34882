import { describe, expect, it } from '@jest/globals';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('hides the device token of a heartbeat URL and every query string', () => {
    expect(redactUrl('/hb/fwd.s3cr3t-token')).toBe('/hb/[redacted]');
    expect(redactUrl('/hb/fwd.s3cr3t-token?x=1')).toBe('/hb/[redacted]');
    expect(redactUrl('/api/v1/devices/d1?access_token=abc')).toBe('/api/v1/devices/d1');
  });
});
