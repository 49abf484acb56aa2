import { assertNever } from '@kouan/domain/assert';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * The market procurement records within a district regulator's reach: those whose goods were
 * bought in a market cluster zone of the district (the zone of the transaction, as registered).
 * A declaration, container or VAT filing is in the district when any of its transactions is, so a
 * container mixing two districts' goods is visible to both. Each builder yields a subquery of ids.
 */
export function districtRecords(db: Kysely<Database>) {
  const transactions = (districtCode: string) =>
    db
      .selectFrom('procurement_transactions as rt')
      .innerJoin('market_zones as rz', 'rz.id', 'rt.zone_id')
      .select('rt.id')
      .where('rz.district_code', '=', districtCode);
  return {
    transactions,
    declarations: (districtCode: string) =>
      db
        .selectFrom('procurement_declaration_items as ri')
        .select('ri.declaration_id')
        .where('ri.transaction_id', 'in', transactions(districtCode)),
    containers: (districtCode: string) =>
      db
        .selectFrom('procurement_packing_lines as rp')
        .select('rp.container_id')
        .where('rp.transaction_id', 'in', transactions(districtCode)),
    vatFilings: (districtCode: string) =>
      db
        .selectFrom('procurement_vat_filing_items as rv')
        .select('rv.filing_id')
        .where('rv.transaction_id', 'in', transactions(districtCode)),
  };
}

export type DistrictRecordKind = 'transaction' | 'declaration' | 'container' | 'vat_filing';

/** Whether one record lies in a district's market cluster zones. */
export function createReachRepository(db: Kysely<Database>) {
  const records = districtRecords(db);
  return {
    async inDistrict(kind: DistrictRecordKind, id: string, districtCode: string): Promise<boolean> {
      let found: unknown;
      switch (kind) {
        case 'transaction':
          found = await records.transactions(districtCode).where('rt.id', '=', id).executeTakeFirst();
          break;
        case 'declaration':
          found = await records
            .declarations(districtCode)
            .where('ri.declaration_id', '=', id)
            .limit(1)
            .executeTakeFirst();
          break;
        case 'container':
          found = await records
            .containers(districtCode)
            .where('rp.container_id', '=', id)
            .limit(1)
            .executeTakeFirst();
          break;
        case 'vat_filing':
          found = await records
            .vatFilings(districtCode)
            .where('rv.filing_id', '=', id)
            .limit(1)
            .executeTakeFirst();
          break;
        default:
          assertNever(kind);
      }
      return found !== undefined;
    },
  };
}

export type ReachRepository = ReturnType<typeof createReachRepository>;
