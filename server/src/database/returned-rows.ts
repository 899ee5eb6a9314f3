/**
 * Rows of an UPDATE/DELETE ... RETURNING: TypeORM answers those with `[rows, rowCount]` (and plain rows
 * for SELECT/INSERT), so every caller goes through this.
 */
export function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}
