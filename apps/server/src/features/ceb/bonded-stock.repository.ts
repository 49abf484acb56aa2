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

    /** Deducts only when enough stock is there (never negative); false otherwise. */
    async deductStock(emsNo: string, itemRecordNo: string, quantity: string): Promise<boolean> {
      const result = await sql`update ceb_bonded_stock set quantity = quantity - ${quantity}::numeric
        where ems_no = ${emsNo} and item_record_no = ${itemRecordNo} and quantity >= ${quantity}::numeric
        returning quantity`.execute(db);
      return result.rows.length === 1;
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
