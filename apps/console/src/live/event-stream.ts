import { reconnectDelayMs, SseParser } from '../logic/sse-parser.js';
import type { EnvelopeLike } from '../logic/changes.js';

export type LiveStatus = 'connecting' | 'live' | 'lost' | 'unavailable';

export interface LiveOptions {
  url: string;
  token: () => string | null;
  onEvent: (e: EnvelopeLike) => void;
  onStatus: (s: LiveStatus, detail?: string) => void;
  /** No bytes (events or keep-alives) for this long means the stream is stale: reconnect and say so. */
  staleAfterMs?: number;
}

/**
 * The gateway's SSE stream over fetch (EventSource cannot send a bearer header), reconnecting by itself with
 * back-off and resuming after the last event id. Returns a stop function.
 */
export function connectLive(o: LiveOptions): () => void {
  let stopped = false;
  let attempt = 0;
  let lastEventId: string | null = null;
  let controller: AbortController | null = null;
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  const staleAfter = o.staleAfterMs ?? 40_000;

  const armWatchdog = () => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      o.onStatus('lost', 'no data from the gateway');
      controller?.abort();
    }, staleAfter);
  };

  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      o.onStatus(attempt === 0 ? 'connecting' : 'lost');
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        const token = o.token();
        if (token) headers['Authorization'] = `Bearer ${token}`;
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        armWatchdog();
        const res = await fetch(o.url, { headers, signal: controller.signal, cache: 'no-store' });
        if (res.status === 401 || res.status === 403 || res.status === 404) {
          o.onStatus('unavailable', `live events refused (${res.status})`);
          return;
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        const parser = new SseParser();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        o.onStatus('live');
        attempt = 0;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          armWatchdog();
          for (const m of parser.feed(value)) {
            try {
              o.onEvent(JSON.parse(m.data) as EnvelopeLike);
            } catch {
              // A message that is not JSON is not a domain event; ignore it.
            }
          }
          lastEventId = parser.lastEventId ?? lastEventId;
        }
      } catch {
        // Falls through to the reconnect below.
      }
      if (stopped) break;
      o.onStatus('lost');
      await new Promise((r) => setTimeout(r, reconnectDelayMs(attempt++)));
    }
  };
  void run();
  return () => {
    stopped = true;
    if (watchdog) clearTimeout(watchdog);
    controller?.abort();
  };
}
