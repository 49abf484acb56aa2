import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { chunks, INSERT_CHUNK_ROWS, READ_CHUNK_KEYS } from './chunks';

export type CebDocumentRow = Database['ceb_documents'];
export type CebNumberRow = Database['ceb_doc_numbers'];

/*
 * Look-ups by many keys at once join the keys (unnest) LATERALLY to an index look-up per key: the
 * plan then never depends on the planner's estimate for `= any(array)`, which without fresh
 * statistics (a table growing fast between autovacuum's ANALYZE runs) covers the whole table and
 * chose sequential scans that grow with it. A lateral subquery without LIMIT or DISTINCT would be
 * flattened into a plain join (free to hash the whole table again); `offset 0` keeps it a per-key
 * look-up.
 */

/** Namespace of the advisory locks that serialise the matching of one order's set. */
const SET_LOCK_NAMESPACE = 7_301_003;

/** Document versions (append-only) and the document numbers claimed by their owners. */
export function createCebDocumentsRepository(db: Kysely<Database>) {
  return {
    /**
     * Serialises set matching per order number: every message touching an order's set (order,
     * payment, waybill, inventory all carry orderNo) takes these locks first, in sorted order, so
     * concurrent batches never miss each other's documents and never deadlock on them. Waybill keys
     * (`waybill:code:no`) are taken in the same statement by the messages that write or name a
     * waybill (`lockKeysOf`).
     */
    async lockSets(keys: readonly string[]): Promise<void> {
      const sorted = [...new Set(keys)].sort();
      if (sorted.length === 0) return;
      await sql`select pg_advisory_xact_lock(${SET_LOCK_NAMESPACE}, k) from (
        select distinct hashtext(n) as k from unnest(${sorted}::text[]) as n order by 1) as keys`.execute(db);
    },

    async insertDocuments(rows: readonly CebDocumentRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_documents').values(part).execute();
    },

    /** Latest version of each of these documents (absent keys have none), in one statement per chunk. */
    async latestDocuments(docKeys: readonly string[]): Promise<CebDocumentRow[]> {
      const out: CebDocumentRow[] = [];
      for (const part of chunks([...new Set(docKeys)], READ_CHUNK_KEYS)) {
        const result = await sql<CebDocumentRow>`select d.* from unnest(${part}::text[]) as k(doc_key)
          cross join lateral (select * from ceb_documents x where x.doc_key = k.doc_key
            order by x.version desc limit 1) as d`.execute(db);
        out.push(...result.rows);
      }
      return out;
    },

    /** Latest version of every document of a kind naming one of these orders. */
    async latestByOrders(kind: string, orderNos: readonly string[]): Promise<CebDocumentRow[]> {
      const out: CebDocumentRow[] = [];
      for (const part of chunks([...new Set(orderNos)], READ_CHUNK_KEYS)) {
        const result = await sql<CebDocumentRow>`select d.* from unnest(${part}::text[]) as k(order_no)
          cross join lateral (select distinct on (x.doc_key) * from ceb_documents x
            where x.order_no = k.order_no and x.kind = ${kind}
            order by x.doc_key, x.version desc) as d`.execute(db);
        out.push(...result.rows);
      }
      // A document whose versions name two of these orders came once per order: keep its latest.
      const latest = new Map<string, CebDocumentRow>();
      for (const row of out) {
        const seen = latest.get(row.doc_key);
        if (!seen || seen.version < row.version) latest.set(row.doc_key, row);
      }
      return [...latest.values()];
    },

    /** The claimed numbers among these (kind, owner, number) triples. */
    async findNumbers(
      claims: readonly { kind: string; ownerCode: string; number: string }[],
    ): Promise<CebNumberRow[]> {
      const out: CebNumberRow[] = [];
      for (const part of chunks(claims, READ_CHUNK_KEYS)) {
        const result = await sql<CebNumberRow>`select n.* from unnest(${part.map((c) => c.kind)}::text[],
            ${part.map((c) => c.ownerCode)}::text[], ${part.map((c) => c.number)}::text[]) as k(kind, owner_code, number)
          cross join lateral (select * from ceb_doc_numbers x where x.kind = k.kind
            and x.owner_code = k.owner_code and x.number = k.number offset 0) as n`.execute(db);
        out.push(...result.rows);
      }
      return out;
    },

    /** Inserts new number claims; returns how many were inserted (fewer: another transaction won one). */
    async insertNumbers(rows: readonly CebNumberRow[]): Promise<number> {
      let inserted = 0;
      for (const part of chunks(rows, INSERT_CHUNK_ROWS)) {
        const result = await db
          .insertInto('ceb_doc_numbers')
          .values(part)
          .onConflict((oc) => oc.columns(['kind', 'owner_code', 'number']).doNothing())
          .returning('kind')
          .execute();
        inserted += result.length;
      }
      return inserted;
    },

    async latestDocument(docKey: string): Promise<CebDocumentRow | undefined> {
      return db
        .selectFrom('ceb_documents')
        .selectAll()
        .where('doc_key', '=', docKey)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** Latest version of every document of a kind naming this order (payments are keyed otherwise). */
    async latestByOrder(kind: string, orderNo: string): Promise<CebDocumentRow[]> {
      const rows = await db
        .selectFrom('ceb_documents')
        .selectAll()
        .where('kind', '=', kind)
        .where('order_no', '=', orderNo)
        .orderBy('doc_key')
        .orderBy('version', 'desc')
        .execute();
      const seen = new Set<string>();
      return rows.filter((r) => {
        if (seen.has(r.doc_key)) return false;
        seen.add(r.doc_key);
        return true;
      });
    },

    async documentHistory(docKeys: readonly string[]): Promise<CebDocumentRow[]> {
      if (docKeys.length === 0) return [];
      return db
        .selectFrom('ceb_documents')
        .selectAll()
        .where('doc_key', 'in', [...docKeys])
        .orderBy('doc_key')
        .orderBy('version')
        .execute();
    },

    /**
     * Claims a document number for its owner. Returns false when the number is taken; a number first
     * seen before `reusableBefore` (the six-month window for waybills) may be claimed again.
     */
    async claimNumber(input: {
      kind: Database['ceb_doc_numbers']['kind'];
      ownerCode: string;
      number: string;
      docKey: string;
      at: Date;
      reusableBefore: Date | null;
    }): Promise<boolean> {
      const row = {
        kind: input.kind,
        owner_code: input.ownerCode,
        number: input.number,
        doc_key: input.docKey,
        first_seen_at: input.at,
      };
      const q = db.insertInto('ceb_doc_numbers').values(row);
      const before = input.reusableBefore;
      const result = await (before
        ? q.onConflict((oc) =>
            oc
              .columns(['kind', 'owner_code', 'number'])
              .doUpdateSet({ doc_key: input.docKey, first_seen_at: input.at })
              .where('ceb_doc_numbers.first_seen_at', '<', before),
          )
        : q.onConflict((oc) => oc.columns(['kind', 'owner_code', 'number']).doNothing())
      )
        .returning('kind')
        .execute();
      return result.length === 1;
    },
  };
}
