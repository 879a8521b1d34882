import { itemsOf } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useApi } from '../app/use-api.js';
import { DataTable, Loaded, Section } from '../ui/components.js';
import { ExportButton } from '../ui/export-button.js';

interface DeviceCompliance {
  deviceId: string;
  deviceName: string;
  siteId: string | null;
  vendor: string;
  model: string | null;
  firmwareVersion: string | null;
  latestVersion: string | null;
  cves: string[];
  maxSeverity: string | null;
}

const STATUSES = ['current', 'behind', 'vulnerable', 'unsupported', 'unknown'] as const;

interface BreakdownRow {
  siteId?: string;
  vendor?: string;
  model?: string;
  devices: number;
  byStatus: Record<(typeof STATUSES)[number], number>;
  noncompliant: number;
  compliantPct: number;
  openCves: string[];
}

/** Compliance per site or per model, worst first: where the firmware work is. */
function Breakdown({ by }: { by: 'site' | 'model' }) {
  const result = useApi<{ rows: BreakdownRow[] }>('complianceBreakdown', [], `?by=${by}`);
  return (
    <Loaded result={result} what={`Compliance by ${by}`} endpoint="complianceBreakdown">
      {({ rows }) => {
        if (rows.length === 0) return <p class="muted">No devices yet.</p>;
        const sorted = [...rows].sort((a, b) => a.compliantPct - b.compliantPct || b.devices - a.devices);
        return (
          <div class="table-wrap">
            <table data-testid={`compliance-by-${by}`}>
              <caption class="sr-only">Firmware compliance by {by}, least compliant first</caption>
              <thead>
                <tr>
                  <th scope="col">{by === 'site' ? 'Site' : 'Vendor / model'}</th>
                  <th scope="col">Devices</th>
                  <th scope="col">Compliant</th>
                  {STATUSES.map((s) => <th key={s} scope="col">{s}</th>)}
                  <th scope="col">Open CVEs</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr key={by === 'site' ? r.siteId : `${r.vendor}/${r.model}`}>
                    <th scope="row">{by === 'site' ? r.siteId || '(no site)' : `${r.vendor} ${r.model || '(no model)'}`}</th>
                    <td>{r.devices}</td>
                    <td>{r.compliantPct} %</td>
                    {STATUSES.map((s) => <td key={s}>{r.byStatus[s]}</td>)}
                    <td>{r.openCves.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </Loaded>
  );
}

export function Firmware() {
  const summary = useApi<{ devices: number; byStatus: Record<string, number>; noncompliant: number }>('complianceSummary');
  const vulnerable = useApi<unknown>('compliance', [], '?status=vulnerable&limit=200');
  const catalog = useApi<unknown>('firmwareCatalog', [], '?limit=200');
  return (
    <div class="grid">
      <Section title="Compliance" actions={<ExportButton endpoint="complianceExport" file="compliance.csv" />}>
        <Loaded result={summary} what="Firmware compliance" endpoint="complianceSummary">
          {(s) => (
            <>
              <ul class="counts" data-testid="compliance-counts">
                <li class="count total"><span class="n">{s.devices}</span> devices</li>
                <li class="count s-offline"><span class="n">{s.noncompliant}</span> non-compliant</li>
                {STATUSES.filter((k) => s.byStatus[k]).map((k) => (
                  <li key={k} class="count"><span class="n">{s.byStatus[k]}</span> {k}</li>
                ))}
              </ul>
            </>
          )}
        </Loaded>
      </Section>
      <Section title="Compliance by site">
        <Breakdown by="site" />
      </Section>
      <Section title="Compliance by model">
        <Breakdown by="model" />
      </Section>
      <Section title="Vulnerable devices">
        <Loaded result={vulnerable} what="Vulnerable devices" endpoint="compliance">
          {(b) => {
            const { items, nextCursor } = itemsOf<DeviceCompliance>(b);
            if (items.length === 0) return <p class="muted">No device runs firmware with a known CVE.</p>;
            return (
              <div class="table-wrap">
                <table data-testid="vulnerable-devices">
                  <caption class="sr-only">Vulnerable devices and their CVEs</caption>
                  <thead><tr><th scope="col">Device</th><th scope="col">Site</th><th scope="col">Vendor / model</th><th scope="col">Firmware</th><th scope="col">Latest</th><th scope="col">Severity</th><th scope="col">CVEs</th></tr></thead>
                  <tbody>
                    {items.map((d) => (
                      <tr key={d.deviceId}>
                        <td>
                          <a href={`/devices/${encodeURIComponent(d.deviceId)}`} onClick={(e) => { e.preventDefault(); navigate(`/devices/${encodeURIComponent(d.deviceId)}`); }}>{d.deviceName}</a>
                        </td>
                        <td>{d.siteId ?? '—'}</td>
                        <td>{d.vendor} {d.model ?? ''}</td>
                        <td>{d.firmwareVersion ?? '—'}</td>
                        <td>{d.latestVersion ?? '—'}</td>
                        <td><span class={`badge sev-${d.maxSeverity ?? 'none'}`}>{d.maxSeverity ?? '—'}</span></td>
                        <td>{d.cves.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {nextCursor && <p class="muted">The first 200 are shown; the CSV export has every site.</p>}
              </div>
            );
          }}
        </Loaded>
      </Section>
      <Section title="Firmware catalog">
        <Loaded result={catalog} what="Firmware catalog" endpoint="firmwareCatalog">
          {(b) => (
            <DataTable
              rows={itemsOf<Record<string, unknown>>(b).items}
              columns={['vendor', 'models', 'version', 'releaseDate', 'track', 'line', 'lineEndOfSupport', 'cves']}
              caption="Catalog"
              empty="The catalog is empty."
            />
          )}
        </Loaded>
      </Section>
    </div>
  );
}
