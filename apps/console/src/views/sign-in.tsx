import { useState } from 'preact/hooks';
import { startOidc } from '../auth/oidc.js';

const OIDC_PREFS = 'fleetward.oidc.prefs';

/** `error`: why the last sign-in ended or failed, whichever way it was made. */
export function SignIn({ onKey, error }: { onKey: (token: string) => void; error: string | null }) {
  const prefs = JSON.parse(localStorage.getItem(OIDC_PREFS) ?? '{}') as { issuer?: string; clientId?: string };
  const [key, setKey] = useState('');
  const [issuer, setIssuer] = useState(prefs.issuer ?? '');
  const [clientId, setClientId] = useState(prefs.clientId ?? '');
  const [oidcError, setOidcError] = useState<string | null>(null);
  const oidc = async (e: Event) => {
    e.preventDefault();
    localStorage.setItem(OIDC_PREFS, JSON.stringify({ issuer, clientId }));
    try {
      await startOidc(issuer.trim(), clientId.trim());
    } catch (err) {
      setOidcError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <main class="sign-in">
      <h1>Fleetward</h1>
      {/* Above both forms: it may come from either (a refused key, a provider's answer, an expired sign-in). */}
      {error && <p class="error" role="alert">{error}</p>}
      <form onSubmit={(e) => { e.preventDefault(); onKey(key.trim()); }} aria-label="Sign in with an API key">
        <h2>Sign in with an API key</h2>
        <label>
          API key <input type="password" autoComplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        </label>
        <button type="submit">Sign in</button>
      </form>
      <form onSubmit={oidc} aria-label="Sign in with your organisation">
        <h2>Or with your organisation's identity provider</h2>
        <label>Issuer URL <input type="url" required value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} /></label>
        <label>Client id <input required value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} /></label>
        <button type="submit">Continue to sign-in</button>
        {oidcError && <p class="error" role="alert">{oidcError}</p>}
      </form>
    </main>
  );
}
