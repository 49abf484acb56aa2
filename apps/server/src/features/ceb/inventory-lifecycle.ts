/**
 * The import inventory's customs status (spec receipt states of CEB622): 2 waiting for its set →
 * 120 stored → 300 manual review / 500 inspection → 399 decided → 800 released → 899 closed; 100
 * rejected; 700 returned abroad; `cancelled` after an accepted CEB623. Every change appends a history
 * row, issues the CEB622 the enterprise would get, and records evidence. ALLOWED is the one table of
 * transitions: a change it does not list is a programming error and throws.
 */
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { BatchContext, IssuedReceipt } from './batch-context';
import { cebError } from './ceb.errors';
import type { CebInventoryRow } from './ceb.repository';

export const INVENTORY_STATUSES = [
  '2',
  '120',
  '300',
  '500',
  '399',
  '800',
  '899',
  '100',
  '700',
  'cancelled',
] as const;
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];

/** Statuses in which the buyer's quota is counted (accepted and not undone). */
export const QUOTA_COUNTED: ReadonlySet<string> = new Set(['120', '300', '500', '399', '800', '899']);

const ALLOWED: Readonly<Record<InventoryStatus, readonly InventoryStatus[]>> = {
  // A waiting inventory is withdrawn with a CEB623 (a CEB621 appType 3 is refused).
  '2': ['120', '100', 'cancelled'],
  '120': ['300', '500', '399', '100', 'cancelled'],
  '300': ['500', '399', '100', 'cancelled'],
  '500': ['399', '100', '700'],
  '399': ['800', '100', 'cancelled'],
  '800': ['899', 'cancelled'],
  '899': [],
  // Declared again (CEB621 appType 1, or 2 after a rejection) for the same order.
  '100': ['2', '120'],
  '700': [],
  cancelled: ['2'],
};

export function canMove(from: string, to: InventoryStatus): boolean {
  return (ALLOWED[from as InventoryStatus] ?? []).includes(to);
}

/**
 * Throws unless the table allows `from` → `to` (a change that keeps the status, a waiting inventory
 * changed, is no transition): callers check what the enterprise or officer asked for before, so a
 * forbidden transition here is a programming error, never an answer.
 */
export function assertMove(from: string, to: InventoryStatus): void {
  if (from !== to && !canMove(from, to)) throw new Error(`inventory status ${from} → ${to} is not allowed`);
}

/** Receipt status a change is reported with: the status itself, or a negative code for a refusal. */
export interface StatusChange {
  readonly to: InventoryStatus;
  readonly actor: Actor;
  readonly reason: string;
  /** Negative spec code when the change is a refusal (-621005 …); the receipt carries it. */
  readonly code?: string | undefined;
  /** false when the change is answered in the message's own receipt. */
  readonly issueReceipt?: boolean;
  readonly extra?: Partial<CebInventoryRow>;
}

function receiptStatus(change: StatusChange): string {
  if (change.code) return change.code;
  return change.to === 'cancelled' ? '399' : change.to;
}

/** Applies one change to the row (optimistically), queues history, receipt and evidence. */
export async function changeInventoryStatus(
  ctx: BatchContext,
  inv: CebInventoryRow,
  change: StatusChange,
): Promise<CebInventoryRow> {
  if (!canMove(inv.status, change.to))
    throw new Error(`inventory ${inv.invt_no}: status ${inv.status} → ${change.to} is not allowed`);
  const changes: Partial<CebInventoryRow> = { status: change.to, updated_at: ctx.now, ...change.extra };
  const next = ctx.updateInventory(inv, changes);
  if (!next) throw cebError('CEB_CONCURRENT_CHANGE', { invtNo: inv.invt_no });
  let receipt: IssuedReceipt | null = null;
  if (change.issueReceipt !== false && change.to !== 'cancelled') {
    receipt = ctx.issueReceipt({
      inEvidenceOf: 'caller',
      type: 'CEB622Message',
      units: [inventoryReceiptUnit(next, receiptStatus(change), change.reason, ctx.now)],
      actor: change.actor,
      messageId: null,
      docKey: inv.doc_key,
      recipientCodes: inv.party_codes,
    });
  }
  ctx.recordStatus({
    docKey: inv.doc_key,
    status: change.to,
    previous: inv.status,
    actor: change.actor,
    // The code once: a rejection's text from describeFindings already opens with `[code]`.
    reason:
      change.code && !change.reason.includes(change.code) ? `${change.code} ${change.reason}` : change.reason,
    receiptId: receipt?.id ?? null,
  });
  ctx.recordInventoryStatusEvidence(inv, change.actor, {
    from: inv.status,
    to: change.to,
    code: change.code ?? null,
    reason: change.reason,
    receipt: receipt?.evidence ?? null,
  });
  return next;
}

export function inventoryReceiptUnit(inv: CebInventoryRow, returnStatus: string, info: string, at: Date) {
  return {
    guid: inv.unit_guid,
    customsCode: inv.customs_code,
    ebpCode: inv.ebp_code,
    ebcCode: inv.ebc_code,
    agentCode: inv.agent_code,
    copNo: inv.cop_no,
    preNo: inv.pre_no,
    invtNo: inv.invt_no,
    returnStatus,
    returnTime: at,
    returnInfo: info,
  };
}

/**
 * Bonded (1210) goods leave the account book on release, all lines or none, never below zero: a
 * line short of stock (lines of one item added up) leaves every item as it was.
 */
async function deductBondedStock(
  ctx: BatchContext,
  inv: CebInventoryRow,
  actor: Actor,
): Promise<string | null> {
  if (inv.trade_mode !== '1210' || !inv.ems_no) return null;
  const doc = await ctx.latestDocument(inv.doc_key);
  if (!doc) return null;
  const unit = await ctx.units.read(doc);
  const lines = unit.lists.map((line) => ({
    gnum: String(line.gnum ?? ''),
    itemRecordNo: String(line.itemRecordNo ?? ''),
    quantity: String(line.qty ?? '0'),
  }));
  const missing = lines.find((l) => !l.itemRecordNo);
  if (missing) return `第${missing.gnum}项缺少账册备案料号 / line ${missing.gnum} has no itemRecordNo`;
  const short = await ctx.repos.ceb.deductAll(inv.ems_no, lines);
  if (short)
    return `账册${inv.ems_no}料号${short.itemRecordNo}库存不足（需${short.needed}，现有${short.available}）/ bonded stock of ${inv.ems_no} item ${short.itemRecordNo} is ${short.available}, below the ${short.needed} released`;
  for (const line of lines) {
    ctx.movements.push({
      id: newId('bmov', ctx.now.getTime()),
      ems_no: inv.ems_no,
      item_record_no: line.itemRecordNo,
      delta: `-${line.quantity}`,
      reason: 'released',
      doc_key: inv.doc_key,
      at: ctx.now,
      actor_id: actor.id,
    });
  }
  return null;
}

/**
 * 120/300/500 → 399 → 800, deducting bonded stock. A shortfall is customs' refusal, not a processing
 * error: the inventory goes to 100 海关退单 and its CEB622 says 100 with the reason.
 */
export async function releaseInventory(
  ctx: BatchContext,
  inv: CebInventoryRow,
  actor: Actor,
  reason: string,
): Promise<CebInventoryRow> {
  const shortfall = await deductBondedStock(ctx, inv, actor);
  if (shortfall) {
    return rejectInventory(ctx, inv, { actor, reason: `海关退单：${shortfall}` });
  }
  const decided = await changeInventoryStatus(ctx, inv, { to: '399', actor, reason: `海关审结：${reason}` });
  return changeInventoryStatus(ctx, decided, { to: '800', actor, reason: `放行：${reason}` });
}

/** Rejection restores the buyer's quota when it had been counted. */
export async function rejectInventory(
  ctx: BatchContext,
  inv: CebInventoryRow,
  input: { actor: Actor; code?: string; reason: string; issueReceipt?: boolean; to?: '100' | '700' },
): Promise<CebInventoryRow> {
  await restoreQuota(ctx, inv, input.to === '700' ? 'returned abroad' : 'rejected');
  return changeInventoryStatus(ctx, inv, {
    to: input.to ?? '100',
    actor: input.actor,
    reason: input.reason,
    code: input.code,
    issueReceipt: input.issueReceipt ?? true,
  });
}

export async function restoreQuota(ctx: BatchContext, inv: CebInventoryRow, reason: string, amount?: string) {
  if (!QUOTA_COUNTED.has(inv.status) || inv.usage_year === null || inv.usage_amount === null) return;
  const delta = amount ?? inv.usage_amount;
  await ctx.subtractUsage({ buyerHash: inv.buyer_hash, year: inv.usage_year, amount: delta });
  ctx.usageEntries.push({
    id: newId('cebuse', ctx.now.getTime()),
    buyer_hash: inv.buyer_hash,
    year: inv.usage_year,
    delta: `-${delta}`,
    doc_key: inv.doc_key,
    reason,
    at: ctx.now,
  });
}
