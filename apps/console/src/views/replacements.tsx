import { itemsOf } from '../api/client.js';
import { useLive } from '../app/live.js';
import { useApi } from '../app/use-api.js';
import { byPolicyAndQuarter, forecastRows } from '../logic/forecast.js';
import { Loaded, Section } from '../ui/components.js';
import { ExportButton } from '../ui/export-button.js';
import { ForecastChart } from '../ui/forecast-chart.js';
import { PlanTable, type PlanItem } from './plan-table.js';

const money = (n: number) => Math.round(n).toLocaleString();

export function Replacements() {
  const live = useLive();
  const plan = useApi<unknown>('plan', [], '?limit=200', [live.version]);
  const forecast = useApi<unknown>('forecast', [], '', [live.version]);
  return (
    <div class="grid">
      <Section title="Forecast per quarter" actions={<ExportButton endpoint="forecastExport" file="forecast.csv" />}>
        <Loaded result={forecast} what="Forecast" endpoint="forecast">
          {(b) => {
            const policies = byPolicyAndQuarter(forecastRows(b));
            const own = policies.find((p) => p.policy === 'organisation') ?? policies[0];
            if (!own) return <p class="muted">Nothing to forecast yet.</p>;
            return (
              <>
                <ForecastChart forecast={own} />
                <h3>Your policy beside the alternatives</h3>
                <table data-testid="policy-comparison">
                  <caption class="sr-only">Policies compared</caption>
                  <thead><tr><th scope="col">Policy</th><th scope="col">Devices replaced</th><th scope="col">Cost</th><th scope="col">Expected downtime (device-days)</th></tr></thead>
                  <tbody>
                    {policies.map((p) => (
                      <tr key={p.policy} class={p.policy === 'organisation' ? 'own' : ''}>
                        <th scope="row">{p.policy === 'organisation' ? 'Your policy' : p.policy}</th>
                        <td>{p.devices}</td>
                        <td>{money(p.cost)}</td>
                        <td>{p.expectedOfflineDays.toFixed(1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            );
          }}
        </Loaded>
      </Section>
      <Section title="Replacement plan" actions={<ExportButton endpoint="planExport" file="plan.csv" />}>
        <Loaded result={plan} what="Replacement plan" endpoint="plan">
          {(b) => {
            const { items, nextCursor } = itemsOf<PlanItem>(b);
            return (
              <>
                <PlanTable items={items} onMoved={plan.reload} />
                {nextCursor && <p class="muted">The first 200 items are shown; the CSV export has the whole plan.</p>}
              </>
            );
          }}
        </Loaded>
      </Section>
    </div>
  );
}
