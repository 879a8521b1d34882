import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { gatewayRefusal } from '../auth/id-token.js';
import { CALLBACK_PATH, finishOidc } from '../auth/oidc.js';
import { LiveBanner } from '../ui/live-banner.js';
import { CatchingUpBanner } from '../ui/catching-up-banner.js';
import { DevicePage } from '../views/device-page.js';
import { Devices } from '../views/devices.js';
import { Firmware } from '../views/firmware.js';
import { Incidents } from '../views/incidents.js';
import { Inventory } from '../views/inventory.js';
import { Overview } from '../views/overview.js';
import { Replacements } from '../views/replacements.js';
import { Settings } from '../views/settings.js';
import { SignIn } from '../views/sign-in.js';
import { Wall } from '../views/wall.js';
import { LiveContext, SessionContext } from './live.js';
import { match, navigate, usePath } from './router.js';
import { forgetToken, signIn, storedToken, type Session } from './session.js';
import { useLiveStream } from './use-live-stream.js';
import { useSignInRenewal } from './use-sign-in-renewal.js';

const NAV: Array<[string, string]> = [
  ['/', 'Overview'],
  ['/devices', 'Devices'],
  ['/incidents', 'Incidents'],
  ['/firmware', 'Firmware'],
  ['/replacements', 'Replacements'],
  ['/inventory', 'Inventory'],
  ['/settings', 'Settings'],
  ['/wall', 'Wall'],
];

function View({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if ((m = match('/devices/:id', path))) return <DevicePage id={m['id']!} />;
  switch (path.replace(/\/+$/, '') || '/') {
    case '/': return <Overview />;
    case '/devices': return <Devices />;
    case '/incidents': return <Incidents />;
    case '/firmware': return <Firmware />;
    case '/replacements': return <Replacements />;
    case '/inventory': return <Inventory />;
    case '/settings': return <Settings />;
    default: return <p class="notice">No such page.</p>;
  }
}

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(true);
  const live = useLiveStream(session);
  const renewalRefused = useRef<string | null>(null);
  useSignInRenewal(session, (why) => (renewalRefused.current = why));
  const signOut = () => {
    forgetToken();
    renewalRefused.current = null;
    setSession(null);
  };
  /** The gateway stopped accepting the credential: most often an OIDC sign-in that expired. */
  const refused = () => {
    const why = renewalRefused.current;
    signOut();
    setError(`Your sign-in has expired or was revoked: sign in again.${why ? ` (Renewing it failed: ${why}.)` : ''}`);
  };
  /** `refusal` explains a 401 better than the gateway's deliberately bare answer (e.g. for an OIDC token). */
  const tryToken = (token: string, refusal?: string) =>
    signIn(token, refused)
      .then((s) => {
        setError(null);
        setSession(s);
      })
      .catch((err: unknown) => {
        forgetToken();
        if (refusal && err instanceof ApiError && err.status === 401) setError(refusal);
        else setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err));
      });
  useEffect(() => {
    const done = () => setRestoring(false);
    if (location.pathname === CALLBACK_PATH) {
      void finishOidc(location.search)
        .then((idToken) => tryToken(idToken, gatewayRefusal(idToken)))
        .catch((err: unknown) => setError(String(err instanceof Error ? err.message : err)))
        .finally(() => {
          navigate('/');
          done();
        });
      return;
    }
    const token = storedToken();
    if (token) void tryToken(token).finally(done);
    else done();
  }, []);
  if (restoring) return <p class="notice">Loading…</p>;
  if (!session) return <SignIn onKey={(t) => void tryToken(t)} error={error} />;
  return (
    <SessionContext.Provider value={session}>
      <LiveContext.Provider value={live}>
        {path === '/wall' ? (
          <Wall />
        ) : (
          <div class="shell">
            <a class="skip" href="#main">Skip to content</a>
            <header class="top">
              <span class="brand">Fleetward</span>
              <nav aria-label="Main">
                {NAV.map(([href, label]) => (
                  <a key={href} href={href} aria-current={path === href || (href !== '/' && path.startsWith(href + '/')) ? 'page' : undefined}
                    onClick={(e) => { e.preventDefault(); navigate(href); }}>{label}</a>
                ))}
              </nav>
              <span class="who" data-testid="who">{session.orgName ?? session.me.orgId} · {session.me.role}</span>
              <button class="link" onClick={signOut}>Sign out</button>
            </header>
            <LiveBanner />
            <CatchingUpBanner />
            <main id="main" tabIndex={-1}>
              <View path={path} />
            </main>
          </div>
        )}
      </LiveContext.Provider>
    </SessionContext.Provider>
  );
}
