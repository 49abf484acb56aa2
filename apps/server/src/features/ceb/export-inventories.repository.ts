import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { chunks, INSERT_CHUNK_ROWS, READ_CHUNK_KEYS } from './chunks';

export type CebExportInventoryRow = Database['ceb_export_inventories'];

/** The state of each export inventory (CEB603), read by the export cross-checks; version-checked. */
export function createCebExportInventoriesRepository(db: Kysely<Database>) {
  return {
    /**
     * The export inventories under these document keys or with these invtNos, one index look-up per
     * key (the lateral form of documents.repository.ts).
     */
    async findExportInventories(input: {
      docKeys: readonly string[];
      invtNos: readonly string[];
    }): Promise<CebExportInventoryRow[]> {
      const out = new Map<string, CebExportInventoryRow>();
      for (const part of chunks([...new Set(input.docKeys)], READ_CHUNK_KEYS)) {
        const result = await sql<CebExportInventoryRow>`select e.* from unnest(${part}::text[]) as k(doc_key)
          cross join lateral (select * from ceb_export_inventories x where x.doc_key = k.doc_key offset 0) as e`.execute(
          db,
        );
        for (const row of result.rows) out.set(row.doc_key, row);
      }
      // Named by invtNo (a cancel, a waybill list, a summary): read FOR SHARE, in key order, so a
      // concurrent cancel either waits for this transaction or is seen committed (a list naming an
      // inventory cancelled at the same instant is refused, not accepted beside the cancel).
      for (const part of chunks([...new Set(input.invtNos)].sort(), READ_CHUNK_KEYS)) {
        const result = await sql<CebExportInventoryRow>`select e.* from unnest(${part}::text[]) as k(invt_no)
          cross join lateral (select * from ceb_export_inventories x where x.invt_no = k.invt_no
            offset 0 for share) as e`.execute(db);
        for (const row of result.rows) out.set(row.doc_key, row);
      }
      return [...out.values()];
    },

    async insertExportInventories(rows: readonly CebExportInventoryRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_export_inventories').values(part).execute();
    },

    /** Optimistic update: false when the row changed since it was read (version moved on). */
    async updateExportInventory(
      docKey: string,
      version: number,
      changes: Partial<CebExportInventoryRow>,
      nextVersion: number,
    ): Promise<boolean> {
      const result = await db
        .updateTable('ceb_export_inventories')
        .set({ ...changes, version: nextVersion })
        .where('doc_key', '=', docKey)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
