import type { ComponentChildren } from 'preact';
import type { ApiResult } from '../app/use-api.js';
import { endpointSpecs, type EndpointKey } from '../api/endpoints.js';

export function Unavailable({ what, endpoint }: { what: string; endpoint?: EndpointKey }) {
  const spec = endpoint ? endpointSpecs[endpoint] : null;
  return (
    <div class="notice unavailable" role="note">
      <strong>{what}: not available.</strong> This gateway does not offer{' '}
      {spec ? <code>{`${spec.method} ${spec.path}`}</code> : 'this operation'} yet.
    </div>
  );
}

/** Renders an API result: the data through `children`, or a clear state for every other outcome. */
export function Loaded<T>({ result, what, endpoint, children }: {
  result: ApiResult<T>;
  what: string;
  endpoint?: EndpointKey;
  children: (data: T) => ComponentChildren;
}) {
  switch (result.status) {
    case 'missing':
      return <Unavailable what={what} endpoint={endpoint} />;
    case 'forbidden':
      return <div class="notice" role="note">{what}: your role may not see this.</div>;
    case 'loading':
      return <div class="notice muted" aria-busy="true">Loading {what.toLowerCase()}…</div>;
    case 'error':
      return (
        <div class="notice error" role="alert">
          {what} could not be loaded: {result.error.message} <code>{result.error.code}</code>
        </div>
      );
    default:
      return <>{children(result.data)}</>;
  }
}

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(cell).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** A plain table of whatever rows the API returned; columns are the given keys or the first row's keys. */
export function DataTable({ rows, columns, caption, empty = 'Nothing here.' }: {
  rows: Array<Record<string, unknown>>;
  columns?: string[];
  caption: string;
  empty?: string;
}) {
  if (rows.length === 0) return <p class="muted">{empty}</p>;
  const cols = columns ?? Object.keys(rows[0]!).filter((k) => k !== 'orgId').slice(0, 9);
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>{cols.map((c) => <th scope="col" key={c}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={String(r['id'] ?? i)}>{cols.map((c) => <td key={c}>{cell(r[c])}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card" aria-label={title}>
      <header class="card-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export const StateBadge = ({ state }: { state: string }) => <span class={`badge s-${state}`}>{state}</span>;

export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');
