import { useEffect, useState } from 'preact/hooks';
import { itemsOf } from '../api/client.js';
import { useLive, useSession } from '../app/live.js';
import { navigate } from '../app/router.js';
import { useApi } from '../app/use-api.js';
import { currentCursor, firstPage, nextPage, previousPage, queryString, toggleSort } from '../logic/query.js';
import { Loaded, Section, StateBadge } from '../ui/components.js';
import { ExportButton } from '../ui/export-button.js';
import { fillPath } from '../logic/openapi-routes.js';

interface DeviceRow {
  id: string;
  name: string;
  serial: string;
  vendor: string;
  model: string | null;
  type: string;
  ip: string | null;
  mac: string | null;
  siteId: string | null;
  status: string;
  firmwareVersion: string | null;
  warrantyEnd: string | null;
}

interface Liveness {
  deviceId: string;
  state: string;
}

const SORTABLE = ['name', 'serial', 'warrantyEnd', 'updatedAt'];
/** deviceTypeSchema of @fleetward/contracts, spelled here so the bundle does not carry zod. */
const TYPES = ['', 'camera', 'recorder', 'access-controller', 'reader', 'intercom', 'sensor', 'gunshot-detector', 'network', 'other'];

/** Server-side filtering, sorting and cursor paging: the browser never holds more than one page. */
export function Devices() {
  const params = new URLSearchParams(location.search);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [typed, setTyped] = useState(q);
  const [type, setType] = useState('');
  const [siteId] = useState(params.get('siteId') ?? '');
  const [sort, setSort] = useState('name');
  const [page, setPage] = useState(firstPage());
  const live = useLive();
  useEffect(() => {
    const t = setTimeout(() => {
      setQ(typed.trim());
      setPage(firstPage());
    }, 300);
    return () => clearTimeout(t);
  }, [typed]);
  const query = queryString({ q, type, siteId, sort, limit: 50, cursor: currentCursor(page) });
  const list = useApi<unknown>('devices', [], query);
  const states = useLivenessOf(list.status === 'ok' ? itemsOf<DeviceRow>(list.data).items.map((d) => d.id) : [], live.version);
  const header = (col: string, label: string) =>
    SORTABLE.includes(col) ? (
      <th scope="col" aria-sort={sort === col ? 'ascending' : sort === `-${col}` ? 'descending' : 'none'}>
        <button class="link" onClick={() => { setSort(toggleSort(sort, col)); setPage(firstPage()); }}>
          {label} {sort === col ? '▲' : sort === `-${col}` ? '▼' : ''}
        </button>
      </th>
    ) : (
      <th scope="col">{label}</th>
    );
  return (
    <Section
      title="Devices"
      actions={<ExportButton endpoint="devicesExport" file="devices.csv" query={queryString({ q, type, siteId })} />}
    >
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search <input type="search" value={typed} placeholder="name, serial, IP or MAC" onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <label>
          Type{' '}
          <select value={type} onChange={(e) => { setType(e.currentTarget.value); setPage(firstPage()); }}>
            {TYPES.map((t) => <option key={t} value={t}>{t || 'any'}</option>)}
          </select>
        </label>
        {siteId && <span class="muted">in site {siteId} <a href="/devices" onClick={(e) => { e.preventDefault(); navigate('/devices'); location.reload(); }}>(all sites)</a></span>}
      </form>
      <Loaded result={list} what="Devices" endpoint="devices">
        {(body) => {
          const { items, nextCursor } = itemsOf<DeviceRow>(body);
          return (
            <>
              <div class="table-wrap">
                <table data-testid="devices-table">
                  <caption class="sr-only">Devices</caption>
                  <thead>
                    <tr>
                      {header('name', 'Name')}
                      <th scope="col">State</th>
                      {header('serial', 'Serial')}
                      <th scope="col">Type</th>
                      <th scope="col">Vendor / model</th>
                      <th scope="col">IP</th>
                      <th scope="col">Firmware</th>
                      {header('warrantyEnd', 'Warranty end')}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((d) => (
                      <tr key={d.id} data-device={d.name}>
                        <td>
                          <a href={`/devices/${encodeURIComponent(d.id)}`} onClick={(e) => { e.preventDefault(); navigate(`/devices/${encodeURIComponent(d.id)}`); }}>
                            {d.name}
                          </a>
                        </td>
                        <td>{states[d.id] ? <StateBadge state={states[d.id]!} /> : <span class="muted">{d.status}</span>}</td>
                        <td>{d.serial}</td>
                        <td>{d.type}</td>
                        <td>{d.vendor} {d.model ?? ''}</td>
                        <td>{d.ip ?? '—'}</td>
                        <td>{d.firmwareVersion ?? '—'}</td>
                        <td>{d.warrantyEnd ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {items.length === 0 && <p class="muted">No devices match.</p>}
              <nav class="pager" aria-label="Pages">
                <button disabled={page.stack.length <= 1} onClick={() => setPage(previousPage(page))}>Previous</button>
                <span>Page {page.stack.length}</span>
                <button disabled={!nextCursor} onClick={() => nextCursor && setPage(nextPage(page, nextCursor))}>Next</button>
              </nav>
            </>
          );
        }}
      </Loaded>
    </Section>
  );
}

/** Liveness of the devices on the current page in one request, refreshed with live events. */
function useLivenessOf(ids: string[], version: number): Record<string, string> {
  const session = useSession();
  const [states, setStates] = useState<Record<string, string>>({});
  const key = ids.join(',');
  useEffect(() => {
    const ep = session.endpoints.deviceStates;
    if (!ep || !session.can('deviceStates') || ids.length === 0) return;
    let cancelled = false;
    void session.api.get<{ items: Liveness[] }>(fillPath(ep.path) + queryString({ ids })).then(
      (r) => !cancelled && setStates(Object.fromEntries(r.items.map((l) => [l.deviceId, l.state]))),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [key, version]);
  return states;
}
