import { itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { useApi } from '../app/use-api.js';
import { DataTable, Loaded, Section } from '../ui/components.js';
import { ChannelEditor, type Channel } from './channel-editor.js';
import { KeyForm } from './key-form.js';
import { PolicyEditor } from './policy-editor.js';
import { RuleEditor } from './rule-editor.js';
import { UserEditor } from './user-editor.js';

const rows = (b: unknown) => itemsOf<Record<string, unknown>>(b).items;

/** Organisation settings; each write control appears only when the gateway offers it and the role may use it. */
export function Settings() {
  const session = useSession();
  const channels = useApi<unknown>('channels', [], '?limit=200');
  const keys = useApi<unknown>('keys');
  const audit = useApi<unknown>('audit', [], '?limit=50');
  const channelList = channels.status === 'ok' ? itemsOf<Channel>(channels.data).items : [];
  return (
    <div class="grid">
      <Section title="Replacement policies">
        <PolicyEditor />
      </Section>
      <Section title="Routing rules">
        <RuleEditor channels={channelList} />
      </Section>
      <Section title="Channels">
        <ChannelEditor channels={channels} />
      </Section>
      <Section title="API keys">
        {session.can('keyCreate') && <KeyForm onCreated={keys.reload} />}
        <Loaded result={keys} what="API keys" endpoint="keys">
          {(b) => <DataTable rows={rows(b)} columns={['name', 'prefix', 'role', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt']} caption="API keys" />}
        </Loaded>
      </Section>
      <Section title="Users and roles">
        <UserEditor />
      </Section>
      <Section title="Audit log">
        <Loaded result={audit} what="Audit log" endpoint="audit">
          {(b) => <DataTable rows={rows(b)} columns={['at', 'actor', 'role', 'action', 'target', 'result', 'status', 'code']} caption="Audit log" />}
        </Loaded>
      </Section>
    </div>
  );
}
