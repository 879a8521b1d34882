/** Equirectangular projection onto a `width` x `height` box (the whole world, latitudes -60..85 shown). */
export interface Projection {
  width: number;
  height: number;
  project(lon: number, lat: number): [number, number];
}

const TOP = 85;
const BOTTOM = -60;

export function equirectangular(width: number): Projection {
  const height = Math.round((width * (TOP - BOTTOM)) / 360);
  return {
    width,
    height,
    project: (lon, lat) => [((lon + 180) / 360) * width, ((TOP - lat) / (TOP - BOTTOM)) * height],
  };
}

type Ring = number[][];
export type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] } | { type: string };

/** An SVG path for a (multi)polygon; coordinates rounded to 0.1 px to keep the DOM small. */
export function geometryPath(geometry: Geometry | null, projection: Projection): string {
  if (!geometry) return '';
  const polygons: Ring[][] =
    geometry.type === 'Polygon'
      ? [(geometry as { coordinates: Ring[] }).coordinates]
      : geometry.type === 'MultiPolygon'
        ? (geometry as { coordinates: Ring[][] }).coordinates
        : [];
  const r = (n: number) => Math.round(n * 10) / 10;
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      // A ring that crosses the antimeridian (Russia, Fiji, Antarctica) is drawn as open pieces, not a line across.
      let wrapped = false;
      ring.forEach(([lon = 0, lat = 0], i) => {
        const jump = i > 0 && Math.abs(lon - (ring[i - 1]![0] ?? 0)) > 180;
        wrapped ||= jump;
        const [x, y] = projection.project(lon, lat);
        d += `${i === 0 || jump ? 'M' : 'L'}${r(x)},${r(y)}`;
      });
      if (!wrapped) d += 'Z';
    }
  }
  return d;
}
