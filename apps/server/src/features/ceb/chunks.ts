/** Keys per read-ahead statement (they travel as one array parameter). */
export const READ_CHUNK_KEYS = 5_000;

/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters; documents have 20 columns). */
export const INSERT_CHUNK_ROWS = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
