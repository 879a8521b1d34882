import { useState } from 'preact/hooks';
import { itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { useAction } from '../app/use-action.js';
import type { ApiResult } from '../app/use-api.js';
import { fillPath } from '../logic/openapi-routes.js';
import { Loaded } from '../ui/components.js';

export interface Channel {
  id: string;
  name: string;
  type: string;
  target: string;
  enabled: boolean;
  disabledReason: string | null;
}

/** Notification channels: test send (`alerting:write`), enable/disable, delete, add. */
export function ChannelEditor({ channels }: { channels: ApiResult<unknown> & { reload(): void } }) {
  const session = useSession();
  return (
    <>
      <Loaded result={channels} what="Channels" endpoint="channels">
        {(b) => {
          const items = itemsOf<Channel>(b).items;
          if (items.length === 0) return <p class="muted">No channels.</p>;
          return (
            <ul class="plain" data-testid="channels">
              {items.map((c) => <ChannelRow key={c.id} c={c} onChanged={channels.reload} />)}
            </ul>
          );
        }}
      </Loaded>
      {session.can('channelCreate') && <ChannelForm onCreated={channels.reload} />}
    </>
  );
}

function ChannelRow({ c, onChanged }: { c: Channel; onChanged: () => void }) {
  const session = useSession();
  const action = useAction();
  const [tested, setTested] = useState<string | null>(null);
  const path = (key: 'channelUpdate' | 'channelDelete' | 'channelTest') => fillPath(session.endpoints[key]!.path, c.id);
  const test = () =>
    action.run(async () => {
      setTested('sending…');
      const r = await session.api.request<{ outcome: string; error: string | null }>('POST', path('channelTest'), {});
      setTested(r.error ? `${r.outcome}: ${r.error}` : r.outcome);
    });
  return (
    <li data-channel={c.name}>
      <strong>{c.name}</strong> <span class="badge">{c.type}</span> <span class="muted">{c.target}</span>{' '}
      {!c.enabled && <span class="badge">disabled{c.disabledReason ? `: ${c.disabledReason}` : ''}</span>}{' '}
      {session.can('channelTest') && <button disabled={action.busy} onClick={() => void test()}>Test send</button>}{' '}
      {session.can('channelUpdate') && (
        <button class="link" disabled={action.busy} onClick={() => void action.run(() => session.api.request('PATCH', path('channelUpdate'), { enabled: !c.enabled })).then((ok) => ok && onChanged())}>
          {c.enabled ? 'Disable' : 'Enable'}
        </button>
      )}{' '}
      {session.can('channelDelete') && (
        <button class="link" disabled={action.busy} onClick={() => void action.run(() => session.api.request('DELETE', path('channelDelete'))).then((ok) => ok && onChanged())}>
          Delete
        </button>
      )}
      {tested && <span role="status"> {tested}</span>}
      {action.error && <span class="error" role="alert"> {action.error}</span>}
    </li>
  );
}

function ChannelForm({ onCreated }: { onCreated: () => void }) {
  const session = useSession();
  const [name, setName] = useState('');
  const [type, setType] = useState('webhook');
  const [target, setTarget] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      const r = await session.api.request<{ secret: string | null }>('POST', session.endpoints.channelCreate!.path, { name: name.trim(), type, target: target.trim() });
      setSecret(r.secret);
    });
    if (ok) {
      setName('');
      setTarget('');
      onCreated();
    }
  };
  return (
    <form class="form-grid" onSubmit={submit} aria-label="New channel">
      <label>Name <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <label>Type <select value={type} onChange={(e) => setType(e.currentTarget.value)}>{['webhook', 'email', 'slack', 'teams'].map((t) => <option key={t}>{t}</option>)}</select></label>
      <label>Target (URL, or e-mail addresses) <input required maxLength={2000} value={target} onInput={(e) => setTarget(e.currentTarget.value)} /></label>
      <button type="submit" disabled={action.busy}>Add channel</button>
      {secret && <p role="status">Signing secret (shown once): <code>{secret}</code></p>}
      {action.error && <p class="error" role="alert">{action.error}</p>}
    </form>
  );
}
