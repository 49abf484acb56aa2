/**
 * The import inventory's customs status (spec receipt states of CEB622): 2 waiting for its set →
 * 120 stored → 300 manual review / 500 inspection → 399 decided → 800 released → 899 closed; 100
 * rejected; 700 returned abroad; `cancelled` after an accepted CEB623. Every change appends a history
 * row, issues the CEB622 the enterprise would get, and records evidence.
 */
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { BatchContext, IssuedReceipt } from './batch-context';
import { cebError } from './ceb.errors';
import type { CebInventoryRow } from './ceb.repository';
import { readUnit } from './documents';

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
  '2': ['120', '100'],
  '120': ['300', '500', '399', '100', 'cancelled'],
  '300': ['500', '399', '100', 'cancelled'],
  '500': ['399', '100', '700'],
  '399': ['800', '100', 'cancelled'],
  '800': ['899', 'cancelled'],
  '899': [],
  '100': ['2', '120'],
  '700': [],
  cancelled: [],
};

export function canMove(from: string, to: InventoryStatus): boolean {
  return (ALLOWED[from as InventoryStatus] ?? []).includes(to);
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
  const historyId = newId('cebst', ctx.now.getTime());
  ctx.statuses.push({
    id: historyId,
    doc_key: inv.doc_key,
    status: change.to,
    previous_status: inv.status,
    at: ctx.now,
    actor_type: change.actor.type === 'anonymous' ? 'system' : change.actor.type,
    actor_id: change.actor.id,
    request_id: change.actor.requestId,
    // The code once: a rejection's text from describeFindings already opens with `[code]`.
    reason:
      change.code && !change.reason.includes(change.code) ? `${change.code} ${change.reason}` : change.reason,
    receipt_id: receipt?.id ?? null,
  });
  ctx.evidence.push({
    kind: 'status.changed',
    subject: { type: 'ceb_inventory', id: inv.invt_no },
    actor: change.actor,
    at: ctx.now,
    partyIds: ctx.partyIds(inv.party_codes),
    document: {
      invtNo: inv.invt_no,
      from: inv.status,
      to: change.to,
      code: change.code ?? null,
      reason: change.reason,
      receipt: receipt?.evidence ?? null,
    },
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

/** Bonded (1210) goods leave the account book on release; never below zero. */
async function deductBondedStock(
  ctx: BatchContext,
  inv: CebInventoryRow,
  actor: Actor,
): Promise<string | null> {
  if (inv.trade_mode !== '1210' || !inv.ems_no) return null;
  const doc = await ctx.latestDocument(inv.doc_key);
  if (!doc) return null;
  const unit = readUnit(ctx.deps.vault, doc);
  for (const line of unit.lists) {
    const item = String(line.itemRecordNo ?? '');
    const qty = String(line.qty ?? '0');
    if (!item) return `第${line.gnum}项缺少账册备案料号 / line ${line.gnum} has no itemRecordNo`;
    const ok = await ctx.repos.ceb.deductStock(inv.ems_no, item, qty);
    if (!ok)
      return `账册${inv.ems_no}料号${item}库存不足（需${qty}）/ bonded stock of ${inv.ems_no} item ${item} is below ${qty}`;
    ctx.movements.push({
      id: newId('bmov', ctx.now.getTime()),
      ems_no: inv.ems_no,
      item_record_no: item,
      delta: `-${qty}`,
      reason: 'released',
      doc_key: inv.doc_key,
      at: ctx.now,
      actor_id: actor.id,
    });
  }
  return null;
}

/** 120/300/500 → 399 → 800, deducting bonded stock; a shortfall rejects the inventory instead. */
export async function releaseInventory(
  ctx: BatchContext,
  inv: CebInventoryRow,
  actor: Actor,
  reason: string,
): Promise<CebInventoryRow> {
  const shortfall = await deductBondedStock(ctx, inv, actor);
  if (shortfall) {
    return rejectInventory(ctx, inv, { actor, code: '-621003', reason: `清单申报失败，${shortfall}` });
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
