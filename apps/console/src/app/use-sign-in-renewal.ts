import { useEffect } from 'preact/hooks';
import { idTokenExpiry } from '../auth/id-token.js';
import { canRenew, renewIdToken } from '../auth/oidc.js';
import type { Session } from './session.js';

/** Renew this long before the token expires (the gateway allows no more clock skew than this). */
const AHEAD_MS = 60_000;
/** Never sooner than this after the last renewal (a provider issuing very short-lived tokens). */
const MIN_WAIT_MS = 5_000;

/**
 * Keeps an OIDC sign-in alive: shortly before the ID token expires, a new one is fetched with the provider's refresh
 * token and the session carries on with it (API calls and the live stream read the session's current token). API
 * keys do not expire and are left alone. If the provider refuses, `onFailure` is told why and the session lasts until
 * the token expires.
 */
export function useSignInRenewal(session: Session | null, onFailure: (why: string) => void): void {
  useEffect(() => {
    if (!session) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      const exp = idTokenExpiry(session.token);
      if (exp === null || !canRenew() || stopped) return;
      timer = setTimeout(() => {
        renewIdToken()
          .then((next) => {
            if (stopped) return;
            session.replaceToken(next);
            schedule();
          })
          .catch((err: unknown) => onFailure(err instanceof Error ? err.message : String(err)));
      }, Math.max(MIN_WAIT_MS, exp * 1000 - Date.now() - AHEAD_MS));
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [session]);
}
