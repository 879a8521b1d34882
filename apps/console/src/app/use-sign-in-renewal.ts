import { useEffect } from 'preact/hooks';
import { idTokenExpiry } from '../auth/id-token.js';
import { canRenew, renewIdToken } from '../auth/oidc.js';
import type { Session } from './session.js';

/** Renew this long before the token expires (the gateway allows no more clock skew than this). */
const AHEAD_MS = 60_000;
/** Never sooner than this after the last renewal (a provider issuing very short-lived tokens). */
const MIN_WAIT_MS = 5_000;
/** After a renewal that could not reach the provider. */
const RETRY_MS = 15_000;

/**
 * Keeps an OIDC sign-in alive: shortly before the ID token expires, a new one is fetched with the provider's refresh
 * token and the session carries on with it (API calls and the live stream read the session's current token). API
 * keys do not expire and are left alone. If renewing fails, `onFailure` is told why; a provider that could not be
 * reached is tried again every 15 s, one that refused is not, and the session lasts until the token expires.
 */
export function useSignInRenewal(session: Session | null, onFailure: (why: string) => void): void {
  useEffect(() => {
    if (!session) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const attempt = () =>
      renewIdToken()
        .then((next) => {
          if (stopped) return;
          session.replaceToken(next);
          schedule();
        })
        .catch((err: unknown) => {
          onFailure(err instanceof Error ? err.message : String(err));
          // A refusal drops the refresh token; an unreachable provider is tried again while the session lasts.
          if (!stopped && canRenew()) timer = setTimeout(() => void attempt(), RETRY_MS);
        });
    const schedule = () => {
      const exp = idTokenExpiry(session.token);
      if (exp === null || !canRenew() || stopped) return;
      timer = setTimeout(() => void attempt(), Math.max(MIN_WAIT_MS, exp * 1000 - Date.now() - AHEAD_MS));
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [session]);
}
