import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { chunks, INSERT_CHUNK_ROWS } from './chunks';

export type CebPositiveListRow = Database['ceb_positive_list'];
export type CebTaxRateRow = Database['ceb_tax_rates'];

/** For each HS code, the row of `table` in force on `on` (latest row wins; effective_to closes it). */
async function inForceOn<T extends 'ceb_positive_list' | 'ceb_tax_rates'>(
  db: Kysely<Database>,
  table: T,
  hsCodes: readonly string[],
  on: string,
): Promise<Map<string, Database[T]>> {
  const out = new Map<string, Database[T]>();
  if (hsCodes.length === 0) return out;
  const rows = (await db
    // Both tables share the columns used here; Kysely cannot type a query over a union of tables.
    .selectFrom(table as 'ceb_positive_list')
    .selectAll()
    .where('hs_code', 'in', [...new Set(hsCodes)])
    .where('effective_from', '<=', on)
    .orderBy('hs_code')
    .orderBy('id', 'desc')
    .execute()) as Database[T][];
  for (const row of rows) if (!out.has(row.hs_code)) out.set(row.hs_code, row);
  for (const [code, row] of out) if (row.effective_to !== null && row.effective_to < on) out.delete(code);
  return out;
}

/** The reference tables: the positive list and the tax rates, each row effective from a date. */
export function createCebReferenceRepository(db: Kysely<Database>) {
  return {
    /** The entry in force on `on` for each HS code (latest row wins; effective_to closes it). */
    positiveListOn: (hsCodes: readonly string[], on: string) =>
      inForceOn(db, 'ceb_positive_list', hsCodes, on),

    taxRatesOn: (hsCodes: readonly string[], on: string) => inForceOn(db, 'ceb_tax_rates', hsCodes, on),

    async insertPositiveList(rows: readonly CebPositiveListRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_positive_list').values(part).execute();
    },

    async insertTaxRates(rows: readonly CebTaxRateRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_tax_rates').values(part).execute();
    },

    async findPositiveList(input: { hsCode?: string | undefined; offset: number; limit: number }) {
      let q = db.selectFrom('ceb_positive_list').selectAll();
      if (input.hsCode) q = q.where('hs_code', '=', input.hsCode);
      return q.orderBy('hs_code').orderBy('id').offset(input.offset).limit(input.limit).execute();
    },

    async findTaxRates(input: { hsCode?: string | undefined; offset: number; limit: number }) {
      let q = db.selectFrom('ceb_tax_rates').selectAll();
      if (input.hsCode) q = q.where('hs_code', '=', input.hsCode);
      return q.orderBy('hs_code').orderBy('id').offset(input.offset).limit(input.limit).execute();
    },
  };
}
