/**
 * The state of an export inventory (CEB603), which the export cross-checks read: 120 declared (as its
 * CEB604 answered), `deleted` by its own appType 3, `cancelled` by an accepted CEB605. Every change
 * appends a history row (who, when, why); a delete or a cancel also records a `status.changed`
 * evidence entry, as the import inventory's changes do. A declaration or a change is recorded by the
 * evidence of the message that made it.
 */
import type { Actor } from '../../lib/actor';
import type { BatchContext } from './batch-context';
import type { CebExportInventoryRow } from './ceb.repository';

export type ExportInventoryStatus = CebExportInventoryRow['status'];

function history(
  ctx: BatchContext,
  row: CebExportInventoryRow,
  previous: ExportInventoryStatus | null,
  input: { actor: Actor; reason: string },
): void {
  ctx.recordStatus({ docKey: row.doc_key, status: row.status, previous, ...input });
}

/** A new export inventory, declared (120): queued with its history row. */
export function insertExportInventory(
  ctx: BatchContext,
  row: Omit<CebExportInventoryRow, 'status' | 'updated_at' | 'version'>,
  input: { actor: Actor; reason: string },
): CebExportInventoryRow {
  const inserted: CebExportInventoryRow = { ...row, status: '120', updated_at: ctx.now, version: 1 };
  ctx.exportInventories.insert(inserted);
  history(ctx, inserted, null, input);
  return inserted;
}

/** One change of an export inventory as the batch sees it (the caller read it from the batch). */
export function changeExportInventoryStatus(
  ctx: BatchContext,
  inv: CebExportInventoryRow,
  change: { to: ExportInventoryStatus; actor: Actor; reason: string; partyCodes?: readonly string[] },
): CebExportInventoryRow {
  const next = ctx.exportInventories.update(inv, {
    status: change.to,
    updated_at: ctx.now,
    ...(change.partyCodes ? { party_codes: [...change.partyCodes] } : {}),
  });
  if (!next) throw new Error(`export inventory ${inv.invt_no} was changed from an out-of-date copy`);
  history(ctx, next, inv.status, change);
  if (change.to !== '120') {
    ctx.recordInventoryStatusEvidence(inv, change.actor, {
      direction: 'export',
      from: inv.status,
      to: change.to,
      code: null,
      reason: change.reason,
      receipt: null,
    });
  }
  return next;
}
