import { useState } from 'preact/hooks';
import { itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { useAction } from '../app/use-action.js';
import { useApi } from '../app/use-api.js';
import { fillPath } from '../logic/openapi-routes.js';
import { ruleInput, type Rule } from '../logic/rule-input.js';
import { Loaded } from '../ui/components.js';
import type { Channel } from './channel-editor.js';

/** Routing rules (which incidents go to which channels): enable/disable, delete, add (`alerting:write`). */
export function RuleEditor({ channels }: { channels: Channel[] }) {
  const session = useSession();
  const rules = useApi<unknown>('rules', [], '?limit=200');
  const nameOf = (id: string) => channels.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      <Loaded result={rules} what="Routing rules" endpoint="rules">
        {(b) => {
          const items = itemsOf<Rule>(b).items;
          if (items.length === 0) return <p class="muted">No routing rules.</p>;
          return (
            <ul class="plain" data-testid="rules">
              {items.map((r) => <RuleRow key={r.id} rule={r} channelNames={r.channelIds.map(nameOf)} onChanged={rules.reload} />)}
            </ul>
          );
        }}
      </Loaded>
      {session.can('ruleCreate') && <RuleForm channels={channels} onCreated={rules.reload} />}
    </>
  );
}

function RuleRow({ rule, channelNames, onChanged }: { rule: Rule; channelNames: string[]; onChanged: () => void }) {
  const session = useSession();
  const action = useAction();
  const path = (key: 'ruleUpdate' | 'ruleDelete') => fillPath(session.endpoints[key]!.path, rule.id);
  return (
    <li data-rule={rule.name}>
      <strong>{rule.name}</strong> → {channelNames.join(', ')} {!rule.enabled && <span class="badge">disabled</span>}{' '}
      {session.can('ruleUpdate') && (
        <button class="link" disabled={action.busy} onClick={() => void action.run(() => session.api.request('PUT', path('ruleUpdate'), ruleInput(rule, { enabled: !rule.enabled }))).then((ok) => ok && onChanged())}>
          {rule.enabled ? 'Disable' : 'Enable'}
        </button>
      )}{' '}
      {session.can('ruleDelete') && (
        <button class="link" disabled={action.busy} onClick={() => void action.run(() => session.api.request('DELETE', path('ruleDelete'))).then((ok) => ok && onChanged())}>
          Delete
        </button>
      )}
      {action.error && <span class="error" role="alert"> {action.error}</span>}
    </li>
  );
}

function RuleForm({ channels, onCreated }: { channels: Channel[]; onCreated: () => void }) {
  const session = useSession();
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const action = useAction();
  if (channels.length === 0) return <p class="muted">Add a channel first: a rule sends to channels.</p>;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (picked.length === 0) return action.fail('Pick at least one channel.');
    if (await action.run(() => session.api.request('POST', session.endpoints.ruleCreate!.path, { name: name.trim(), channelIds: picked }))) {
      setName('');
      setPicked([]);
      onCreated();
    }
  };
  return (
    <form class="form-grid" onSubmit={submit} aria-label="New routing rule">
      <label>Rule name <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <fieldset>
        <legend>Send to</legend>
        {channels.map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={picked.includes(c.id)} onChange={(e) => setPicked(e.currentTarget.checked ? [...picked, c.id] : picked.filter((p) => p !== c.id))} /> {c.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={action.busy}>Add rule</button>
      {action.error && <p class="error" role="alert">{action.error}</p>}
    </form>
  );
}
