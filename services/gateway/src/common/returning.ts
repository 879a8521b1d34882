/**
 * TypeORM's postgres driver answers `UPDATE/DELETE ... RETURNING` with `[rows, affectedCount]` but INSERT and SELECT
 * with just the rows; this gives the rows either way.
 */
export function returned<R>(result: unknown): R[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as R[];
  }
  return result as R[];
}
