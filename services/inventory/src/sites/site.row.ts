import type { Site, SiteField, SiteState } from '@fleetward/contracts';
import { iso } from '../common/sql.js';
import { pathIds } from '../devices/device.row.js';

export interface SiteRow {
  id: string;
  org_id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  name: string;
  code: string;
  kind: string | null;
  address: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  timezone: string | null;
  tags: string[];
  created_at: Date | string;
  updated_at: Date | string;
}

export function toSiteState(r: SiteRow): SiteState {
  return {
    id: r.id,
    orgId: r.org_id,
    parentId: r.parent_id,
    path: pathIds(r.path),
    name: r.name,
    code: r.code,
    kind: r.kind,
    address: r.address,
    country: r.country,
    lat: r.latitude,
    lon: r.longitude,
    timezone: r.timezone,
    tags: r.tags,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function toSite(r: SiteRow): Site {
  const { orgId: _org, ...state } = toSiteState(r);
  return { ...state, depth: r.depth };
}

const NOT_REPORTED = new Set(['id', 'orgId', 'createdAt', 'updatedAt']);

export function changedSiteFields(before: SiteState, after: SiteState): SiteField[] {
  return (Object.keys(after) as (keyof SiteState)[]).filter(
    (k) => !NOT_REPORTED.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  ) as SiteField[];
}
