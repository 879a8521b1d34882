import { describe, expect, it } from '@jest/globals';
import { isConsolePath } from './console-paths.js';

describe('isConsolePath', () => {
  it('leaves the API, heartbeats and probes to the gateway', () => {
    for (const p of ['/api/v1/devices', '/api/openapi.json', '/api', '/hb/abc', '/healthz', '/readyz', '/metrics']) {
      expect(isConsolePath(p)).toBe(false);
    }
  });

  it('serves the console everywhere else, including deep links', () => {
    for (const p of ['/', '/devices', '/devices/dev-1', '/assets/index-abc.js', '/apiary', '/metrics-board']) {
      expect(isConsolePath(p)).toBe(true);
    }
  });
});
