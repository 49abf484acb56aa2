import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, PartiesTable } from '../../db/schema';
import type { AccessScope } from '../../lib/actor';
import { createPartyHistoryRepository } from './party-history.repository';
import { createRecognitionsRepository } from './recognitions.repository';
import { createZonesRepository } from './zones.repository';

export type { HistoryRecord } from './party-history.repository';
export type { ZoneRow } from './zones.repository';

export type PartyRow = PartiesTable;

export interface PartySearch {
  readonly name?: string | undefined;
  readonly nameHash?: string | undefined;
  readonly identifier?: string | undefined;
  /** The identifier as typed, compared with party ids (which are case-sensitive). */
  readonly partyId?: string | undefined;
  readonly identifierHashes?: readonly string[] | undefined;
  readonly kind?: string | undefined;
  readonly status?: string | undefined;
  readonly recognition?: string | undefined;
  readonly zoneId?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

type PartyQuery = SelectQueryBuilder<Database, 'parties', object>;

/** The unique index behind each identifier, and the input field it guards. */
const IDENTIFIER_INDEXES: Record<string, string> = {
  parties_kind_usci_key: 'usci',
  parties_kind_customs_code_key: 'customsCode',
  parties_kind_resident_id_key: 'residentId',
  parties_kind_passport_key: 'passport',
};

const IDENTIFIER_COLUMNS = [
  ['usci', 'usci'],
  ['customsCode', 'customs_code'],
  ['residentId', 'resident_id_hash'],
  ['passport', 'passport_hash'],
] as const;

export type IdentifierField = (typeof IDENTIFIER_COLUMNS)[number][0];

/** Restricts a parties query to what the scope may read. */
function inScope(query: PartyQuery, scope: AccessScope): PartyQuery {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'district':
      return query.where('parties.district_code', '=', scope.districtCode);
    case 'enterprise':
      return query.where((eb) =>
        eb.or([
          eb('parties.filed_by_org_id', '=', scope.orgId),
          ...(scope.partyId ? [eb('parties.id', '=', scope.partyId)] : []),
        ]),
      );
    case 'public':
      return query.where(sql<boolean>`false`);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Parties, with their history, recognitions and the zones they are in, bound to one executor and
 * offered to use-cases as one surface (`repos.parties.…`).
 */
export function createPartiesRepository(db: Kysely<Database>) {
  return {
    /** Must run inside a transaction; held until it commits or rolls back. */
    /**
     * Inserts a party. When a concurrent filing committed the same identifier first, the unique
     * index refuses it: that comes back as the duplicated field instead of an error.
     */
    async insertParty(row: PartyRow): Promise<{ duplicateField: string } | undefined> {
      try {
        await db.insertInto('parties').values(row).execute();
        return undefined;
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string };
        const field = code === '23505' && constraint ? IDENTIFIER_INDEXES[constraint] : undefined;
        if (field) return { duplicateField: field };
        throw error;
      }
    },

    async getParty(id: string, scope: AccessScope): Promise<PartyRow | undefined> {
      return inScope(db.selectFrom('parties'), scope).selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Reads and locks the row for a state change. */
    async getPartyForUpdate(id: string, scope: AccessScope): Promise<PartyRow | undefined> {
      return inScope(db.selectFrom('parties'), scope)
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async updateParty(id: string, version: number, changes: Partial<PartyRow>): Promise<boolean> {
      const result = await db
        .updateTable('parties')
        .set({ ...changes, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** The id of an existing party of this kind with the same identifier, if any. */
    /**
     * An existing party of this kind with one of the same identifiers (resident ID and passport by
     * their keyed hash), in one query; `field` names the identifier that matched.
     */
    async findDuplicate(kind: string, identifiers: Record<IdentifierField, string | null>) {
      const given = IDENTIFIER_COLUMNS.filter(([field]) => identifiers[field] !== null);
      if (given.length === 0) return undefined;
      const row = await db
        .selectFrom('parties')
        .select(['id', 'usci', 'customs_code', 'resident_id_hash', 'passport_hash'])
        .where('kind', '=', kind)
        .where((eb) => eb.or(given.map(([field, column]) => eb(column, '=', identifiers[field]))))
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      const match = given.find(([field, column]) => row[column] === identifiers[field]);
      return { id: row.id, field: match?.[0] ?? 'identifier' };
    },

    async findParties(search: PartySearch, scope: AccessScope): Promise<{ rows: PartyRow[]; total: number }> {
      let q = inScope(db.selectFrom('parties'), scope);
      if (search.kind) q = q.where('kind', '=', search.kind);
      if (search.status) q = q.where('status', '=', search.status as PartyRow['status']);
      if (search.recognition)
        q = q.where('recognition', '=', search.recognition as PartyRow['recognition'] & string);
      if (search.zoneId) q = q.where('zone_id', '=', search.zoneId);
      if (search.name) {
        const pattern = `%${escapeLike(search.name)}%`;
        const nameHash = search.nameHash;
        q = q.where((eb) =>
          eb.or([eb('name', 'ilike', pattern), ...(nameHash ? [eb('name_hash', '=', nameHash)] : [])]),
        );
      }
      if (search.identifier) {
        const id = search.identifier;
        const partyId = search.partyId ?? id;
        const hashes = search.identifierHashes ?? [];
        q = q.where((eb) =>
          eb.or([
            eb('usci', '=', id),
            eb('customs_code', '=', id),
            eb('id', '=', partyId),
            ...(hashes.length
              ? [eb('resident_id_hash', 'in', hashes), eb('passport_hash', 'in', hashes)]
              : []),
          ]),
        );
      }
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .offset(search.offset)
          .limit(search.limit)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /** Parties registered under any of these customs codes (all kinds, all statuses). */
    async findByCustomsCodes(codes: readonly string[]): Promise<PartyRow[]> {
      if (codes.length === 0) return [];
      return db
        .selectFrom('parties')
        .selectAll()
        .where('customs_code', 'in', [...codes])
        .execute();
    },

    ...createPartyHistoryRepository(db),
    ...createRecognitionsRepository(db),
    ...createZonesRepository(db),
  };
}

export type PartiesRepository = ReturnType<typeof createPartiesRepository>;
