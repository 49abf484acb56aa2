import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { chunks, INSERT_CHUNK_ROWS, READ_CHUNK_KEYS } from './chunks';

export type CebMessageRow = Database['ceb_messages'];
export type CebReceiptRow = Database['ceb_receipts'];

/** Messages as received, the receipts issued for them, and the serials of the units they carry. */
export function createCebMessagesRepository(db: Kysely<Database>) {
  return {
    async nextSerials(count: number): Promise<number[]> {
      if (count === 0) return [];
      const result = await sql<{ n: number }>`select nextval('ceb_serial_seq')::int8 as n
        from generate_series(1, ${count})`.execute(db);
      return result.rows.map((r) => Number(r.n));
    },

    async findMessagesByGuid(orgId: string, guids: readonly string[]) {
      if (guids.length === 0) return [];
      return db
        .selectFrom('ceb_messages as m')
        .innerJoin('ceb_receipts as r', 'r.id', 'm.receipt_id')
        .select(['m.id', 'm.guid', 'm.message_type', 'r.xml', 'r.json', 'r.receipt_type'])
        .where('m.sender_org_id', '=', orgId)
        .where('m.guid', 'in', [...guids])
        .execute();
    },

    async getMessage(id: string): Promise<CebMessageRow | undefined> {
      return db.selectFrom('ceb_messages').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The stored bodies (sealed) and formats of these messages, for reading their units. */
    async messageBodies(
      ids: readonly string[],
    ): Promise<Pick<CebMessageRow, 'id' | 'message_type' | 'format' | 'body' | 'body_enc'>[]> {
      const out: Pick<CebMessageRow, 'id' | 'message_type' | 'format' | 'body' | 'body_enc'>[] = [];
      for (const part of chunks([...new Set(ids)], READ_CHUNK_KEYS)) {
        const result = await sql<Pick<CebMessageRow, 'id' | 'message_type' | 'format' | 'body' | 'body_enc'>>`
          select m.id, m.message_type, m.format, m.body, m.body_enc from unnest(${part}::text[]) as k(id)
          cross join lateral (select * from ceb_messages x where x.id = k.id offset 0) as m`.execute(db);
        out.push(...result.rows);
      }
      return out;
    },

    /** Who sent each message: id → sending organisation. */
    async messageSenders(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('ceb_messages')
        .select(['id', 'sender_org_id'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [r.id, r.sender_org_id]));
    },

    async insertMessages(rows: readonly CebMessageRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_messages').values(part).execute();
    },

    async insertReceipts(rows: readonly CebReceiptRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_receipts').values(part).execute();
    },

    /**
     * The receipts of these documents (status changes) and the answers to these messages, by id. A
     * message's answer is found through `ceb_messages.receipt_id` (its primary key), not by
     * `ceb_receipts.message_id`, which no index covers: that would read the whole table. The two sets
     * are disjoint: an answer names no document, a status change's receipt no message.
     */
    async receiptsFor(docKeys: readonly string[], messageIds: readonly string[]): Promise<CebReceiptRow[]> {
      const byDocument = db
        .selectFrom('ceb_receipts')
        .selectAll()
        .where('doc_key', 'in', [...docKeys]);
      const byMessage = db
        .selectFrom('ceb_messages as m')
        .innerJoin('ceb_receipts as r', 'r.id', 'm.receipt_id')
        .selectAll('r')
        .where('m.id', 'in', [...messageIds]);
      if (messageIds.length === 0) return docKeys.length === 0 ? [] : byDocument.orderBy('id').execute();
      if (docKeys.length === 0) return byMessage.orderBy('r.id').execute();
      return byDocument.unionAll(byMessage).orderBy('id').execute();
    },

    /**
     * Receipts after `afterId` in `order` (ids are time-ordered; none: from the start), for one
     * recipient code or all, optionally of one type or only errors (negative returnStatus).
     */
    async findReceipts(input: {
      afterId?: string | undefined;
      order: 'asc' | 'desc';
      recipientCode?: string | undefined;
      receiptType?: string | undefined;
      errorsOnly?: boolean | undefined;
      limit: number;
    }) {
      let q = db.selectFrom('ceb_receipts').selectAll();
      if (input.afterId !== undefined) q = q.where('id', input.order === 'asc' ? '>' : '<', input.afterId);
      if (input.recipientCode !== undefined)
        q = q.where(sql<boolean>`recipient_codes @> array[${input.recipientCode}]::text[]`);
      if (input.receiptType !== undefined) q = q.where('receipt_type', '=', input.receiptType);
      // Any unit refused, not only the first (return_status holds the first unit's): in the XML Kouan
      // wrote (always with the ceb: prefix), or in the JSON kept beside it before migration 0020.
      if (input.errorsOnly)
        q = q.where(
          sql<boolean>`(case when json is null then strpos(xml, '<ceb:returnStatus>-') > 0
            else jsonb_path_exists(json, 'lax $.*.*.returnStatus ? (@ starts with "-")') end)`,
        );
      return q.orderBy('id', input.order).limit(input.limit).execute();
    },
  };
}
