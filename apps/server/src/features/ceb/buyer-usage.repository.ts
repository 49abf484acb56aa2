import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { chunks, INSERT_CHUNK_ROWS, READ_CHUNK_KEYS } from './chunks';

export type CebUsageEntryRow = Database['ceb_buyer_usage_entries'];

/** Namespace of the advisory locks that serialise the changes of one buyer's annual usage. */
const BUYER_LOCK_NAMESPACE = 7_301_004;

/** Buyers' annual usage: its locks, the running totals and the append-only entries. */
export function createCebBuyerUsageRepository(db: Kysely<Database>) {
  return {
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
        select u.buyer_hash, u.year, u.used
        from unnest(${keys.map((k) => k.buyerHash)}::text[], ${keys.map((k) => k.year)}::int4[]) as k(buyer_hash, year)
        cross join lateral (select * from ceb_buyer_usage x where x.buyer_hash = k.buyer_hash
          and x.year = k.year offset 0) as u`.execute(db);
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

    async insertUsageEntries(rows: readonly CebUsageEntryRow[]): Promise<void> {
      for (const part of chunks(rows, INSERT_CHUNK_ROWS))
        await db.insertInto('ceb_buyer_usage_entries').values(part).execute();
    },
  };
}
