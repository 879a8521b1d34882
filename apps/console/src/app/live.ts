import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Change } from '../logic/changes.js';
import type { LiveStatus } from '../live/event-stream.js';
import type { Session } from './session.js';

export interface LiveState {
  status: LiveStatus;
  detail?: string;
  /** Bumped (at most twice a second) when events arrive: views that show live data refetch on it. */
  version: number;
  changes: Change[];
  lastEventAt: number | null;
}

export const SessionContext = createContext<Session | null>(null);
export const LiveContext = createContext<LiveState>({ status: 'connecting', version: 0, changes: [], lastEventAt: null });

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}

export const useLive = (): LiveState => useContext(LiveContext);
