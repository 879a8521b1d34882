import { quarterLabel, type PolicyForecast } from '../logic/forecast.js';

const W = 900;
const H = 260;
const PAD = 40;

/** Bars per quarter of the organisation's policy (cost), with device counts as labels. */
export function ForecastChart({ forecast }: { forecast: PolicyForecast }) {
  const qs = forecast.quarters;
  if (qs.length === 0) return <p class="muted">Nothing forecast.</p>;
  const max = Math.max(1, ...qs.map((q) => q.cost));
  const bw = (W - PAD * 2) / qs.length;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Replacement cost per quarter under the ${forecast.policy} policy`} data-testid="forecast-chart">
      <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} class="axis" />
      {qs.map((q, i) => {
        const h = ((H - PAD * 2) * q.cost) / max;
        const x = PAD + i * bw + bw * 0.15;
        return (
          <g key={q.quarterStart}>
            <rect x={x} y={H - PAD - h} width={bw * 0.7} height={h} class="bar">
              <title>{`${quarterLabel(q.quarterStart)}: ${q.devices} devices, ${Math.round(q.cost)}`}</title>
            </rect>
            <text x={x + bw * 0.35} y={H - PAD + 16} text-anchor="middle" class="tick">{quarterLabel(q.quarterStart).replace(' ', ' ')}</text>
            <text x={x + bw * 0.35} y={H - PAD - h - 4} text-anchor="middle" class="value">{q.devices}</text>
          </g>
        );
      })}
    </svg>
  );
}
