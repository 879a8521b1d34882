/** A query string from the defined, non-empty values (arrays comma-joined), keys in insertion order. */
export function queryString(params: Record<string, string | number | boolean | string[] | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface PageState {
  /** Cursors of the pages already visited, so Previous can go back (cursor paging only goes forward). */
  stack: Array<string | undefined>;
}

export const firstPage = (): PageState => ({ stack: [undefined] });
export const currentCursor = (p: PageState) => p.stack[p.stack.length - 1];
export const nextPage = (p: PageState, cursor: string): PageState => ({ stack: [...p.stack, cursor] });
export const previousPage = (p: PageState): PageState => (p.stack.length > 1 ? { stack: p.stack.slice(0, -1) } : p);

/** Toggles a sort key: `name` -> `-name` -> `name`; another column starts ascending. */
export function toggleSort(current: string, column: string): string {
  if (current === column) return `-${column}`;
  return column;
}
