import { assertNever } from '@kouan/domain/assert';
import type { DeclarationStatus } from '../../db/schema-procurement';
import type { Actor } from '../../lib/actor';
import { procurementError } from './procurement.errors';
import {
  assertActsAs,
  inDistrictReach,
  type ProcurementDeps,
  recordChange,
  requirePermission,
} from './procurement-access';
import { advanceTransactions } from './transaction-lifecycle';

export type ClearanceAction = Exclude<DeclarationStatus, 'generated'>;

export interface ClearanceInput {
  readonly declarationId: string;
  readonly action: ClearanceAction;
  /** The 18-digit customs entry number, given when the declaration is lodged. */
  readonly customsEntryNo?: string | undefined;
  readonly note?: string | undefined;
}

/** From which statuses each clearance action may be recorded. */
function allowedFrom(action: ClearanceAction): readonly DeclarationStatus[] {
  switch (action) {
    case 'declared':
      return ['generated'];
    case 'inspected':
      return ['declared'];
    case 'released':
    case 'rejected':
      return ['declared', 'inspected'];
    default:
      return assertNever(action);
  }
}

/**
 * Clearance: the broker records the declaration as lodged (declared, with the customs entry
 * number); customs records inspected, released or rejected. When every declaration carrying a
 * transaction is released, the transaction becomes `cleared`.
 */
export async function recordClearance(deps: ProcurementDeps, actor: Actor, input: ClearanceInput) {
  requirePermission(actor, 'procurement:clear');
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const repo = repos.procurement.declarations;
    const row = await repo.getDeclarationForUpdate(input.declarationId);
    if (!row || !(await inDistrictReach(repos, actor, 'declaration', row.id))) {
      throw procurementError('PROCUREMENT_NOT_FOUND', {
        what: 'declaration',
        whatZh: '报关单',
        id: input.declarationId,
      });
    }
    const isCustoms = actor.department === 'customs' || actor.scope.kind === 'all';
    if (!isCustoms) {
      assertActsAs(actor, [row.broker_id], { en: 'broker', zh: '报关企业', field: 'declarationId' });
      if (input.action !== 'declared') {
        throw procurementError('PROCUREMENT_NOT_PARTY', { role: 'customs', roleZh: '海关', field: 'action' });
      }
    }
    if (!allowedFrom(input.action).includes(row.status)) {
      throw procurementError('DECLARATION_STEP_OUT_OF_ORDER', {
        id: row.id,
        from: row.status,
        to: input.action,
      });
    }
    const entryNo = input.action === 'declared' ? (input.customsEntryNo ?? null) : null;
    if (entryNo !== null && (await repo.getDeclarationByNumber(entryNo))) {
      throw procurementError('CUSTOMS_ENTRY_NO_USED', { number: entryNo }, { field: '/customsEntryNo' });
    }
    const ok = await repo.recordStatus({
      id: row.id,
      version: row.version,
      status: input.action,
      customsEntryNo: entryNo,
      clearedAt: input.action === 'released' ? now : null,
      event: {
        declaration_id: row.id,
        action: input.action,
        at: now,
        actor_id: actor.id,
        org_id: actor.orgId,
        customs_entry_no: entryNo,
        note: input.note ?? null,
      },
    });
    if (!ok) throw new Error(`declaration ${row.id} changed under its row lock`);
    const parties = (await repo.partiesOf(row.id)).map((p) => p.party_id);
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: 'procurement.declaration.clearance_recorded',
      subject: { type: 'procurement_declaration', id: row.id },
      partyIds: parties,
      document: {
        declarationId: row.id,
        from: row.status,
        to: input.action,
        customsEntryNo: entryNo,
        note: input.note ?? null,
      },
    });
    if (input.action === 'released') {
      const items = await repo.itemsOf([row.id]);
      const txIds = [...new Set(items.map((i) => i.transaction_id))];
      const carrying = await repo.declarationsOfTransactions(txIds);
      const pending = new Set(carrying.filter((d) => d.status !== 'released').map((d) => d.transaction_id));
      const ready = txIds.filter((id) => !pending.has(id));
      await advanceTransactions(repos, deps.vault, {
        ids: ready,
        to: 'cleared',
        actor,
        at: now,
        reference: row.id,
      });
    }
    return { declarationId: row.id, status: input.action, customsEntryNo: entryNo ?? row.customs_entry_no };
  });
}
