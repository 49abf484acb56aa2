import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { DeclarationStatus } from '../../db/schema-procurement';
import { districtRecords } from './reach.repository';

export type DeclarationRow = Database['procurement_declarations'];
export type DeclarationItemRow = Database['procurement_declaration_items'];
export type DeclarationPartyRow = Database['procurement_declaration_parties'];
export type DeclarationEventRow = Omit<Database['procurement_declaration_events'], 'id'>;

/** Declarations, their items, parties and clearance history; the trace queries. */
export function createDeclarationsRepository(db: Kysely<Database>) {
  const district = districtRecords(db);
  return {
    /** Next platform declaration number: `1039` + China date + 8-digit sequence. */
    async nextDeclarationNumbers(count: number, chinaDate: string): Promise<string[]> {
      const rows = await sql<{ n: number }>`
        select nextval('procurement_declaration_seq')::int8 as n from generate_series(1, ${count})`.execute(
        db,
      );
      const day = chinaDate.replaceAll('-', '');
      return rows.rows.map((r) => `1039${day}${String(r.n).padStart(8, '0')}`);
    },

    async insertDeclarations(input: {
      declarations: readonly DeclarationRow[];
      items: readonly DeclarationItemRow[];
      parties: readonly DeclarationPartyRow[];
      events: readonly DeclarationEventRow[];
    }): Promise<void> {
      if (input.declarations.length === 0) return;
      await db
        .insertInto('procurement_declarations')
        .values([...input.declarations])
        .execute();
      await db
        .insertInto('procurement_declaration_items')
        .values([...input.items])
        .execute();
      await db
        .insertInto('procurement_declaration_parties')
        .values([...input.parties])
        .onConflict((oc) => oc.doNothing())
        .execute();
      await db
        .insertInto('procurement_declaration_events')
        .values([...input.events])
        .execute();
    },

    async getDeclaration(id: string): Promise<DeclarationRow | undefined> {
      return db.selectFrom('procurement_declarations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** By the platform number or the customs entry number (both unique, both indexed). */
    async getDeclarationByNumber(number: string): Promise<DeclarationRow | undefined> {
      return db
        .selectFrom('procurement_declarations')
        .selectAll()
        .where((eb) => eb.or([eb('declaration_no', '=', number), eb('customs_entry_no', '=', number)]))
        .executeTakeFirst();
    },

    async getDeclarationForUpdate(id: string): Promise<DeclarationRow | undefined> {
      return db
        .selectFrom('procurement_declarations')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async declarationsOfContainer(containerId: string): Promise<DeclarationRow[]> {
      return db
        .selectFrom('procurement_declarations')
        .selectAll()
        .where('container_id', '=', containerId)
        .orderBy('declaration_no')
        .execute();
    },

    async recordStatus(input: {
      id: string;
      version: number;
      status: DeclarationStatus;
      customsEntryNo: string | null;
      clearedAt: Date | null;
      event: DeclarationEventRow;
    }): Promise<boolean> {
      const result = await db
        .updateTable('procurement_declarations')
        .set({
          status: input.status,
          version: input.version + 1,
          ...(input.customsEntryNo ? { customs_entry_no: input.customsEntryNo } : {}),
          ...(input.clearedAt ? { cleared_at: input.clearedAt } : {}),
        })
        .where('id', '=', input.id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await db.insertInto('procurement_declaration_events').values(input.event).execute();
      return true;
    },

    async itemsOf(declarationIds: readonly string[]): Promise<DeclarationItemRow[]> {
      if (declarationIds.length === 0) return [];
      return db
        .selectFrom('procurement_declaration_items')
        .selectAll()
        .where('declaration_id', 'in', declarationIds)
        .execute();
    },

    async partiesOf(declarationId: string): Promise<DeclarationPartyRow[]> {
      return db
        .selectFrom('procurement_declaration_parties')
        .selectAll()
        .where('declaration_id', '=', declarationId)
        .execute();
    },

    /** Everyone in a declaration with their registry record, in one join on the declaration's key range. */
    async partyRecordsOf(declarationId: string) {
      return db
        .selectFrom('procurement_declaration_parties as dp')
        .innerJoin('parties as p', 'p.id', 'dp.party_id')
        .selectAll('p')
        .select('dp.role')
        .where('dp.declaration_id', '=', declarationId)
        .execute();
    },

    async eventsOf(declarationId: string) {
      return db
        .selectFrom('procurement_declaration_events')
        .selectAll()
        .where('declaration_id', '=', declarationId)
        .orderBy('id')
        .limit(100)
        .execute();
    },

    /** Declarations carrying any of the transactions, with their status. */
    async declarationsOfTransactions(transactionIds: readonly string[]) {
      if (transactionIds.length === 0) return [];
      return db
        .selectFrom('procurement_declaration_items as i')
        .innerJoin('procurement_declarations as d', 'd.id', 'i.declaration_id')
        .select(['i.transaction_id', 'd.id', 'd.declaration_no', 'd.status', 'd.cleared_at'])
        .where('i.transaction_id', 'in', transactionIds)
        .execute();
    },

    /** Whether the party appears in the declaration (for enterprise visibility). */
    async isPartyOf(declarationId: string, partyId: string): Promise<boolean> {
      const row = await db
        .selectFrom('procurement_declaration_parties')
        .select('role')
        .where('party_id', '=', partyId)
        .where('declaration_id', '=', declarationId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** All declarations a party appears in: one range of the (party_id, declaration_id) key. */
    async findDeclarations(input: {
      partyId?: string | undefined;
      status?: DeclarationStatus | undefined;
      /** Only declarations carrying goods bought in a zone of this district. */
      districtCode?: string | undefined;
      offset: number;
      limit: number;
    }) {
      let q = db.selectFrom('procurement_declarations as d');
      const party = input.partyId;
      if (party) {
        q = q.where('d.id', 'in', (eb) =>
          eb
            .selectFrom('procurement_declaration_parties')
            .select('declaration_id')
            .where('party_id', '=', party),
        );
      }
      if (input.status) q = q.where('d.status', '=', input.status);
      if (input.districtCode) q = q.where('d.id', 'in', district.declarations(input.districtCode));
      const [rows, count] = await Promise.all([
        q.selectAll().orderBy('d.id', 'desc').offset(input.offset).limit(input.limit).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /**
     * A page of the declarations a party appears in, newest first, with its roles in each: one
     * backward range scan of the (party_id, declaration_id, role) key, grouped as it streams.
     */
    async declarationsOfParty(
      partyId: string,
      page: { offset: number; limit: number },
      districtCode?: string | undefined,
    ) {
      let range = db.selectFrom('procurement_declaration_parties').where('party_id', '=', partyId);
      if (districtCode) range = range.where('declaration_id', 'in', district.declarations(districtCode));
      const [rows, count] = await Promise.all([
        range
          .select(['declaration_id', sql<string[]>`array_agg(role order by role)`.as('roles')])
          .groupBy('declaration_id')
          .orderBy('declaration_id', 'desc')
          .offset(page.offset)
          .limit(page.limit)
          .execute(),
        range.select(sql<number>`count(distinct declaration_id)`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    async getDeclarations(ids: readonly string[]): Promise<DeclarationRow[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('procurement_declarations').selectAll().where('id', 'in', ids).execute();
    },
  };
}

export type DeclarationsRepository = ReturnType<typeof createDeclarationsRepository>;
