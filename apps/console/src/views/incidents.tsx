import { useState } from 'preact/hooks';
import { itemsOf, ApiError } from '../api/client.js';
import { useLive, useSession } from '../app/live.js';
import { useApi } from '../app/use-api.js';
import { fillPath } from '../logic/openapi-routes.js';
import { queryString } from '../logic/query.js';
import { DataTable, Loaded, Section, when } from '../ui/components.js';
import { MaintenanceForm } from './maintenance-form.js';

interface Incident {
  id: string;
  title: string;
  kind: string;
  severity: string;
  status: string;
  siteName: string | null;
  deviceName: string | null;
  openedAt: string;
  acknowledgedBy: string | null;
  ackNote: string | null;
  held: boolean;
}

export function Incidents() {
  const live = useLive();
  const session = useSession();
  const [status, setStatus] = useState('active');
  const incidents = useApi<unknown>('incidents', [], queryString({ status, limit: 100 }), [live.version]);
  const maintenance = useApi<unknown>('maintenance', [], '?limit=100', [live.version]);
  const deliveries = useApi<unknown>('deliveries', [], '?limit=50', [live.version]);
  return (
    <div class="grid">
      <Section
        title="Incidents"
        actions={
          <label>
            Show{' '}
            <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="active">open and acknowledged</option>
              <option value="open">open</option>
              <option value="acknowledged">acknowledged</option>
              <option value="resolved">resolved</option>
            </select>
          </label>
        }
      >
        <Loaded result={incidents} what="Incidents" endpoint="incidents">
          {(body) => {
            const items = itemsOf<Incident>(body).items;
            if (items.length === 0) return <p class="muted">No incidents.</p>;
            return (
              <ul class="incidents" data-testid="incidents">
                {items.map((i) => (
                  <li key={i.id} class={`incident sev-${i.severity}`} data-incident={i.title}>
                    <div>
                      <strong>{i.title}</strong> <span class="badge">{i.severity}</span> <span class="badge">{i.status}</span>
                      {i.held && <span class="badge">in maintenance</span>}
                      <div class="muted">
                        {i.kind} · opened {when(i.openedAt)}
                        {i.acknowledgedBy ? ` · acknowledged by ${i.acknowledgedBy}${i.ackNote ? `: “${i.ackNote}”` : ''}` : ''}
                      </div>
                    </div>
                    {i.status === 'open' && session.can('incidentAck') && <AckForm id={i.id} onDone={incidents.reload} />}
                  </li>
                ))}
              </ul>
            );
          }}
        </Loaded>
      </Section>
      <Section title="Maintenance windows">
        {session.can('maintenanceCreate') && <MaintenanceForm onCreated={maintenance.reload} />}
        <Loaded result={maintenance} what="Maintenance windows" endpoint="maintenance">
          {(b) => (
            <DataTable
              rows={itemsOf<Record<string, unknown>>(b).items}
              columns={['scope', 'targetId', 'startsAt', 'endsAt', 'recurrence', 'reason', 'activeUntil']}
              caption="Maintenance windows"
              empty="No maintenance windows."
            />
          )}
        </Loaded>
      </Section>
      <Section title="Delivery log">
        <Loaded result={deliveries} what="Deliveries" endpoint="deliveries">
          {(b) => (
            <DataTable
              rows={itemsOf<Record<string, unknown>>(b).items}
              columns={['createdAt', 'channelName', 'channelType', 'reason', 'status', 'attempts', 'lastError']}
              caption="Deliveries"
              empty="Nothing delivered yet."
            />
          )}
        </Loaded>
      </Section>
    </div>
  );
}

function AckForm({ id, onDone }: { id: string; onDone: () => void }) {
  const session = useSession();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = note.trim() ? { note: note.trim() } : {};
      await session.api.request('POST', fillPath(session.endpoints.incidentAck!.path, id), body);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="ack" onSubmit={submit}>
      <label>
        Note <input value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} placeholder="e.g. contractor on site" />
      </label>
      <button type="submit" disabled={busy}>Acknowledge</button>
      {error && <span class="error" role="alert">{error}</span>}
    </form>
  );
}
