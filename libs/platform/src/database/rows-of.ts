/**
 * TypeORM answers an UPDATE/DELETE ... RETURNING with `[rows, rowCount]` and every other statement with the rows.
 * This gives the rows either way: `rowsOf<Row>(await manager.query('UPDATE ... RETURNING *'))`.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
