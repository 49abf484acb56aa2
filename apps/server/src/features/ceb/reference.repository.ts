import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { chunks, INSERT_CHUNK_ROWS } from './chunks';

export type CebPositiveListRow = Database['ceb_positive_list'];
export type CebTaxRateRow = Database['ceb_tax_rates'];

/** The reference tables: the positive list and the tax rates, each row effective from a date. */
export function createCebReferenceRepository(db: Kysely<Database>) {
  return {
    /** The entry in force on `on` for each HS code (latest row wins; effective_to closes it). */
    async positiveListOn(hsCodes: readonly string[], on: string): Promise<Map<string, CebPositiveListRow>> {
      const out = new Map<string, CebPositiveListRow>();
      if (hsCodes.length === 0) return out;
      const rows = await db
        .selectFrom('ceb_positive_list')
        .selectAll()
        .where('hs_code', 'in', [...new Set(hsCodes)])
        .where('effective_from', '<=', on)
        .orderBy('hs_code')
        .orderBy('id', 'desc')
        .execute();
      for (const row of rows) if (!out.has(row.hs_code)) out.set(row.hs_code, row);
      for (const [code, row] of out) if (row.effective_to !== null && row.effective_to < on) out.delete(code);
      return out;
    },

    async taxRatesOn(hsCodes: readonly string[], on: string): Promise<Map<string, CebTaxRateRow>> {
      const out = new Map<string, CebTaxRateRow>();
      if (hsCodes.length === 0) return out;
      const rows = await db
        .selectFrom('ceb_tax_rates')
        .selectAll()
        .where('hs_code', 'in', [...new Set(hsCodes)])
        .where('effective_from', '<=', on)
        .orderBy('hs_code')
        .orderBy('id', 'desc')
        .execute();
      for (const row of rows) if (!out.has(row.hs_code)) out.set(row.hs_code, row);
      for (const [code, row] of out) if (row.effective_to !== null && row.effective_to < on) out.delete(code);
      return out;
    },

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
