import { useMemo } from 'preact/hooks';
import { itemsOf } from '../api/client.js';
import { useLive } from '../app/live.js';
import { useApi } from '../app/use-api.js';
import { queryString } from '../logic/query.js';
import { DataTable, Loaded, Section, StateBadge, when } from '../ui/components.js';

interface Device {
  id: string;
  name: string;
  serial: string;
  vendor: string;
  model: string | null;
  type: string;
  ip: string | null;
  mac: string | null;
  siteId: string | null;
  firmwareVersion: string | null;
  warrantyEnd: string | null;
  warrantyEndSource: string | null;
  purchaseDate: string | null;
  installDate: string | null;
  status: string;
}

interface Interval {
  cause: string;
  startedAt: string;
  endedAt: string | null;
}

interface Compliance {
  status: string;
  compliant: boolean;
  firmwareVersion: string | null;
  latestVersion: string | null;
  releasesBehind: number;
  daysBehind: number | null;
  cves: string[];
  maxSeverity: string | null;
  unsupportedSince: string | null;
}

const DAY = 86_400_000;

export function DevicePage({ id }: { id: string }) {
  const live = useLive();
  const range = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - 30 * DAY).toISOString(), to: to.toISOString() };
  }, [live.version]);
  const device = useApi<Device>('device', [id]);
  const liveness = useApi<{ state: string; lastSeenAt: string | null; since: string; thresholdSec: number }>('deviceLiveness', [id], '', [live.version]);
  const history = useApi<{ items: Interval[] }>('deviceHistory', [id], queryString({ ...range, limit: 100 }), [live.version]);
  const uptime = useApi<{ availabilityPct: number | null; offlineSec: number }>('availability', [], queryString({ deviceId: id, ...range }));
  const compliance = useApi<Compliance>('deviceCompliance', [id], '', [live.version]);
  const plan = useApi<unknown>('plan', [], queryString({ deviceId: id }));
  const audit = useApi<unknown>('audit', [], queryString({ target: id, limit: 20 }));
  return (
    <div class="grid">
      <Section title="Device">
        <Loaded result={device} what="Device" endpoint="device">
          {(d) => (
            <dl class="facts" data-testid="device-facts">
              <dt>Name</dt><dd><h1 class="inline">{d.name}</h1></dd>
              <dt>Vendor / model</dt><dd>{d.vendor} {d.model ?? ''} ({d.type})</dd>
              <dt>Serial</dt><dd>{d.serial}</dd>
              <dt>IP / MAC</dt><dd>{d.ip ?? '—'} / {d.mac ?? '—'}</dd>
              <dt>Firmware</dt><dd>{d.firmwareVersion ?? '—'}</dd>
              <dt>Warranty</dt><dd>{d.warrantyEnd ? `until ${d.warrantyEnd}${d.warrantyEndSource === 'derived' ? ' (from purchase date and model term)' : ''}` : 'unknown'}</dd>
              <dt>Installed / purchased</dt><dd>{d.installDate ?? '—'} / {d.purchaseDate ?? '—'}</dd>
              <dt>Status</dt><dd>{d.status}</dd>
            </dl>
          )}
        </Loaded>
      </Section>
      <Section title="Liveness and uptime">
        <Loaded result={liveness} what="Liveness" endpoint="deviceLiveness">
          {(l) => (
            <p data-testid="device-state">
              <StateBadge state={l.state} /> since {when(l.since)} · last seen {when(l.lastSeenAt)} · threshold {l.thresholdSec}s
            </p>
          )}
        </Loaded>
        <Loaded result={uptime} what="Uptime (30 days)" endpoint="availability">
          {(u) => <p>Uptime over 30 days: <strong>{u.availabilityPct === null ? 'n/a' : `${u.availabilityPct.toFixed(2)} %`}</strong></p>}
        </Loaded>
        <h3>State history (30 days)</h3>
        <Loaded result={history} what="State history" endpoint="deviceHistory">
          {(h) => <Timeline intervals={h.items} from={range.from} to={range.to} />}
        </Loaded>
      </Section>
      <Section title="Firmware compliance">
        {compliance.status === 'error' && compliance.error.status === 404 ? (
          <p class="muted">Not evaluated yet: the lifecycle service has not judged this device's firmware.</p>
        ) : (
          <Loaded result={compliance} what="Firmware compliance" endpoint="deviceCompliance">
            {(c) => (
              <dl class="facts" data-testid="device-compliance">
                <dt>Status</dt><dd><span class={`badge c-${c.status}`}>{c.status}</span> {c.compliant ? 'compliant' : 'not compliant'}</dd>
                <dt>Firmware / latest</dt><dd>{c.firmwareVersion ?? '—'} / {c.latestVersion ?? '—'} ({c.releasesBehind} releases behind{c.daysBehind === null ? '' : `, ${c.daysBehind} days`})</dd>
                <dt>CVEs</dt><dd>{c.cves.length ? `${c.cves.join(', ')} (highest: ${c.maxSeverity ?? 'unknown'})` : 'none known'}</dd>
                <dt>Unsupported since</dt><dd>{c.unsupportedSince ?? '—'}</dd>
              </dl>
            )}
          </Loaded>
        )}
      </Section>
      <Section title="Replacement plan">
        <Loaded result={plan} what="Replacement plan item" endpoint="plan">
          {(p) => {
            const { items } = itemsOf<Record<string, unknown>>(p);
            return <DataTable rows={items} caption="Plan items" empty="No replacement planned for this device." />;
          }}
        </Loaded>
      </Section>
      <Section title="Audit">
        <Loaded result={audit} what="Audit" endpoint="audit">
          {(a) => <DataTable rows={itemsOf<Record<string, unknown>>(a).items} columns={['at', 'actor', 'action', 'result']} caption="Audit" empty="No audit entries for this device." />}
        </Loaded>
      </Section>
    </div>
  );
}

/** Offline intervals drawn on a 30-day bar: red where the device (or its whole site) was down. */
function Timeline({ intervals, from, to }: { intervals: Interval[]; from: string; to: string }) {
  const start = Date.parse(from);
  const span = Date.parse(to) - start;
  if (intervals.length === 0) return <p class="muted">No offline periods in the last 30 days.</p>;
  return (
    <>
      <svg class="timeline" viewBox="0 0 1000 24" role="img" aria-label={`${intervals.length} offline periods in 30 days`}>
        <rect x="0" y="0" width="1000" height="24" class="up" />
        {intervals.map((iv, i) => {
          const a = Math.max(0, (Date.parse(iv.startedAt) - start) / span) * 1000;
          const b = Math.min(1, ((iv.endedAt ? Date.parse(iv.endedAt) : Date.parse(to)) - start) / span) * 1000;
          return <rect key={i} x={a} y="0" width={Math.max(2, b - a)} height="24" class={`down cause-${iv.cause}`} />;
        })}
      </svg>
      <ul class="plain">
        {intervals.map((iv, i) => (
          <li key={i}>{iv.cause === 'site' ? 'Site down' : 'Offline'}: {when(iv.startedAt)} → {iv.endedAt ? when(iv.endedAt) : 'now'}</li>
        ))}
      </ul>
    </>
  );
}
