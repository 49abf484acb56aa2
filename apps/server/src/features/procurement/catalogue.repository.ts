import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { HsRuleKind } from '../../db/schema-procurement';

export type ProductRow = Database['procurement_products'];
export type PurchaserFileRow = Database['procurement_purchaser_files'];
export type AttachmentRow = Database['procurement_attachments'];

export interface HsRuleEntry {
  readonly hsPrefix: string;
  readonly rule: HsRuleKind;
  readonly reason: string;
  readonly at: Date;
}

export interface RateRow {
  readonly currency: string;
  readonly effectiveFrom: string;
  readonly rate: string;
  readonly rateUnit: 1 | 100;
}

/** Products, purchaser files, the bad-purchaser list, attachments and reference data (rates, HS rules). */
export function createCatalogueRepository(db: Kysely<Database>) {
  return {
    async insertProduct(row: ProductRow): Promise<void> {
      await db.insertInto('procurement_products').values(row).execute();
    },

    async getProduct(id: string): Promise<ProductRow | undefined> {
      return db.selectFrom('procurement_products').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async getProducts(ids: readonly string[]): Promise<ProductRow[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('procurement_products').selectAll().where('id', 'in', ids).execute();
    },

    async findProducts(input: { supplierId?: string | undefined; offset: number; limit: number }) {
      let q = db.selectFrom('procurement_products');
      if (input.supplierId) q = q.where('supplier_id', '=', input.supplierId);
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .offset(input.offset)
          .limit(input.limit)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /** The parties a page of procurement records names, in one query (list responses show names). */
    async partiesByIds(ids: readonly string[]): Promise<Database['parties'][]> {
      if (ids.length === 0) return [];
      return db.selectFrom('parties').selectAll().where('id', 'in', ids).execute();
    },

    async insertAttachments(rows: readonly AttachmentRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('procurement_attachments')
        .values([...rows])
        .execute();
    },

    async findAttachments(ownerType: string, ownerId: string) {
      return db
        .selectFrom('procurement_attachments')
        .select(['id', 'file_name', 'media_type', 'sha256', 'size_bytes', 'created_at'])
        .where('owner_type', '=', ownerType)
        .where('owner_id', '=', ownerId)
        .orderBy('id')
        .limit(100)
        .execute();
    },

    /** Inserts a purchaser file; false when the operator already keeps one for this purchaser. */
    async insertPurchaserFile(row: PurchaserFileRow): Promise<boolean> {
      const result = await db
        .insertInto('procurement_purchaser_files')
        .values(row)
        .onConflict((oc) => oc.columns(['operator_id', 'purchaser_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async getPurchaserFile(operatorId: string, purchaserId: string): Promise<PurchaserFileRow | undefined> {
      return db
        .selectFrom('procurement_purchaser_files')
        .selectAll()
        .where('operator_id', '=', operatorId)
        .where('purchaser_id', '=', purchaserId)
        .executeTakeFirst();
    },

    async findPurchaserFiles(input: { operatorId?: string | undefined; offset: number; limit: number }) {
      let q = db.selectFrom('procurement_purchaser_files');
      if (input.operatorId) q = q.where('operator_id', '=', input.operatorId);
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .offset(input.offset)
          .limit(input.limit)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /** Serialises list changes for one purchaser (held to the end of the transaction). */
    async lockPurchaserListing(purchaserId: string): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext(${`bad-purchaser:${purchaserId}`}))`.execute(db);
    },

    async isBadPurchaser(purchaserId: string): Promise<boolean> {
      const last = await db
        .selectFrom('procurement_bad_purchasers')
        .select('action')
        .where('purchaser_id', '=', purchaserId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return last?.action === 'add';
    },

    async appendBadPurchaser(row: Omit<Database['procurement_bad_purchasers'], 'id'>): Promise<void> {
      await db.insertInto('procurement_bad_purchasers').values(row).execute();
    },

    /** The purchasers currently listed, with the entry that listed them. */
    async findBadPurchasers(input: { offset: number; limit: number }) {
      const latest = db
        .selectFrom('procurement_bad_purchasers')
        .distinctOn('purchaser_id')
        .selectAll()
        .orderBy('purchaser_id')
        .orderBy('id', 'desc')
        .as('latest');
      const listed = db.selectFrom(latest).where('action', '=', 'add');
      const [rows, count] = await Promise.all([
        listed.selectAll().orderBy('at', 'desc').offset(input.offset).limit(input.limit).execute(),
        listed.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    async appendHsRule(row: Omit<Database['procurement_hs_rules'], 'id'>): Promise<void> {
      await db.insertInto('procurement_hs_rules').values(row).execute();
    },

    async lockHsRules(): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext('procurement-hs-rules'))`.execute(db);
    },

    /** Rules in force (latest entry per prefix and rule is an addition). Small reference table. */
    async activeHsRules(): Promise<HsRuleEntry[]> {
      const latest = db
        .selectFrom('procurement_hs_rules')
        .distinctOn(['hs_prefix', 'rule'])
        .selectAll()
        .orderBy('hs_prefix')
        .orderBy('rule')
        .orderBy('id', 'desc')
        .as('latest');
      const rows = await db
        .selectFrom(latest)
        .selectAll()
        .where('action', '=', 'add')
        .limit(10_000)
        .execute();
      return rows.map((r) => ({ hsPrefix: r.hs_prefix, rule: r.rule, reason: r.reason, at: r.at }));
    },

    async appendRate(row: Omit<Database['procurement_exchange_rates'], 'id'>): Promise<void> {
      await db.insertInto('procurement_exchange_rates').values(row).execute();
    },

    /** The rate in force on `date`: the latest recorded row of the latest effective_from ≤ date. */
    async rateOn(currency: string, date: string): Promise<RateRow | undefined> {
      const row = await db
        .selectFrom('procurement_exchange_rates')
        .selectAll()
        .where('currency', '=', currency)
        .where('effective_from', '<=', date)
        .orderBy('effective_from', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toRate(row);
    },

    async findRates(input: { currency?: string | undefined; limit: number }): Promise<RateRow[]> {
      let q = db.selectFrom('procurement_exchange_rates').selectAll();
      if (input.currency) q = q.where('currency', '=', input.currency);
      const rows = await q
        .orderBy('effective_from', 'desc')
        .orderBy('id', 'desc')
        .limit(input.limit)
        .execute();
      return rows.map(toRate);
    },

    async countRates(): Promise<number> {
      const row = await db
        .selectFrom('procurement_exchange_rates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

function toRate(row: Selectable<Database['procurement_exchange_rates']>): RateRow {
  return {
    currency: row.currency,
    effectiveFrom: row.effective_from,
    rate: row.rate,
    rateUnit: row.rate_unit === 100 ? 100 : 1,
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
