import { useLive } from '../app/live.js';
import { useFleet } from '../app/fleet-data.js';
import { navigate } from '../app/router.js';
import { LIVENESS_STATES, flatten, mapDots } from '../logic/fleet.js';
import { lastHour } from '../logic/changes.js';
import { Loaded, Section, StateBadge, when } from '../ui/components.js';
import { WorldMap } from '../ui/world-map.js';

export function Overview() {
  const { summary, sites, tree } = useFleet();
  const live = useLive();
  const changes = lastHour(live.changes, Date.now());
  return (
    <div class="grid">
      <Section title="Devices by state">
        <Loaded result={summary} what="Fleet health" endpoint="healthSummary">
          {(s) => (
            <ul class="counts" data-testid="state-counts">
              <li class="count total"><span class="n">{s.total}</span> total</li>
              {LIVENESS_STATES.filter((k) => s.byState[k]).map((k) => (
                <li key={k} class={`count s-${k}`}><span class="n">{s.byState[k]}</span> {k}</li>
              ))}
            </ul>
          )}
        </Loaded>
      </Section>
      <Section title="Map">
        <Loaded result={sites} what="Sites" endpoint="sites">
          {() => <WorldMap sites={mapDots(tree)} onSelect={(id) => navigate(`/devices?siteId=${encodeURIComponent(id)}`)} />}
        </Loaded>
      </Section>
      <Section title="Sites">
        <Loaded result={sites} what="Sites" endpoint="sites">
          {() => (
            <ul class="tree" data-testid="site-tree">
              {flatten(tree).map((n) => (
                <li key={n.id} style={{ paddingLeft: `${n.depth * 1.2}rem` }}>
                  <span class={`dot-inline h-${n.health}`} aria-hidden="true" />
                  <a href={`/devices?siteId=${encodeURIComponent(n.id)}`} onClick={(e) => { e.preventDefault(); navigate(`/devices?siteId=${encodeURIComponent(n.id)}`); }}>
                    {n.name}
                  </a>{' '}
                  <span class="muted">
                    {n.total} devices{n.byState['offline'] ? `, ${n.byState['offline']} offline` : ''}
                    {n.unreachable ? ', unreachable' : ''}
                  </span>{' '}
                  <span class="sr-only">health {n.health}</span>
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      </Section>
      <Section title="Last hour">
        {changes.length === 0 ? (
          <p class="muted">No changes received since this page opened{live.status === 'live' ? '' : ' (live updates are not connected)'}.</p>
        ) : (
          <ul class="changes" data-testid="changes">
            {changes.map((c) => (
              <li key={c.id} class={`tone-${c.tone}`}>
                <time>{when(c.at)}</time> {c.text}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

export { StateBadge };
