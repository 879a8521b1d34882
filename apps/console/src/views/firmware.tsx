import { itemsOf } from '../api/client.js';
import { useApi } from '../app/use-api.js';
import { DataTable, Loaded, Section } from '../ui/components.js';

const rows = (b: unknown) => itemsOf<Record<string, unknown>>(b).items;

export function Firmware() {
  const compliance = useApi<unknown>('compliance');
  const vulnerable = useApi<unknown>('vulnerable', [], '?limit=200');
  const catalog = useApi<unknown>('firmwareCatalog', [], '?limit=200');
  return (
    <div class="grid">
      <Section title="Compliance by site and model">
        <Loaded result={compliance} what="Firmware compliance" endpoint="compliance">
          {(b) => <DataTable rows={rows(b)} caption="Compliance" empty="No compliance figures yet." />}
        </Loaded>
      </Section>
      <Section title="Vulnerable devices">
        <Loaded result={vulnerable} what="Vulnerable devices" endpoint="vulnerable">
          {(b) => <DataTable rows={rows(b)} caption="Vulnerable devices and their CVEs" empty="No device runs firmware with a known CVE." />}
        </Loaded>
      </Section>
      <Section title="Firmware catalog">
        <Loaded result={catalog} what="Firmware catalog" endpoint="firmwareCatalog">
          {(b) => <DataTable rows={rows(b)} caption="Catalog" empty="The catalog is empty." />}
        </Loaded>
      </Section>
    </div>
  );
}
