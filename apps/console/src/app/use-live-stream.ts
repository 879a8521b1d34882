import { useEffect, useRef, useState } from 'preact/hooks';
import { describe, type Change } from '../logic/changes.js';
import { connectLive } from '../live/event-stream.js';
import type { LiveState } from './live.js';
import type { Session } from './session.js';

/** Opens the live stream for a session and folds its events into LiveState (debounced version bumps). */
export function useLiveStream(session: Session | null): LiveState {
  const [state, setState] = useState<LiveState>({ status: 'connecting', version: 0, changes: [], lastEventAt: null });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!session) return;
    const ep = session.endpoints.events;
    if (!ep || !session.can('events')) {
      setState((s) => ({ ...s, status: 'unavailable', detail: 'this gateway or role offers no event stream' }));
      return;
    }
    const stop = connectLive({
      url: ep.path,
      token: () => session.token,
      onStatus: (status, detail) =>
        setState((s) => (s.status === status ? s : { ...s, status, detail, version: status === 'live' ? s.version + 1 : s.version })),
      onEvent: (e) => {
        const change: Change = describe(e);
        setState((s) => ({ ...s, changes: [change, ...s.changes].slice(0, 500), lastEventAt: Date.now() }));
        pending.current ??= setTimeout(() => {
          pending.current = null;
          setState((s) => ({ ...s, version: s.version + 1 }));
        }, 1500);
      },
    });
    return () => {
      stop();
      if (pending.current) clearTimeout(pending.current);
    };
  }, [session]);
  return state;
}
