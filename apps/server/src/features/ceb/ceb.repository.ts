import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

export type CebMessageRow = Database['ceb_messages'];
export type CebDocumentRow = Database['ceb_documents'];
export type CebInventoryRow = Database['ceb_inventories'];
export type CebStatusRow = Database['ceb_status_history'];
export type CebReceiptRow = Database['ceb_receipts'];
export type CebUsageEntryRow = Database['ceb_buyer_usage_entries'];
export type CebPositiveListRow = Database['ceb_positive_list'];
export type CebTaxRateRow = Database['ceb_tax_rates'];
export type CebBondedMovementRow = Database['ceb_bonded_movements'];
export type CebNumberRow = Database['ceb_doc_numbers'];

/** Keys per read-ahead statement (they travel as one array parameter). */
const READ_CHUNK_KEYS = 5_000;

/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters; documents have 20 columns). */
const INSERT_CHUNK_ROWS = 500;
/** Namespace of the advisory locks that serialise the matching of one order's set. */
const SET_LOCK_NAMESPACE = 7_301_003;
/** Namespace of the advisory locks that serialise the changes of one buyer's annual usage. */
const BUYER_LOCK_NAMESPACE = 7_301_004;

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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createCebRepository(db: Kysely<Database>) {
  return {
    /**
     * Serialises set matching per order number: every message touching an order's set (order,
     * payment, waybill, inventory all carry orderNo) takes these locks first, in sorted order, so
     * concurrent batches never miss each other's documents and never deadlock on them.
     */
    async lockSets(orderNos: readonly string[]): Promise<void> {
      const sorted = [...new Set(orderNos)].sort();
      if (sorted.length === 0) return;
      await sql`select pg_advisory_xact_lock(${SET_LOCK_NAMESPACE}, k) from (
        select distinct hashtext(n) as k from unnest(${sorted}::text[]) as n order by 1) as keys`.execute(db);
    },

    /**
     * Serialises changes of these buyers' annual usage: a batch takes them (sorted, after its set
     * locks), reads the usage, decides in memory and writes the net change at flush.
     */
    async lockBuyers(buyerHashes: readonly string[]): Promise<void> {
      const sorted = [...new Set(buyerHashes)].sort();
      if (sorted.length === 0) return;
      await sql`select pg_advisory_xact_lock(${BUYER_LOCK_NAMESPACE}, k) from (
        select distinct hashtext(n) as k from unnest(${sorted}::text[]) as n order by 1) as keys`.execute(db);
    },

    async getUsages(
      keys: readonly { buyerHash: string; year: number }[],
    ): Promise<{ buyer_hash: string; year: number; used: string }[]> {
      if (keys.length === 0) return [];
      const result = await sql<{ buyer_hash: string; year: number; used: string }>`
        select u.buyer_hash, u.year, u.used from ceb_buyer_usage u
        join unnest(${keys.map((k) => k.buyerHash)}::text[], ${keys.map((k) => k.year)}::int4[]) as k(buyer_hash, year)
        using (buyer_hash, year)`.execute(db);
      return result.rows.map((r) => ({ ...r, year: Number(r.year), used: String(r.used) }));
    },

    /** Applies net changes of annual usage (one per buyer and year; taken under the buyer locks). */
    async applyUsage(changes: readonly { buyerHash: string; year: number; delta: string }[]): Promise<void> {
      const cols = (part: typeof changes) =>
        sql`unnest(${part.map((c) => c.buyerHash)}::text[], ${part.map((c) => c.year)}::int4[],
          ${part.map((c) => c.delta)}::numeric[]) as t(b, y, d)`;
      const up = changes.filter((c) => !c.delta.startsWith('-'));
      const down = changes.filter((c) => c.delta.startsWith('-'));
      for (const part of chunks(up, READ_CHUNK_KEYS)) {
        await sql`insert into ceb_buyer_usage as u (buyer_hash, year, used)
          select b, y, d from ${cols(part)}
          on conflict (buyer_hash, year) do update set used = u.used + excluded.used`.execute(db);
      }
      for (const part of chunks(down, READ_CHUNK_KEYS)) {
        await sql`update ceb_buyer_usage u set used = greatest(u.used + t.d, 0) from ${cols(part)}
          where u.buyer_hash = t.b and u.year = t.y`.execute(db);
      }
    },

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

    async insertMessages(rows: readonly CebMessageRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_messages').values(part).execute();
    },

    async insertDocuments(rows: readonly CebDocumentRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_documents').values(part).execute();
    },

    /** Latest version of each of these documents (absent keys have none), in one statement per chunk. */
    async latestDocuments(docKeys: readonly string[]): Promise<CebDocumentRow[]> {
      const out: CebDocumentRow[] = [];
      for (const part of chunks([...new Set(docKeys)], READ_CHUNK_KEYS)) {
        const rows = await db
          .selectFrom('ceb_documents')
          .selectAll()
          .distinctOn('doc_key')
          .where(sql<boolean>`doc_key = any(${part}::text[])`)
          .orderBy('doc_key')
          .orderBy('version', 'desc')
          .execute();
        out.push(...rows);
      }
      return out;
    },

    /** Latest version of every document of a kind naming one of these orders. */
    async latestByOrders(kind: string, orderNos: readonly string[]): Promise<CebDocumentRow[]> {
      const out: CebDocumentRow[] = [];
      for (const part of chunks([...new Set(orderNos)], READ_CHUNK_KEYS)) {
        const rows = await db
          .selectFrom('ceb_documents')
          .selectAll()
          .distinctOn('doc_key')
          .where('kind', '=', kind)
          .where(sql<boolean>`order_no = any(${part}::text[])`)
          .orderBy('doc_key')
          .orderBy('version', 'desc')
          .execute();
        out.push(...rows);
      }
      return out;
    },

    async inventoriesForOrders(orderNos: readonly string[]): Promise<CebInventoryRow[]> {
      const out: CebInventoryRow[] = [];
      for (const part of chunks([...new Set(orderNos)], READ_CHUNK_KEYS)) {
        out.push(
          ...(await db
            .selectFrom('ceb_inventories')
            .selectAll()
            .where(sql<boolean>`order_no = any(${part}::text[])`)
            .execute()),
        );
      }
      return out;
    },

    /** The claimed numbers among these (kind, owner, number) triples. */
    async findNumbers(
      claims: readonly { kind: string; ownerCode: string; number: string }[],
    ): Promise<CebNumberRow[]> {
      const out: CebNumberRow[] = [];
      for (const part of chunks(claims, READ_CHUNK_KEYS)) {
        const result = await sql<CebNumberRow>`select n.* from ceb_doc_numbers n
          join unnest(${part.map((c) => c.kind)}::text[], ${part.map((c) => c.ownerCode)}::text[],
            ${part.map((c) => c.number)}::text[]) as k(kind, owner_code, number)
          using (kind, owner_code, number)`.execute(db);
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

    async insertInventories(rows: readonly CebInventoryRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_inventories').values(part).execute();
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

    async insertReceipts(rows: readonly CebReceiptRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_receipts').values(part).execute();
    },

    async receiptsFor(docKeys: readonly string[], messageIds: readonly string[]): Promise<CebReceiptRow[]> {
      if (docKeys.length === 0 && messageIds.length === 0) return [];
      return db
        .selectFrom('ceb_receipts')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(docKeys.length ? [eb('doc_key', 'in', [...docKeys])] : []),
            ...(messageIds.length ? [eb('message_id', 'in', [...messageIds])] : []),
          ]),
        )
        .orderBy('id')
        .execute();
    },

    /** Receipts after `afterId` (ids are time-ordered), for one recipient code or all. */
    async findReceipts(input: { afterId: string; recipientCode?: string | undefined; limit: number }) {
      let q = db.selectFrom('ceb_receipts').selectAll().where('id', '>', input.afterId);
      if (input.recipientCode !== undefined)
        q = q.where(sql<boolean>`recipient_codes @> array[${input.recipientCode}]::text[]`);
      return q.orderBy('id').limit(input.limit).execute();
    },

    async insertUsageEntries(rows: readonly CebUsageEntryRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_buyer_usage_entries').values(part).execute();
    },

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

export type CebRepository = ReturnType<typeof createCebRepository>;
