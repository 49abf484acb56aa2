import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface HistoryRecord {
  readonly partyId: string;
  readonly at: Date;
  readonly action: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly orgId: string | null;
  readonly requestId: string;
  readonly reason: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** Each party's append-only history of changes, before and after. */
export function createPartyHistoryRepository(db: Kysely<Database>) {
  return {
    async appendHistory(record: HistoryRecord): Promise<void> {
      await db
        .insertInto('party_history')
        .values({
          party_id: record.partyId,
          at: record.at,
          action: record.action,
          actor_type: record.actorType,
          actor_id: record.actorId,
          org_id: record.orgId,
          request_id: record.requestId,
          reason: record.reason,
          before: record.before === null ? null : JSON.stringify(record.before),
          after: JSON.stringify(record.after),
        })
        .execute();
    },

    async findHistory(partyId: string): Promise<HistoryRecord[]> {
      const rows = await db
        .selectFrom('party_history')
        .selectAll()
        .where('party_id', '=', partyId)
        .orderBy('id', 'asc')
        .limit(1000)
        .execute();
      return rows.map((r) => ({
        partyId: r.party_id,
        at: r.at,
        action: r.action,
        actorType: r.actor_type,
        actorId: r.actor_id,
        orgId: r.org_id,
        requestId: r.request_id,
        reason: r.reason,
        before: r.before,
        after: r.after,
      }));
    },
  };
}
