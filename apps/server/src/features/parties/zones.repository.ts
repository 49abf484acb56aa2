import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface ZoneRow {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
  readonly districtName: string;
  readonly description: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
}

function toZone(row: Database['market_zones']): ZoneRow {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    districtCode: row.district_code,
    districtName: row.district_name,
    description: row.description,
    effectiveFrom: String(row.effective_from),
    effectiveTo: row.effective_to === null ? null : String(row.effective_to),
  };
}

/** Market cluster zones, each effective over a period. */
export function createZonesRepository(db: Kysely<Database>) {
  return {
    async insertZone(zone: ZoneRow & { createdAt: Date; createdBy: string }): Promise<void> {
      await db
        .insertInto('market_zones')
        .values({
          id: zone.id,
          code: zone.code,
          name: zone.name,
          district_code: zone.districtCode,
          district_name: zone.districtName,
          description: zone.description,
          effective_from: zone.effectiveFrom,
          effective_to: zone.effectiveTo,
          created_at: zone.createdAt,
          created_by: zone.createdBy,
        })
        .execute();
    },

    async getZone(id: string): Promise<ZoneRow | undefined> {
      const row = await db.selectFrom('market_zones').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toZone(row);
    },

    async getZoneByCode(code: string): Promise<ZoneRow | undefined> {
      const row = await db.selectFrom('market_zones').selectAll().where('code', '=', code).executeTakeFirst();
      return row && toZone(row);
    },

    async findZones(input: { effectiveOn?: string | undefined }): Promise<ZoneRow[]> {
      let q = db.selectFrom('market_zones').selectAll();
      if (input.effectiveOn) {
        const on = input.effectiveOn;
        q = q
          .where('effective_from', '<=', on)
          .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', on)]));
      }
      const rows = await q.orderBy('code').limit(1000).execute();
      return rows.map(toZone);
    },
  };
}
