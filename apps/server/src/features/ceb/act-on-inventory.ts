/**
 * Customs actions on an import inventory: put to manual review (人工审核, 300), release, hold for
 * inspection (查验, 500), reject with a reason, close (结关) and return abroad (退运). Each change
 * issues the CEB622 the enterprise would get.
 */
import { assertNever } from '@kouan/domain/assert';
import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { BatchContext, type CebDeps } from './batch-context';
import { cebError } from './ceb.errors';
import type { CebInventoryRow } from './ceb.repository';
import { canMove, changeInventoryStatus, rejectInventory, releaseInventory } from './inventory-lifecycle';

export const CUSTOMS_ACTIONS = ['review', 'release', 'hold', 'reject', 'close', 'return'] as const;
export type CustomsAction = (typeof CUSTOMS_ACTIONS)[number];

const ACTION_ZH: Record<CustomsAction, string> = {
  review: '人工审核',
  release: '放行',
  hold: '布控查验',
  reject: '退单',
  close: '结关',
  return: '退运',
};

export interface InventoryView {
  readonly invtNo: string;
  readonly preNo: string;
  readonly orderNo: string;
  readonly ebpCode: string;
  readonly ebcCode: string;
  readonly logisticsCode: string;
  readonly logisticsNo: string;
  readonly tradeMode: string;
  readonly status: string;
  readonly hold: boolean;
  readonly declaredAt: string;
  readonly findings: unknown;
  readonly tax: unknown;
}

export function inventoryView(row: CebInventoryRow): InventoryView {
  return {
    invtNo: row.invt_no,
    preNo: row.pre_no,
    orderNo: row.order_no,
    ebpCode: row.ebp_code,
    ebcCode: row.ebc_code,
    logisticsCode: row.logistics_code,
    logisticsNo: row.logistics_no,
    tradeMode: row.trade_mode,
    status: row.status,
    hold: row.hold,
    declaredAt: row.declared_at.toISOString(),
    findings: typeof row.findings === 'string' ? JSON.parse(row.findings) : row.findings,
    tax: typeof row.tax === 'string' ? JSON.parse(row.tax) : row.tax,
  };
}

function target(action: CustomsAction): string {
  switch (action) {
    case 'review':
      return '300';
    case 'release':
      return '399';
    case 'hold':
      return '500';
    case 'reject':
      return '100';
    case 'close':
      return '899';
    case 'return':
      return '700';
    default:
      return assertNever(action);
  }
}

export async function actOnInventory(
  deps: CebDeps & { store: Store },
  actor: Actor,
  input: { invtNo: string; action: CustomsAction; reason: string },
): Promise<InventoryView> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const inv = await repos.ceb.getInventoryByInvtNo(input.invtNo);
    if (!inv) throw cebError('CEB_NOT_FOUND', { what: 'inventory', whatZh: '清单', id: input.invtNo });
    await repos.ceb.lockSets([inv.order_no]);
    const fresh = (await repos.ceb.getInventoryByInvtNo(input.invtNo)) as CebInventoryRow;
    const to = target(input.action);
    if (!canMove(fresh.status, to as never)) {
      throw cebError('CEB_STATUS_TRANSITION', {
        invtNo: fresh.invt_no,
        from: fresh.status,
        action: input.action,
        actionZh: ACTION_ZH[input.action],
      });
    }
    const ctx = new BatchContext(repos, deps, now, false);
    const reason = input.reason;
    let result: CebInventoryRow;
    switch (input.action) {
      case 'review':
        result = await changeInventoryStatus(ctx, fresh, {
          to: '300',
          actor,
          reason: `人工审核：${reason}`,
          extra: { hold: true },
        });
        break;
      case 'release':
        result = await releaseInventory(ctx, fresh, actor, reason);
        break;
      case 'hold':
        result = await changeInventoryStatus(ctx, fresh, {
          to: '500',
          actor,
          reason: `查验：${reason}`,
          extra: { hold: true },
        });
        break;
      case 'reject':
        result = await rejectInventory(ctx, fresh, { actor, reason: `海关退单：${reason}` });
        break;
      case 'close':
        result = await changeInventoryStatus(ctx, fresh, { to: '899', actor, reason: `结关：${reason}` });
        break;
      case 'return':
        result = await rejectInventory(ctx, fresh, { actor, reason: `退运：${reason}`, to: '700' });
        break;
      default:
        return assertNever(input.action);
    }
    ctx.audit.push({
      at: now,
      actor,
      action: `ceb.inventory.${input.action}`,
      targetType: 'ceb_inventory',
      targetId: fresh.invt_no,
      details: { from: fresh.status, to: result.status, reason },
    });
    ctx.evidence.push({
      kind: 'decision.taken',
      subject: { type: 'ceb_inventory', id: fresh.invt_no },
      actor,
      at: now,
      partyIds: [],
      document: { action: input.action, reason, from: fresh.status, to: result.status },
    });
    await ctx.flush();
    return inventoryView(result);
  });
}
