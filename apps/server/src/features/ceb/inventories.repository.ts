import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { chunks, INSERT_CHUNK_ROWS, READ_CHUNK_KEYS } from './chunks';

export type CebInventoryRow = Database['ceb_inventories'];
export type CebStatusRow = Database['ceb_status_history'];

export interface InventoryFilter {
  readonly orderNo?: string | undefined;
  readonly logisticsNo?: string | undefined;
  readonly invtNo?: string | undefined;
  readonly buyerHash?: string | undefined;
  readonly status?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  /** Only inventories naming this customs code (an enterprise's own); undefined: all. */
  readonly partyCode?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

/** Inventories (the current state, version-checked) and their append-only status history. */
export function createCebInventoriesRepository(db: Kysely<Database>) {
  return {
    async inventoriesForOrders(orderNos: readonly string[]): Promise<CebInventoryRow[]> {
      const out: CebInventoryRow[] = [];
      for (const part of chunks([...new Set(orderNos)], READ_CHUNK_KEYS)) {
        // One index look-up per order (ceb_inventories_order_no_idx), whatever the statistics say
        // (documents.repository.ts explains the lateral form and its `offset 0`).
        const result = await sql<CebInventoryRow>`select i.* from unnest(${part}::text[]) as k(order_no)
          cross join lateral (select * from ceb_inventories x where x.order_no = k.order_no offset 0) as i`.execute(
          db,
        );
        out.push(...result.rows);
      }
      return out;
    },

    async insertInventories(rows: readonly CebInventoryRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_inventories').values(part).execute();
    },

    async getInventory(docKey: string): Promise<CebInventoryRow | undefined> {
      return db.selectFrom('ceb_inventories').selectAll().where('doc_key', '=', docKey).executeTakeFirst();
    },

    async getInventoryByInvtNo(invtNo: string): Promise<CebInventoryRow | undefined> {
      return db.selectFrom('ceb_inventories').selectAll().where('invt_no', '=', invtNo).executeTakeFirst();
    },

    async inventoriesForOrder(orderNo: string): Promise<CebInventoryRow[]> {
      return db.selectFrom('ceb_inventories').selectAll().where('order_no', '=', orderNo).execute();
    },

    async findExpiredWaiting(now: Date, limit: number): Promise<CebInventoryRow[]> {
      return db
        .selectFrom('ceb_inventories')
        .selectAll()
        .where('status', '=', '2')
        .where('wait_deadline', '<=', now)
        .orderBy('wait_deadline')
        .limit(limit)
        .execute();
    },

    /** Optimistic update: false when the row changed since it was read (version moved on). */
    async updateInventory(
      docKey: string,
      version: number,
      changes: Partial<CebInventoryRow>,
      nextVersion: number = version + 1,
    ): Promise<boolean> {
      const result = await db
        .updateTable('ceb_inventories')
        .set({ ...changes, version: nextVersion })
        .where('doc_key', '=', docKey)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async appendStatus(rows: readonly CebStatusRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_status_history').values(part).execute();
    },

    async statusHistory(docKeys: readonly string[]): Promise<CebStatusRow[]> {
      if (docKeys.length === 0) return [];
      return db
        .selectFrom('ceb_status_history')
        .selectAll()
        .where('doc_key', 'in', [...docKeys])
        .orderBy('id')
        .execute();
    },

    async findInventories(filter: InventoryFilter): Promise<{ rows: CebInventoryRow[]; total: number }> {
      let q = db.selectFrom('ceb_inventories');
      if (filter.orderNo) q = q.where('order_no', '=', filter.orderNo);
      if (filter.logisticsNo) q = q.where('logistics_no', '=', filter.logisticsNo);
      if (filter.invtNo) q = q.where('invt_no', '=', filter.invtNo);
      if (filter.buyerHash) q = q.where('buyer_hash', '=', filter.buyerHash);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.from) q = q.where('declared_at', '>=', filter.from);
      if (filter.to) q = q.where('declared_at', '<', filter.to);
      const code = filter.partyCode;
      if (code !== undefined) q = q.where(sql<boolean>`party_codes @> array[${code}]::text[]`);
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('declared_at', 'desc')
          .orderBy('doc_key')
          .offset(filter.offset)
          .limit(filter.limit)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return { rows, total: Number(count?.n ?? 0) };
    },
  };
}
