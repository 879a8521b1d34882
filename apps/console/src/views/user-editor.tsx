import { useState } from 'preact/hooks';
import { itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { useAction } from '../app/use-action.js';
import { useApi } from '../app/use-api.js';
import { fillPath } from '../logic/openapi-routes.js';
import { Loaded } from '../ui/components.js';

const ROLES = ['viewer', 'ot', 'it', 'admin'];

interface User {
  id: string;
  subject: string;
  email: string | null;
  name: string | null;
  role: string;
}

/** People who sign in with the organisation's identity provider, and their roles (`users:manage`). */
export function UserEditor() {
  const session = useSession();
  const users = useApi<unknown>('users', [], '?limit=200');
  return (
    <>
      <Loaded result={users} what="Users" endpoint="users">
        {(b) => {
          const items = itemsOf<User>(b).items;
          if (items.length === 0) return <p class="muted">No users: people sign in with API keys only.</p>;
          return <ul class="plain" data-testid="users">{items.map((u) => <UserRow key={u.id} u={u} onChanged={users.reload} />)}</ul>;
        }}
      </Loaded>
      {session.can('userCreate') && <UserForm onCreated={users.reload} />}
    </>
  );
}

function UserRow({ u, onChanged }: { u: User; onChanged: () => void }) {
  const session = useSession();
  const action = useAction();
  const path = (key: 'userUpdate' | 'userDelete') => fillPath(session.endpoints[key]!.path, u.id);
  return (
    <li data-user={u.subject}>
      <strong>{u.name ?? u.subject}</strong> <span class="muted">{u.email ?? u.subject}</span>{' '}
      {session.can('userUpdate') ? (
        <label>
          <span class="sr-only">Role of {u.subject}</span>
          <select value={u.role} disabled={action.busy} onChange={(e) => { const role = e.currentTarget.value; void action.run(() => session.api.request('PATCH', path('userUpdate'), { role })).then(onChanged); }}>
            {ROLES.map((r) => <option key={r}>{r}</option>)}
          </select>
        </label>
      ) : (
        <span class="badge">{u.role}</span>
      )}{' '}
      {session.can('userDelete') && (
        <button class="link" disabled={action.busy} onClick={() => void action.run(() => session.api.request('DELETE', path('userDelete'))).then((ok) => ok && onChanged())}>
          Delete
        </button>
      )}
      {action.error && <span class="error" role="alert"> {action.error}</span>}
    </li>
  );
}

function UserForm({ onCreated }: { onCreated: () => void }) {
  const session = useSession();
  const [subject, setSubject] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('viewer');
  const action = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { subject: subject.trim(), role, ...(email.trim() ? { email: email.trim() } : {}) };
    if (await action.run(() => session.api.request('POST', session.endpoints.userCreate!.path, body))) {
      setSubject('');
      setEmail('');
      onCreated();
    }
  };
  return (
    <form class="form-grid" onSubmit={submit} aria-label="New user">
      <label>Identity provider subject <input required maxLength={255} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} /></label>
      <label>E-mail <input type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} /></label>
      <label>Role <select value={role} onChange={(e) => setRole(e.currentTarget.value)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
      <button type="submit" disabled={action.busy}>Add user</button>
      {action.error && <p class="error" role="alert">{action.error}</p>}
    </form>
  );
}
