import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { chunks, INSERT_CHUNK_ROWS } from './chunks';

export type CebBondedMovementRow = Database['ceb_bonded_movements'];

/** Bonded stock per account book item, and its append-only movements. */
export function createCebBondedStockRepository(db: Kysely<Database>) {
  return {
    async addStock(emsNo: string, itemRecordNo: string, quantity: string): Promise<void> {
      await sql`insert into ceb_bonded_stock as s (ems_no, item_record_no, quantity)
        values (${emsNo}, ${itemRecordNo}, ${quantity}::numeric)
        on conflict (ems_no, item_record_no) do update set quantity = s.quantity + excluded.quantity`.execute(
        db,
      );
    },

    /**
     * Deducts every item of one release, or none: the items' rows are locked and read, and only
     * when each holds what the release needs (lines of one item added up) are they all deducted.
     * Returns the first item short of stock (with what it needs and has), or null once deducted.
     */
    async deductAll(
      emsNo: string,
      lines: readonly { itemRecordNo: string; quantity: string }[],
    ): Promise<{ itemRecordNo: string; needed: string; available: string } | null> {
      const items = lines.map((l) => l.itemRecordNo);
      const quantities = lines.map((l) => l.quantity);
      const wanted = sql`(select w.item, sum(w.qty) as qty
        from unnest(${items}::text[], ${quantities}::numeric[]) as w(item, qty) group by w.item)`;
      const checked = await sql<{ item: string; needed: string; available: string | null; enough: boolean }>`
        select w.item, trim_scale(w.qty)::text as needed, trim_scale(s.quantity)::text as available,
          coalesce(s.quantity >= w.qty, false) as enough
        from ${wanted} as w
        left join (select * from ceb_bonded_stock where ems_no = ${emsNo}
          and item_record_no = any(${items}::text[]) for update) as s on s.item_record_no = w.item
        order by w.item`.execute(db);
      const short = checked.rows.find((r) => !r.enough);
      if (short) return { itemRecordNo: short.item, needed: short.needed, available: short.available ?? '0' };
      await sql`update ceb_bonded_stock as s set quantity = s.quantity - w.qty from ${wanted} as w
        where s.ems_no = ${emsNo} and s.item_record_no = w.item`.execute(db);
      return null;
    },

    async getStock(emsNo: string): Promise<Database['ceb_bonded_stock'][]> {
      return db
        .selectFrom('ceb_bonded_stock')
        .selectAll()
        .where('ems_no', '=', emsNo)
        .orderBy('item_record_no')
        .execute();
    },

    async insertMovements(rows: readonly CebBondedMovementRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_bonded_movements').values(part).execute();
    },
  };
}
