import { useState } from 'preact/hooks';
import { ApiError, itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { useApi } from '../app/use-api.js';
import { fillPath } from '../logic/openapi-routes.js';
import { DataTable, Loaded, Section, Unavailable } from '../ui/components.js';
import { ImportPanel } from './import-panel.js';

type Fields = Record<string, string>;

const SITE_FIELDS = ['name', 'code', 'parentId', 'kind', 'country', 'lat', 'lon', 'timezone'];
const DEVICE_FIELDS = ['vendor', 'model', 'type', 'name', 'serial', 'mac', 'ip', 'siteId', 'firmwareVersion', 'purchaseDate', 'warrantyEnd'];
const NUMERIC = new Set(['lat', 'lon']);

/** Non-empty fields only; numbers where the API wants numbers. */
const body = (f: Fields) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, NUMERIC.has(k) ? Number(v) : v.trim()]));

function EntityForm({ title, fields, create, update }: {
  title: string;
  fields: string[];
  create: (b: Record<string, unknown>) => Promise<unknown>;
  update: ((id: string, b: Record<string, unknown>) => Promise<unknown>) | null;
}) {
  const [values, setValues] = useState<Fields>({});
  const [editId, setEditId] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      if (editId.trim() && update) await update(editId.trim(), body(values));
      else await create(body(values));
      setMessage(`${title} saved.`);
      setValues({});
    } catch (err) {
      setMessage(err instanceof ApiError ? `Refused: ${err.message}` : String(err));
    }
  };
  return (
    <form class="form-grid" onSubmit={submit} aria-label={title}>
      {update && <label>Id to edit (empty: new) <input value={editId} onInput={(e) => setEditId(e.currentTarget.value)} /></label>}
      {fields.map((f) => (
        <label key={f}>{f} <input value={values[f] ?? ''} onInput={(e) => setValues({ ...values, [f]: e.currentTarget.value })} /></label>
      ))}
      <button type="submit">{editId ? 'Save changes' : `Add ${title.toLowerCase()}`}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

export function Inventory() {
  const session = useSession();
  const sites = useApi<unknown>('sites', [], '?limit=200');
  const ep = session.endpoints;
  const anything = session.can('siteCreate') || session.can('deviceCreate') || session.can('importCreate');
  return (
    <div class="grid">
      {!anything && <p class="notice">Your role ({session.me.role}) cannot change the inventory.</p>}
      {session.can('importCreate') ? (
        <Section title="Import devices (CSV)"><ImportPanel /></Section>
      ) : !ep.importCreate ? (
        <Unavailable what="CSV import" endpoint="importCreate" />
      ) : null}
      {session.can('siteCreate') && (
        <Section title="Site">
          <EntityForm
            title="Site"
            fields={SITE_FIELDS}
            create={(b) => session.api.request('POST', ep.siteCreate!.path, b)}
            update={session.can('siteUpdate') ? (id, b) => session.api.request('PATCH', fillPath(ep.siteUpdate!.path, id), b) : null}
          />
        </Section>
      )}
      {session.can('deviceCreate') && (
        <Section title="Device">
          <EntityForm
            title="Device"
            fields={DEVICE_FIELDS}
            create={(b) => session.api.request('POST', ep.deviceCreate!.path, b)}
            update={session.can('deviceUpdate') ? (id, b) => session.api.request('PATCH', fillPath(ep.deviceUpdate!.path, id), b) : null}
          />
        </Section>
      )}
      <Section title="Sites">
        <Loaded result={sites} what="Sites" endpoint="sites">
          {(b) => <DataTable rows={itemsOf<Record<string, unknown>>(b).items} columns={['id', 'name', 'code', 'kind', 'parentId', 'country', 'lat', 'lon']} caption="Sites" />}
        </Loaded>
      </Section>
    </div>
  );
}
