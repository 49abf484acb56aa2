import type { TransactionStatus } from '../../db/schema-procurement';
import type { Repositories } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { PiiVault } from '../../lib/pii';
import { recordEvidence } from '../evidence';
import { procurementError } from './procurement.errors';

/** The lifecycle, in order: each status is reached only from the one before it. */
export const TRANSACTION_LIFECYCLE: readonly TransactionStatus[] = [
  'registered',
  'consolidated',
  'declared',
  'cleared',
  'fx_collected',
  'vat_exemption_declared',
];

export function previousStatus(to: TransactionStatus): TransactionStatus | null {
  const index = TRANSACTION_LIFECYCLE.indexOf(to);
  return index > 0 ? (TRANSACTION_LIFECYCLE[index - 1] ?? null) : null;
}

/** Refuses a step that does not follow the transaction's current status. */
export function assertNextStep(
  transaction: { id: string; status: TransactionStatus },
  to: TransactionStatus,
): void {
  if (previousStatus(to) !== transaction.status) {
    throw procurementError('TRANSACTION_STEP_OUT_OF_ORDER', {
      id: transaction.id,
      from: transaction.status,
      to,
    });
  }
}

/**
 * Moves the transactions that are at the previous status to `to`, appending a status event, an
 * audit entry and an evidence entry for each one moved. Transactions at another status are left
 * as they are (the caller checks eligibility first). Returns the ids moved.
 */
export async function advanceTransactions(
  repos: Repositories,
  vault: PiiVault,
  change: { ids: readonly string[]; to: TransactionStatus; actor: Actor; at: Date; reference: string | null },
): Promise<string[]> {
  const from = previousStatus(change.to);
  if (from === null || change.ids.length === 0) return [];
  const moved = await repos.procurement.transactions.advance(change.ids, from, change.to);
  if (moved.length === 0) return moved;
  await repos.procurement.transactions.insertEvents(
    moved.map((id) => ({
      transaction_id: id,
      from_status: from,
      to_status: change.to,
      at: change.at,
      actor_id: change.actor.id,
      org_id: change.actor.orgId,
      reference: change.reference,
    })),
  );
  await repos.audit.recordMany(
    moved.map((id) => ({
      at: change.at,
      actor: change.actor,
      action: 'procurement.transaction.status_changed',
      targetType: 'procurement_transaction',
      targetId: id,
      details: { from, to: change.to, reference: change.reference },
    })),
  );
  const rows = await repos.procurement.transactions.getTransactions(moved);
  await recordEvidence(
    { evidence: repos.evidence, vault },
    rows.map((row) => ({
      kind: 'procurement.transaction.status_changed' as const,
      subject: { type: 'procurement_transaction', id: row.id },
      actor: change.actor,
      at: change.at,
      partyIds: [row.supplier_id, row.operator_id, row.purchaser_id],
      document: { transactionId: row.id, from, to: change.to, reference: change.reference },
    })),
  );
  return moved;
}
