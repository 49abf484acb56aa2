import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import type { AuditEntry } from './audit.repository';

/** Regulators read the audit log; a district regulator sees it too (entries hold no personal data). */
export async function findAudit(
  deps: { store: Store },
  actor: Actor,
  input: {
    targetType?: string | undefined;
    targetId?: string | undefined;
    action?: string | undefined;
    beforeId?: number | undefined;
    limit?: number | undefined;
  },
): Promise<AuditEntry[]> {
  if (!can(actor, 'audit:read')) throw commonError('FORBIDDEN', { permission: 'audit:read' });
  return deps.store.repos.audit.find({ ...input, limit: Math.min(200, input.limit ?? 50) });
}
