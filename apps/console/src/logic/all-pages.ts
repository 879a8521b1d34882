/**
 * Reads every page of a cursor-paginated list (`{ items, nextCursor }`), one request after another, so a view that
 * needs the whole set (the site tree, the map) is not cut at the first page. `maxPages` bounds a runaway cursor.
 */
export async function allPages<T>(
  get: (url: string) => Promise<{ items?: T[]; nextCursor?: string | null }>,
  path: string,
  pageSize = 500,
  maxPages = 1000,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null | undefined = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${sep}limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...(page.items ?? []));
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error(`more than ${maxPages} pages of ${path}`);
}
