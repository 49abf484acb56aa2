import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { districtRecords } from './reach.repository';

export type FxCollectionRow = Database['procurement_fx_collections'];
export type VatFilingRow = Database['procurement_vat_filings'];

/** FX collections and VAT-exemption filings. */
export function createSettlementRepository(db: Kysely<Database>) {
  return {
    /**
     * Inserts a collection; a concurrent or repeated use of the same transaction or bank credit is
     * refused by the unique indexes and comes back as which one.
     */
    async insertFx(row: FxCollectionRow): Promise<'ok' | 'transaction' | 'bank_reference'> {
      try {
        await db.insertInto('procurement_fx_collections').values(row).execute();
        return 'ok';
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string };
        if (code === '23505' && constraint === 'procurement_fx_collections_tx_key') return 'transaction';
        if (code === '23505' && constraint === 'procurement_fx_collections_bank_key') return 'bank_reference';
        throw error;
      }
    },

    async fxOfTransaction(transactionId: string): Promise<FxCollectionRow | undefined> {
      return db
        .selectFrom('procurement_fx_collections')
        .selectAll()
        .where('transaction_id', '=', transactionId)
        .executeTakeFirst();
    },

    async fxByBankReference(reference: string): Promise<FxCollectionRow | undefined> {
      return db
        .selectFrom('procurement_fx_collections')
        .selectAll()
        .where('bank_reference', '=', reference)
        .executeTakeFirst();
    },

    async fxOfDeclarations(declarationIds: readonly string[]): Promise<FxCollectionRow[]> {
      if (declarationIds.length === 0) return [];
      return db
        .selectFrom('procurement_fx_collections')
        .selectAll()
        .where('declaration_id', 'in', declarationIds)
        .orderBy('id')
        .execute();
    },

    /**
     * Transactions of declarations cleared in [from, to) that have collected FX and are in no
     * filing yet, with their supplier and amount: the material of the period's filings.
     */
    /** `districtCode`: only transactions registered in a zone of that district. */
    async vatCandidates(from: Date, to: Date, limit: number, districtCode?: string | undefined) {
      let q = db
        .selectFrom('procurement_transactions as t')
        .innerJoin('procurement_transaction_events as e', (join) =>
          join.onRef('e.transaction_id', '=', 't.id').on('e.to_status', '=', 'cleared'),
        )
        .leftJoin('procurement_vat_filing_items as v', 'v.transaction_id', 't.id')
        .select(['t.id', 't.supplier_id', 't.currency', 't.total_amount', 't.trade_date'])
        .where('t.status', '=', 'fx_collected')
        .where('e.at', '>=', from)
        .where('e.at', '<', to)
        .where('v.transaction_id', 'is', null);
      if (districtCode) q = q.where('t.id', 'in', districtRecords(db).transactions(districtCode));
      return q.orderBy('t.supplier_id').orderBy('t.id').limit(limit).execute();
    },

    async insertVatFiling(row: VatFilingRow, transactionIds: readonly string[]): Promise<void> {
      await db.insertInto('procurement_vat_filings').values(row).execute();
      await db
        .insertInto('procurement_vat_filing_items')
        .values(transactionIds.map((transaction_id) => ({ filing_id: row.id, transaction_id })))
        .execute();
    },

    async getVatFiling(id: string): Promise<VatFilingRow | undefined> {
      return db.selectFrom('procurement_vat_filings').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async getVatFilingFor(supplierId: string, period: string): Promise<VatFilingRow | undefined> {
      return db
        .selectFrom('procurement_vat_filings')
        .selectAll()
        .where('supplier_id', '=', supplierId)
        .where('period', '=', period)
        .executeTakeFirst();
    },

    async vatFilingTransactions(filingId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('procurement_vat_filing_items')
        .select('transaction_id')
        .where('filing_id', '=', filingId)
        .execute();
      return rows.map((r) => r.transaction_id);
    },

    async markVatDeclared(input: { id: string; version: number; at: Date; by: string }): Promise<boolean> {
      const result = await db
        .updateTable('procurement_vat_filings')
        .set({ status: 'declared', declared_at: input.at, declared_by: input.by, version: input.version + 1 })
        .where('id', '=', input.id)
        .where('version', '=', input.version)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    fxSummary: (input: Parameters<typeof fxSummary>[1]) => fxSummary(db, input),

    async findVatFilings(input: {
      supplierId?: string | undefined;
      period?: string | undefined;
      /** Only filings for goods bought in a zone of this district. */
      districtCode?: string | undefined;
      offset: number;
      limit: number;
    }) {
      let q = db.selectFrom('procurement_vat_filings');
      if (input.supplierId) q = q.where('supplier_id', '=', input.supplierId);
      if (input.period) q = q.where('period', '=', input.period);
      if (input.districtCode) q = q.where('id', 'in', districtRecords(db).vatFilings(input.districtCode));
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('period', 'desc')
          .orderBy('id')
          .offset(input.offset)
          .limit(input.limit)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },
  };
}

export type SettlementRepository = ReturnType<typeof createSettlementRepository>;

/** Declared value, collected FX and clearance time per declaration (of a party, or the given ids). */
export async function fxSummary(
  db: Kysely<Database>,
  input: {
    partyId?: string | undefined;
    declarationIds?: readonly string[] | undefined;
    /** Only declarations carrying goods bought in a zone of this district. */
    districtCode?: string | undefined;
    limit: number;
  },
) {
  let q = db
    .selectFrom('procurement_declarations as d')
    .leftJoin('procurement_fx_collections as f', 'f.declaration_id', 'd.id')
    .select((eb) => [
      'd.id',
      'd.declaration_no',
      'd.total_value_usd',
      'd.cleared_at',
      'd.status',
      sql<string>`coalesce(sum(f.amount_usd), 0)::text`.as('collected_usd'),
      eb.fn.coalesce(eb.fn.max(sql<number>`f.over_collected::int`), sql<number>`0`).as('over_collected'),
      eb.fn.count<number>('f.id').as('collections'),
    ])
    .groupBy('d.id')
    .orderBy('d.id')
    .limit(input.limit);
  const party = input.partyId;
  if (party) {
    q = q.where('d.id', 'in', (eb) =>
      eb.selectFrom('procurement_declaration_parties').select('declaration_id').where('party_id', '=', party),
    );
  }
  if (input.districtCode) q = q.where('d.id', 'in', districtRecords(db).declarations(input.districtCode));
  if (input.declarationIds)
    q = q.where('d.id', 'in', input.declarationIds.length ? [...input.declarationIds] : ['-']);
  return q.execute();
}
