import { useEffect, useMemo, useState } from 'preact/hooks';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { equirectangular, geometryPath, type Geometry } from '../logic/geo.js';
import type { RolledUpSite } from '../logic/fleet.js';

const projection = equirectangular(960);
let outlines: Promise<string[]> | null = null;

/** Country outlines bundled with the console (no map tiles, works offline), projected once per page load. */
function loadOutlines(): Promise<string[]> {
  outlines ??= fetch(worldUrl)
    .then((r) => r.json() as Promise<Topology<{ countries: GeometryCollection }>>)
    .then((topo) => feature(topo, topo.objects.countries).features.map((f) => geometryPath(f.geometry as Geometry, projection)));
  return outlines;
}

export function WorldMap({ sites, onSelect }: { sites: RolledUpSite[]; onSelect?: (id: string) => void }) {
  const [paths, setPaths] = useState<string[]>([]);
  useEffect(() => {
    void loadOutlines().then(setPaths);
  }, []);
  const dots = useMemo(() => sites.map((s) => ({ s, xy: projection.project(s.lon!, s.lat!) })), [sites]);
  return (
    <svg class="world-map" viewBox={`0 0 ${projection.width} ${projection.height}`} role="img" aria-label={`Map of ${sites.length} sites coloured by health`}>
      <g class="land">{paths.map((d, i) => <path key={i} d={d} />)}</g>
      {dots.map(({ s, xy }) => (
        <circle
          key={s.id}
          cx={xy[0]}
          cy={xy[1]}
          r={5}
          class={`dot h-${s.health}`}
          tabIndex={onSelect ? 0 : -1}
          onClick={() => onSelect?.(s.id)}
        >
          <title>{`${s.name}: ${s.health} (${s.total} devices)`}</title>
        </circle>
      ))}
    </svg>
  );
}
