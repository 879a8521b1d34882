import type { DeviceFilter, DeviceSort } from '@fleetward/contracts';
import { decodeCursor, type CursorPosition } from '@fleetward/platform';
import { InventoryErrors } from '../common/inventory-errors.js';
import { uuidOrInvalid } from '../common/cursor-position.js';
import { escapeLike, isUuid, Params } from '../common/sql.js';

/** Where a device page resumes: the last row's sort value (as text) and id. */
export interface DeviceAfter {
  v: string | null;
  id: string;
}

/** A device cursor is the platform's keyset cursor `[sort, value, id]`: a cursor of another sort is refused. */
export const deviceCursor = {
  position: (sort: DeviceSort, row: { sort_key: string | null; id: string }): CursorPosition => [
    sort,
    row.sort_key,
    row.id,
  ],
  decode(cursor: string | undefined, sort: DeviceSort): DeviceAfter | undefined {
    const p = decodeCursor(cursor, 3);
    if (!p) return undefined;
    if (p[0] !== sort || (p[1] !== null && typeof p[1] !== 'string')) throw InventoryErrors.invalidCursor();
    return { v: p[1], id: uuidOrInvalid(p[2]) };
  },
};

const SORT_COLUMNS: Record<string, { col: string; type: string; nullable: boolean }> = {
  name: { col: 'd.name', type: 'text', nullable: false },
  serial: { col: 'd.serial', type: 'text', nullable: false },
  createdAt: { col: 'd.created_at', type: 'timestamptz', nullable: false },
  updatedAt: { col: 'd.updated_at', type: 'timestamptz', nullable: false },
  warrantyEnd: { col: 'd.warranty_end', type: 'date', nullable: true },
};

/**
 * WHERE conditions for a device filter (alias `d`); always scoped to the organisation. A site filter arrives resolved
 * to the ids of its subtree (`subtreeSql`, run first): as a literal array the planner estimates how many devices it
 * matches and picks between walking the sort index and fetching the sites' devices then sorting. Given as a sub-select
 * it guessed, and at 1M devices walked the warranty index through 51k rows for one store's 50.
 */
export function deviceWhere(orgId: string, f: DeviceFilter, p: Params, subtree?: string[]): string[] {
  const org = p.add(orgId);
  const w = [`d.org_id = ${org}`];
  if (f.siteId) w.push(`d.site_id = ANY(${p.add(subtree ?? [])}::text[])`);
  if (f.type) w.push(`d.type = ANY(${p.add(f.type)}::text[])`);
  if (f.status) w.push(`d.status = ANY(${p.add(f.status)}::text[])`);
  if (f.vendor) w.push(`d.vendor_key = ${p.add(f.vendor.trim().toLowerCase())}`);
  if (f.modelId) w.push(isUuid(f.modelId) ? `d.model_id = ${p.add(f.modelId)}::uuid` : 'false');
  if (f.firmwareVersion) w.push(`d.firmware_version = ${p.add(f.firmwareVersion)}`);
  if (f.warrantyBefore) w.push(`d.warranty_end < ${p.add(f.warrantyBefore)}::date`);
  if (f.warrantyAfter) w.push(`d.warranty_end > ${p.add(f.warrantyAfter)}::date`);
  if (f.tag) w.push(`d.tags @> ARRAY[${p.add(f.tag)}]::text[]`);
  // Through device_search_ids so the trigram index is usable under row-level security (see its migration).
  if (f.q) w.push(`d.id IN (SELECT device_search_ids(${p.add(searchPattern(f.q))}))`);
  return w;
}

const searchPattern = (q: string) => `%${escapeLike(q)}%`;

/**
 * The rows a device page is taken from, as alias `d`, and the filter without what that source already applied. With
 * free text, the matching devices come whole from `device_search_rows` and the page filters, sorts and cuts those
 * (a broad match otherwise meant fetching every matching device again by id); without, the device table.
 */
export function devicePageSource(
  orgId: string,
  f: DeviceFilter,
  p: Params,
  subtree?: string[],
): { from: string; where: string[] } {
  if (!f.q) return { from: 'device d', where: deviceWhere(orgId, f, p, subtree) };
  const { q, ...rest } = f;
  return { from: `device_search_rows(${p.add(searchPattern(q))}) d`, where: deviceWhere(orgId, rest, p, subtree) };
}

/** Ids of a site and every site below it, through the materialised path and its (org_id, path) index. $1 = org, $2 = site. */
export const subtreeSql = `SELECT coalesce(array_agg(s.id), '{}') AS ids FROM site s WHERE s.org_id = $1 AND s.path LIKE
  (SELECT replace(replace(replace(r.path, '\\', '\\\\'), '_', '\\_'), '%', '\\%') || '%' FROM site r WHERE r.org_id = $1 AND r.id = $2)`;

/** Keyset page: ORDER BY the sort column then id, resuming strictly after the cursor row. */
export function deviceOrder(
  sort: DeviceSort,
  cursor: DeviceAfter | undefined,
  p: Params,
): { where?: string; order: string; key: string } {
  const desc = sort.startsWith('-');
  const { col, type, nullable } = SORT_COLUMNS[desc ? sort.slice(1) : sort]!;
  const dir = desc ? 'DESC' : 'ASC';
  const op = desc ? '<' : '>';
  const order = `${col} ${dir}${nullable ? ' NULLS LAST' : ''}, d.id ${dir}`;
  const key = `${col}::text`;
  if (!cursor) return { order, key };
  const id = p.add(cursor.id);
  if (!nullable) return { where: `(${col}, d.id) ${op} (${p.add(cursor.v)}::${type}, ${id}::uuid)`, order, key };
  if (cursor.v === null) return { where: `(${col} IS NULL AND d.id ${op} ${id}::uuid)`, order, key };
  const v = `${p.add(cursor.v)}::${type}`;
  return { where: `(${col} ${op} ${v} OR (${col} = ${v} AND d.id ${op} ${id}::uuid) OR ${col} IS NULL)`, order, key };
}
