import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { useSession } from '../app/live.js';

const ROLES = ['viewer', 'ot', 'it', 'integration', 'admin'];

/** Issues an API key; the gateway shows the secret once, so it is shown here once too. */
export function KeyForm({ onCreated }: { onCreated: () => void }) {
  const session = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await session.api.request<{ key: string }>('POST', session.endpoints.keyCreate!.path, { name: name.trim(), role });
      setCreated(r.key);
      setName('');
      onCreated();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <form class="form-grid" onSubmit={submit} aria-label="New API key">
      <label>Name <input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <label>Role <select value={role} onChange={(e) => setRole(e.currentTarget.value)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
      <button type="submit">Create key</button>
      {created && <p role="status">New key (shown once, copy it now): <code>{created}</code></p>}
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}
