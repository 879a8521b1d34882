import { describe, expect, it } from '@jest/globals';
import { reconnectDelayMs, SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('assembles messages split across chunks and skips comments', () => {
    const p = new SseParser();
    expect(p.feed(': connected\n\nid: 7\nevent: device.off')).toEqual([]);
    expect(p.feed('line\ndata: {"a":1}\n\n: keep-alive\n\n')).toEqual([{ id: '7', event: 'device.offline', data: '{"a":1}' }]);
    expect(p.lastEventId).toBe('7');
  });

  it('joins multi-line data and accepts CRLF', () => {
    const p = new SseParser();
    expect(p.feed('data: a\r\ndata: b\r\n\r\n')).toEqual([{ id: null, event: 'message', data: 'a\nb' }]);
  });

  it('backs off from half a second to fifteen seconds', () => {
    expect([0, 1, 2, 5, 20].map(reconnectDelayMs)).toEqual([500, 1000, 2000, 15000, 15000]);
  });
});
