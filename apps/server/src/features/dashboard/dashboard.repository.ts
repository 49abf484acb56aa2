import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { AccessScope } from '../../lib/actor';
import { createTradeVolumesRepository } from './trade-volumes.repository';

export type CountRow = { key: string; count: number };
export type DayCountRow = { day: string; count: number };

/** Read-only aggregates for the regulators' dashboard and the public pages. Never writes. */
export function createDashboardRepository(db: Kysely<Database>) {
  const parties = (scope: AccessScope) => {
    const q = db.selectFrom('parties');
    return scope.kind === 'district' ? q.where('parties.district_code', '=', scope.districtCode) : q;
  };
  const counted = (rows: { key: string | null; count: string | number | bigint }[]): CountRow[] =>
    rows.map((r) => ({ key: r.key ?? 'none', count: Number(r.count) }));

  return {
    ...createTradeVolumesRepository(db),

    async partiesBy(scope: AccessScope, column: 'kind' | 'status' | 'recognition'): Promise<CountRow[]> {
      const rows = await parties(scope)
        .select([`parties.${column} as key`, (eb) => eb.fn.countAll<string>().as('count')])
        .groupBy(`parties.${column}`)
        .orderBy('count', 'desc')
        .execute();
      return counted(rows);
    },

    async partiesByZone(scope: AccessScope): Promise<CountRow[]> {
      const rows = await parties(scope)
        .innerJoin('market_zones', 'market_zones.id', 'parties.zone_id')
        .select(['market_zones.code as key', (eb) => eb.fn.countAll<string>().as('count')])
        .groupBy('market_zones.code')
        .orderBy('count', 'desc')
        .execute();
      return counted(rows);
    },

    /** Evidence entries per kind recorded at or after `since`. */
    async evidenceByKind(since: Date): Promise<CountRow[]> {
      const rows = await db
        .selectFrom('evidence_entries')
        .select(['kind as key', (eb) => eb.fn.countAll<string>().as('count')])
        .where('recorded_at', '>=', since)
        .groupBy('kind')
        .orderBy('count', 'desc')
        .execute();
      return counted(rows);
    },

    /** Evidence entries per China-time calendar day since `since`. */
    async evidenceByDay(since: Date): Promise<DayCountRow[]> {
      const day = sql<string>`to_char(recorded_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
      const rows = await db
        .selectFrom('evidence_entries')
        .select([day.as('day'), (eb) => eb.fn.countAll<string>().as('count')])
        .where('recorded_at', '>=', since)
        .groupBy(day)
        .orderBy(day)
        .execute();
      return rows.map((r) => ({ day: r.day, count: Number(r.count) }));
    },

    async evidenceTotal(): Promise<number> {
      const row = await db
        .selectFrom('evidence_entries')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** Recognised market-procurement operators: public business information (organisations only). */
    async findRecognisedOperators(input: { name?: string | undefined; offset: number; limit: number }) {
      let q = db
        .selectFrom('parties')
        .where('kind', '=', 'trade_operator')
        .where('recognition', '=', 'recognised')
        .where('legal_form', '=', 'organisation')
        .where('status', '=', 'active');
      if (input.name) q = q.where('name', 'like', `%${input.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const [rows, total] = await Promise.all([
        q
          .select(['id', 'name', 'usci', 'customs_code', 'district_code', 'updated_at'])
          .orderBy('name')
          .offset(input.offset)
          .limit(input.limit)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.count) };
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
