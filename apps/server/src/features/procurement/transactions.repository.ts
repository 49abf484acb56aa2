import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { TransactionStatus } from '../../db/schema-procurement';
import { districtRecords } from './reach.repository';

export type TransactionRow = Database['procurement_transactions'];
export type TransactionLineRow = Omit<Database['procurement_transaction_lines'], 'packed_quantity'>;
export type ContainerRow = Database['procurement_containers'];
export type PackingLineRow = Database['procurement_packing_lines'];

/** A transaction line with its product, as shown and as packed. */
export interface LineDetail extends TransactionLineRow {
  readonly packed_quantity: string;
  readonly product_name: string;
  readonly hs_code: string;
  readonly unit: string;
  readonly manufacturer_id: string | null;
}

/** Who may read transactions: everyone, or only those a party is supplier, operator or purchaser of. */
export type TransactionFilter = {
  readonly partyId?: string | undefined;
  readonly status?: TransactionStatus | undefined;
  readonly supplierId?: string | undefined;
  readonly operatorId?: string | undefined;
  /** Only transactions registered in a market cluster zone of this district. */
  readonly districtCode?: string | undefined;
  readonly offset: number;
  readonly limit: number;
};

export function createTransactionsRepository(db: Kysely<Database>) {
  const district = districtRecords(db);
  const lineDetails = () =>
    db
      .selectFrom('procurement_transaction_lines as l')
      .innerJoin('procurement_products as p', 'p.id', 'l.product_id')
      .select([
        'l.id',
        'l.transaction_id',
        'l.line_no',
        'l.product_id',
        'l.quantity',
        'l.unit_price',
        'l.amount',
        'l.packed_quantity',
        'p.name as product_name',
        'p.hs_code',
        'p.unit',
        'p.manufacturer_id',
      ]);

  return {
    async insertTransaction(row: TransactionRow, lines: readonly TransactionLineRow[]): Promise<void> {
      await db.insertInto('procurement_transactions').values(row).execute();
      await db
        .insertInto('procurement_transaction_lines')
        .values([...lines])
        .execute();
    },

    /** Many transactions at once (demo and bulk paths): one statement per table. */
    async insertTransactions(rows: readonly TransactionRow[], lines: readonly TransactionLineRow[]) {
      if (rows.length === 0) return;
      await db
        .insertInto('procurement_transactions')
        .values([...rows])
        .execute();
      await db
        .insertInto('procurement_transaction_lines')
        .values([...lines])
        .execute();
    },

    async insertEvents(rows: readonly Omit<Database['procurement_transaction_events'], 'id'>[]) {
      if (rows.length === 0) return;
      await db
        .insertInto('procurement_transaction_events')
        .values([...rows])
        .execute();
    },

    async getTransaction(id: string): Promise<TransactionRow | undefined> {
      return db.selectFrom('procurement_transactions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async getTransactions(ids: readonly string[]): Promise<TransactionRow[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('procurement_transactions').selectAll().where('id', 'in', ids).execute();
    },

    async linesOf(transactionIds: readonly string[]): Promise<LineDetail[]> {
      if (transactionIds.length === 0) return [];
      return lineDetails()
        .where('l.transaction_id', 'in', transactionIds)
        .orderBy('l.transaction_id')
        .orderBy('l.line_no')
        .execute();
    },

    async linesById(lineIds: readonly string[]): Promise<LineDetail[]> {
      if (lineIds.length === 0) return [];
      return lineDetails().where('l.id', 'in', lineIds).execute();
    },

    async eventsOf(transactionId: string) {
      return db
        .selectFrom('procurement_transaction_events')
        .selectAll()
        .where('transaction_id', '=', transactionId)
        .orderBy('id')
        .limit(100)
        .execute();
    },

    async findTransactions(filter: TransactionFilter) {
      let q = db.selectFrom('procurement_transactions');
      const party = filter.partyId;
      if (party) {
        q = q.where((eb) =>
          eb.or([
            eb('supplier_id', '=', party),
            eb('operator_id', '=', party),
            eb('purchaser_id', '=', party),
          ]),
        );
      }
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.supplierId) q = q.where('supplier_id', '=', filter.supplierId);
      if (filter.operatorId) q = q.where('operator_id', '=', filter.operatorId);
      if (filter.districtCode) q = q.where('id', 'in', district.transactions(filter.districtCode));
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('registered_at', 'desc')
          .orderBy('id', 'desc')
          .offset(filter.offset)
          .limit(filter.limit)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /**
     * Adds `quantity` to a line's packed quantity only if it stays within the line's quantity.
     * The UPDATE takes the row lock, so concurrent packers of the same line are serialised and the
     * second sees the first's quantity (exact under concurrency); the CHECK constraint backs it up.
     */
    async addPacked(lineId: string, quantity: string): Promise<boolean> {
      const result = await db
        .updateTable('procurement_transaction_lines')
        .set({ packed_quantity: sql`packed_quantity + ${quantity}::numeric` })
        .where('id', '=', lineId)
        .where(sql<boolean>`packed_quantity + ${quantity}::numeric <= quantity`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async insertContainer(row: ContainerRow, lines: readonly PackingLineRow[]): Promise<boolean> {
      const inserted = await db
        .insertInto('procurement_containers')
        .values(row)
        .onConflict((oc) => oc.column('container_no').where('status', '=', 'packed').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      if (lines.length > 0)
        await db
          .insertInto('procurement_packing_lines')
          .values([...lines])
          .execute();
      return true;
    },

    async getContainer(id: string): Promise<ContainerRow | undefined> {
      return db.selectFrom('procurement_containers').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async getContainerForUpdate(id: string): Promise<ContainerRow | undefined> {
      return db
        .selectFrom('procurement_containers')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async findContainers(input: {
      operatorId?: string | undefined;
      districtCode?: string | undefined;
      offset: number;
      limit: number;
    }) {
      let q = db.selectFrom('procurement_containers');
      if (input.operatorId) q = q.where('operator_id', '=', input.operatorId);
      if (input.districtCode) q = q.where('id', 'in', district.containers(input.districtCode));
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

    async packingLinesOf(containerIds: readonly string[]): Promise<PackingLineRow[]> {
      if (containerIds.length === 0) return [];
      return db
        .selectFrom('procurement_packing_lines')
        .selectAll()
        .where('container_id', 'in', containerIds)
        .orderBy('id')
        .execute();
    },

    async markContainerDeclared(id: string): Promise<void> {
      await db
        .updateTable('procurement_containers')
        .set({ status: 'declared' })
        .where('id', '=', id)
        .execute();
    },

    /** Of `ids`, the transactions whose every line is fully packed. */
    async fullyPacked(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const open = await db
        .selectFrom('procurement_transaction_lines')
        .select('transaction_id')
        .distinct()
        .where('transaction_id', 'in', ids)
        .whereRef('packed_quantity', '<', 'quantity')
        .execute();
      const notDone = new Set(open.map((r) => r.transaction_id));
      return ids.filter((id) => !notDone.has(id));
    },

    /** Of `ids`, the transactions none of whose goods wait in a container not yet declared. */
    async allContainersDeclared(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const open = await db
        .selectFrom('procurement_packing_lines as pl')
        .innerJoin('procurement_containers as c', 'c.id', 'pl.container_id')
        .select('pl.transaction_id')
        .distinct()
        .where('pl.transaction_id', 'in', ids)
        .where('c.status', '=', 'packed')
        .execute();
      const notDone = new Set(open.map((r) => r.transaction_id));
      return ids.filter((id) => !notDone.has(id));
    },

    /** Moves `ids` from `from` to `to` (only those still at `from`); returns the ids moved. */
    async advance(ids: readonly string[], from: TransactionStatus, to: TransactionStatus): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .updateTable('procurement_transactions')
        .set({ status: to, version: sql`version + 1` })
        .where('id', 'in', ids)
        .where('status', '=', from)
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    /** Claims an idempotency key (held by a transaction-scoped lock) and returns an earlier use, if any. */
    async claimIdempotencyKey(orgId: string, key: string) {
      await sql`select pg_advisory_xact_lock(hashtext(${`idempotency:${orgId}:${key}`}))`.execute(db);
      return db
        .selectFrom('procurement_idempotency_keys')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
    },

    async saveIdempotencyKey(row: Database['procurement_idempotency_keys']): Promise<void> {
      await db.insertInto('procurement_idempotency_keys').values(row).execute();
    },

    /** Locks the transactions (in id order, so concurrent lockers never deadlock). */
    async lockTransactions(ids: readonly string[]): Promise<TransactionRow[]> {
      if (ids.length === 0) return [];
      return db
        .selectFrom('procurement_transactions')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('id')
        .forUpdate()
        .execute();
    },
  };
}

export type TransactionsRepository = ReturnType<typeof createTransactionsRepository>;
