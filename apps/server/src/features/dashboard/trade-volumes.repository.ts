import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { CountRow } from './dashboard.repository';

export type SumRow = { key: string; count: number; valueUsd: string };

/**
 * Read-only volumes of the two trade flows for the dashboard: CBEC inventories (ceb_inventories) and
 * market-procurement declarations (procurement_*). Sums stay exact decimal strings (numeric in SQL).
 * `districtCode` narrows procurement to the zones of a district (a district regulator's reach).
 */
export function createTradeVolumesRepository(db: Kysely<Database>) {
  const inDistrict = (districtCode: string | undefined) =>
    districtCode === undefined
      ? sql<boolean>`true`
      : sql<boolean>`exists (select 1 from procurement_declaration_items i
          join procurement_transactions t on t.id = i.transaction_id
          join market_zones z on z.id = t.zone_id
          where i.declaration_id = d.id and z.district_code = ${districtCode})`;

  return {
    async inventoriesByStatus(since: Date): Promise<CountRow[]> {
      const rows = await db
        .selectFrom('ceb_inventories')
        .select(['status as key', (eb) => eb.fn.countAll<string>().as('count')])
        .where('declared_at', '>=', since)
        .groupBy('status')
        .orderBy('count', 'desc')
        .execute();
      return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
    },

    /** Refusals issued since `since` (receipts with a negative return status), by error code. */
    async rejectionsByCode(since: Date): Promise<CountRow[]> {
      const rows = await db
        .selectFrom('ceb_receipts')
        .select(['return_status as key', (eb) => eb.fn.countAll<string>().as('count')])
        .where('issued_at', '>=', since)
        .where('return_status', 'like', '-%')
        .groupBy('return_status')
        .orderBy('count', 'desc')
        .limit(20)
        .execute();
      return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
    },

    async declarationsByStatus(since: Date, districtCode?: string): Promise<SumRow[]> {
      const result = await sql<{ key: string; count: string; value: string | null }>`
        select d.status as key, count(*) as count, sum(d.total_value_usd)::text as value
        from procurement_declarations d
        where d.created_at >= ${since} and ${inDistrict(districtCode)}
        group by 1 order by 2 desc`.execute(db);
      return result.rows.map((r) => ({ key: r.key, count: Number(r.count), valueUsd: r.value ?? '0' }));
    },

    /** Declared value (USD) by market cluster zone of the goods' transactions. */
    async declaredValueByZone(since: Date, districtCode?: string): Promise<SumRow[]> {
      const result = await sql<{ key: string; count: string; value: string | null }>`
        select z.code as key, count(distinct i.declaration_id) as count, sum(i.value_usd)::text as value
        from procurement_declaration_items i
        join procurement_declarations d on d.id = i.declaration_id
        join procurement_transactions t on t.id = i.transaction_id
        join market_zones z on z.id = t.zone_id
        where d.created_at >= ${since} ${districtCode === undefined ? sql`` : sql`and z.district_code = ${districtCode}`}
        group by 1 order by sum(i.value_usd) desc`.execute(db);
      return result.rows.map((r) => ({ key: r.key, count: Number(r.count), valueUsd: r.value ?? '0' }));
    },

    /** Declared value (USD) by the purchaser's country (destination). */
    async declaredValueByCountry(since: Date, districtCode?: string): Promise<SumRow[]> {
      const result = await sql<{ key: string | null; count: string; value: string | null }>`
        select coalesce(p.nationality, 'CN') as key, count(*) as count, sum(d.total_value_usd)::text as value
        from procurement_declarations d
        join parties p on p.id = d.purchaser_id
        where d.created_at >= ${since} and ${inDistrict(districtCode)}
        group by 1 order by sum(d.total_value_usd) desc limit 20`.execute(db);
      return result.rows.map((r) => ({
        key: r.key ?? 'CN',
        count: Number(r.count),
        valueUsd: r.value ?? '0',
      }));
    },

    /** FX collected (USD) against the value of the declarations it was credited to, since `since`. */
    async fxCollection(
      since: Date,
      districtCode?: string,
    ): Promise<{ declaredUsd: string; collectedUsd: string }> {
      const result = await sql<{ declared: string | null; collected: string | null }>`
        select
          (select sum(d.total_value_usd) from procurement_declarations d
             where d.created_at >= ${since} and d.status in ('declared', 'released', 'inspected')
               and ${inDistrict(districtCode)})::text as declared,
          (select sum(f.amount_usd) from procurement_fx_collections f
             join procurement_declarations d on d.id = f.declaration_id
             where d.created_at >= ${since} and ${inDistrict(districtCode)})::text as collected`.execute(db);
      const row = result.rows[0];
      return { declaredUsd: row?.declared ?? '0', collectedUsd: row?.collected ?? '0' };
    },
  };
}
