import { itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { useApi } from '../app/use-api.js';
import { byPolicyAndQuarter, forecastRows } from '../logic/forecast.js';
import { DataTable, Loaded, Section } from '../ui/components.js';
import { ForecastChart } from '../ui/forecast-chart.js';

const money = (n: number) => Math.round(n).toLocaleString();

export function Replacements() {
  const session = useSession();
  const plan = useApi<unknown>('plan', [], '?limit=200');
  const forecast = useApi<unknown>('forecast');
  const exportButton = (key: 'planExport' | 'forecastExport' | 'devicesExport', name: string) =>
    session.can(key) ? (
      <button onClick={() => void session.api.download(session.endpoints[key]!.path, name)}>Export {name}</button>
    ) : null;
  return (
    <div class="grid">
      <Section title="Forecast per quarter" actions={exportButton('forecastExport', 'forecast.csv')}>
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
      <Section title="Replacement plan" actions={exportButton('planExport', 'plan.csv')}>
        <Loaded result={plan} what="Replacement plan" endpoint="plan">
          {(b) => <DataTable rows={itemsOf<Record<string, unknown>>(b).items} caption="Replacement plan" empty="No replacements planned." />}
        </Loaded>
      </Section>
    </div>
  );
}
