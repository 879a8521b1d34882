import { useEffect, useState } from 'preact/hooks';
import { useFleet } from '../app/fleet-data.js';
import { useLive } from '../app/live.js';
import { navigate } from '../app/router.js';
import { flatten } from '../logic/fleet.js';
import { LiveBanner } from '../ui/live-banner.js';
import { Loaded } from '../ui/components.js';

const HEALTH_WORDS = { red: 'DOWN', amber: 'ATTENTION', green: 'OK', grey: 'NO DATA' } as const;

/**
 * The guard room's board: one tile per site (the tree's sites with devices, not regions), worst first, large type,
 * high contrast, no interaction needed. Stale data is announced across the top.
 */
export function Wall() {
  const { summary, sites, tree } = useFleet();
  const live = useLive();
  const [clock, setClock] = useState(new Date());
  useEffect(() => {
    const t = setInterval(() => setClock(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  const order = { red: 0, amber: 1, grey: 2, green: 3 } as const;
  const tiles = flatten(tree)
    .filter((n) => n.children.length === 0)
    .sort((a, b) => order[a.health] - order[b.health] || a.name.localeCompare(b.name));
  const stale = live.status !== 'live';
  return (
    <div class={`wall ${stale ? 'stale' : ''}`} data-testid="wall">
      <LiveBanner />
      <header class="wall-head">
        <h1>Fleet status</h1>
        <Loaded result={summary} what="Fleet health" endpoint="healthSummary">
          {(s) => (
            <p class="wall-counts">
              {s.total} devices · <span class="s-online">{s.byState['online'] ?? 0} online</span> ·{' '}
              <span class="s-offline">{(s.byState['offline'] ?? 0) + (s.byState['unreachable'] ?? 0)} offline</span> ·{' '}
              <span class="s-late">{(s.byState['late'] ?? 0) + (s.byState['degraded'] ?? 0)} late/degraded</span>
            </p>
          )}
        </Loaded>
        <time class="wall-clock">{clock.toLocaleTimeString()}</time>
        <button class="wall-exit" onClick={() => navigate('/')}>Exit wall</button>
      </header>
      <Loaded result={sites} what="Sites" endpoint="sites">
        {() => (
          <ul class="tiles">
            {tiles.map((t) => (
              <li key={t.id} class={`tile h-${t.health}`} data-health={t.health}>
                <span class="tile-name">{t.name}</span>
                <span class="tile-state">{HEALTH_WORDS[t.health]}</span>
                <span class="tile-detail">
                  {t.total - (t.byState['offline'] ?? 0) - (t.byState['unreachable'] ?? 0)}/{t.total} up
                </span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </div>
  );
}
