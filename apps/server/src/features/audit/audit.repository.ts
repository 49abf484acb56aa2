import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';

export interface AuditRecord {
  readonly at: Date;
  readonly actor: Actor;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  /** Never personal information: ids, codes and reasons only. */
  readonly details?: Record<string, unknown>;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly requestId: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly orgId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly details: Record<string, unknown>;
}

export interface AuditQuery {
  readonly targetType?: string | undefined;
  readonly targetId?: string | undefined;
  readonly orgId?: string | undefined;
  readonly action?: string | undefined;
  readonly beforeId?: number | undefined;
  readonly limit: number;
}

export function createAuditRepository(db: Kysely<Database>) {
  return {
    async record(record: AuditRecord): Promise<void> {
      const { actor } = record;
      await db
        .insertInto('audit_log')
        .values({
          at: record.at,
          request_id: actor.requestId,
          actor_type: actor.type === 'anonymous' ? 'system' : actor.type,
          actor_id: actor.id,
          org_id: actor.orgId,
          action: record.action,
          target_type: record.targetType,
          target_id: record.targetId,
          details: JSON.stringify(record.details ?? {}),
        })
        .execute();
    },

    /** Several entries in one statement (a batch of CEB messages). */
    async recordMany(records: readonly AuditRecord[]): Promise<void> {
      if (records.length === 0) return;
      await db
        .insertInto('audit_log')
        .values(
          records.map((record) => ({
            at: record.at,
            request_id: record.actor.requestId,
            actor_type: record.actor.type === 'anonymous' ? ('system' as const) : record.actor.type,
            actor_id: record.actor.id,
            org_id: record.actor.orgId,
            action: record.action,
            target_type: record.targetType,
            target_id: record.targetId,
            details: JSON.stringify(record.details ?? {}),
          })),
        )
        .execute();
    },

    async find(query: AuditQuery): Promise<AuditEntry[]> {
      let q = db.selectFrom('audit_log').selectAll();
      if (query.targetType) q = q.where('target_type', '=', query.targetType);
      if (query.targetId) q = q.where('target_id', '=', query.targetId);
      if (query.orgId) q = q.where('org_id', '=', query.orgId);
      if (query.action) q = q.where('action', '=', query.action);
      if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
      const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        requestId: row.request_id,
        actorType: row.actor_type,
        actorId: row.actor_id,
        orgId: row.org_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        details: row.details as unknown as Record<string, unknown>,
      }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
