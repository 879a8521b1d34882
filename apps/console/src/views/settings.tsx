import { useState } from 'preact/hooks';
import { ApiError, itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { useApi } from '../app/use-api.js';
import { fillPath } from '../logic/openapi-routes.js';
import { DataTable, Loaded, Section } from '../ui/components.js';
import { KeyForm } from './key-form.js';

const rows = (b: unknown) => itemsOf<Record<string, unknown>>(b).items;

export function Settings() {
  const session = useSession();
  const policies = useApi<unknown>('policies');
  const rules = useApi<unknown>('rules', [], '?limit=200');
  const channels = useApi<unknown>('channels', [], '?limit=200');
  const keys = useApi<unknown>('keys');
  const users = useApi<unknown>('users');
  const audit = useApi<unknown>('audit', [], '?limit=50');
  return (
    <div class="grid">
      <Section title="Replacement policies">
        <Loaded result={policies} what="Replacement policies" endpoint="policies">
          {(b) => <DataTable rows={rows(b)} caption="Policies" empty="No policies set: the defaults apply." />}
        </Loaded>
      </Section>
      <Section title="Routing rules">
        <Loaded result={rules} what="Routing rules" endpoint="rules">
          {(b) => <DataTable rows={rows(b)} caption="Routing rules" empty="No routing rules." />}
        </Loaded>
      </Section>
      <Section title="Channels">
        <Loaded result={channels} what="Channels" endpoint="channels">
          {(b) => (
            <ul class="plain">
              {rows(b).length === 0 && <li class="muted">No channels.</li>}
              {rows(b).map((c) => (
                <li key={String(c['id'])}>
                  <strong>{String(c['name'] ?? c['id'])}</strong> <span class="badge">{String(c['type'] ?? '')}</span>
                  {session.can('channelTest') && <TestSend id={String(c['id'])} />}
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      </Section>
      <Section title="API keys">
        {session.can('keyCreate') && <KeyForm onCreated={keys.reload} />}
        <Loaded result={keys} what="API keys" endpoint="keys">
          {(b) => <DataTable rows={rows(b)} columns={['name', 'prefix', 'role', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt']} caption="API keys" />}
        </Loaded>
      </Section>
      <Section title="Users and roles">
        <Loaded result={users} what="Users" endpoint="users">
          {(b) => <DataTable rows={rows(b)} caption="Users" empty="No users: people sign in with API keys only." />}
        </Loaded>
      </Section>
      <Section title="Audit log">
        <Loaded result={audit} what="Audit log" endpoint="audit">
          {(b) => <DataTable rows={rows(b)} columns={['at', 'actor', 'role', 'action', 'target', 'result', 'status', 'code']} caption="Audit log" />}
        </Loaded>
      </Section>
    </div>
  );
}

function TestSend({ id }: { id: string }) {
  const session = useSession();
  const [result, setResult] = useState<string | null>(null);
  const send = async () => {
    setResult('sending…');
    try {
      const r = await session.api.request<{ outcome: string }>('POST', fillPath(session.endpoints.channelTest!.path, id), {});
      setResult(r.outcome);
    } catch (err) {
      setResult(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <>
      {' '}
      <button onClick={() => void send()}>Test send</button> {result && <span role="status">{result}</span>}
    </>
  );
}
