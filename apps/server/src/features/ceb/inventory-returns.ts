/** Units acting on a declared inventory: cancel it (CEB623) or return goods (CEB625). */
import { compare, decimal, formatDecimal, mul, sum } from '@kouan/domain/money';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { BatchContext } from './batch-context';
import type { CebInventoryRow } from './ceb.repository';
import { str } from './ceb-units';
import type { Finding, SetUnit } from './checks';
import { changeInventoryStatus, restoreQuota } from './inventory-lifecycle';
import { finding, storeDocument } from './store-document';
import { refused, type UnitInput, type UnitResult } from './unit-result';

/**
 * Statuses a declared inventory may be withdrawn from with a CEB623: waiting for its set (2, nothing
 * counted yet), stored, under manual review, decided, released.
 */
const CANCELLABLE = new Set(['2', '120', '300', '399', '800']);

/** The codes of each application: an unknown inventory, and one that names another order. */
const TARGET_CODES = {
  cancel: { notFound: '-623003', mismatch: '-623001', mismatchZh: '报文校验失败' },
  refund: { notFound: '-625016', mismatch: '-625001', mismatchZh: '退货申请单报文校验失败' },
} as const;

async function findTarget(
  ctx: BatchContext,
  input: UnitInput,
  kind: keyof typeof TARGET_CODES,
): Promise<CebInventoryRow | Finding> {
  const codes = TARGET_CODES[kind];
  const invtNo = str(input.unit.head, 'invtNo');
  const inv = await ctx.getInventoryByInvtNo(invtNo);
  if (!inv)
    return finding(
      codes.notFound,
      `${input.spec.kind}.invtNo`,
      kind === 'cancel'
        ? `系统中不存在清单编号为[${invtNo}]的清单`
        : `查无此数据：系统中不存在清单编号为[${invtNo}]的清单`,
      `no inventory ${invtNo}`,
    );
  // A sender that is not a party learns nothing of the inventory (not even its order) but that it
  // may not act on it.
  if (!inv.party_codes.includes(input.copCode)) {
    return finding(
      input.spec.codes.noPermission,
      'BaseTransfer.copCode',
      `[${input.copCode}]没有权限操作清单${invtNo}`,
      `${input.copCode} may not act on inventory ${invtNo}`,
    );
  }
  // The application names the inventory's order: the same order the inventory declared (its set
  // lock is taken on the orderNo the message gives, so a cancel and a return of one inventory are
  // serialised only when both give the inventory's own). The inventory exists: a message that does
  // not agree with it fails validation, naming both orders.
  const orderNo = str(input.unit.head, 'orderNo');
  if (orderNo !== inv.order_no) {
    return finding(
      codes.mismatch,
      `${input.spec.kind}.orderNo`,
      `${codes.mismatchZh}，清单[${invtNo}]的订单编号为[${inv.order_no}]，与申请单的订单编号[${orderNo}]不一致`,
      `inventory ${invtNo} declares order ${inv.order_no}, not ${orderNo}`,
    );
  }
  return inv;
}

export async function cancelInventory(
  ctx: BatchContext,
  input: UnitInput,
  preNo: string,
): Promise<UnitResult> {
  const key = input.spec.key(input.unit.head);
  const target = await findTarget(ctx, input, 'cancel');
  if (!('doc_key' in target)) return refused(key, [target], { preNo });
  if (!CANCELLABLE.has(target.status)) {
    return refused(
      key,
      [
        finding(
          '-623005',
          'cancel.invtNo',
          `清单的状态（${target.status}）不符合撤单申报要求(清单编号[${target.invt_no}])`,
          `inventory ${target.invt_no} in status ${target.status} cannot be cancelled`,
        ),
      ],
      { preNo },
    );
  }
  // Goods already returned were credited back to the buyer: cancelling the whole inventory now
  // would credit them twice (and put 1210 stock back twice).
  if (await ctx.latestDocument(`refund:${target.invt_no}`)) {
    return refused(
      key,
      [
        finding(
          '-623005',
          'cancel.invtNo',
          `清单[${target.invt_no}]已有退货申请，不能再撤销`,
          `inventory ${target.invt_no} has a return; it can no longer be cancelled`,
        ),
      ],
      { preNo },
    );
  }
  const stored = await storeDocument(ctx, { ...input, preNo, lockedBySet: false });
  if (!stored.ok) return refused(key, [stored.finding], { preNo });
  // Counted from 120 on (QUOTA_COUNTED): a waiting inventory (2) gives nothing back.
  await restoreQuota(ctx, target, 'cancelled');
  if (target.status === '800') await returnBondedStock(ctx, target, null, input.actor, 'cancelled');
  await changeInventoryStatus(ctx, target, {
    to: 'cancelled',
    actor: input.actor,
    reason: `撤销：${str(input.unit.head, 'reason')}`,
    issueReceipt: false,
  });
  return {
    returnStatus: '399',
    returnInfo: '撤销申请已审结 / cancellation accepted',
    findings: [],
    docKey: key,
    preNo,
    invtNo: target.invt_no,
  };
}

export async function refundInventory(
  ctx: BatchContext,
  input: UnitInput,
  preNo: string,
): Promise<UnitResult> {
  const key = input.spec.key(input.unit.head);
  const target = await findTarget(ctx, input, 'refund');
  if (!('doc_key' in target)) return refused(key, [target], { preNo });
  if (target.status !== '800' && target.status !== '899') {
    return refused(
      key,
      [
        finding(
          '-625004',
          'refund.invtNo',
          `退货申请单申报失败，清单[${target.invt_no}]的状态为${target.status}，货物尚未放行，不能退货`,
          `inventory ${target.invt_no} is in status ${target.status}; only released goods can be returned`,
        ),
      ],
      { preNo },
    );
  }
  // An accepted return credited the buyer's quota and the bonded stock once; a change or delete
  // of it would credit them again, so it is refused (the spec's -625022 for a return whose status
  // does not allow a change).
  const appType = str(input.unit.head, 'appType');
  const earlier = await ctx.latestDocument(key);
  if (appType !== '1' && earlier && earlier.app_type !== '3') {
    return refused(
      key,
      [
        finding(
          '-625022',
          'refund.appType',
          `退货申请单[${target.invt_no}]已入库，额度与库存已核增，不能再变更或删除（appType=${appType}）`,
          `the return of ${target.invt_no} was accepted and credited; it cannot be changed or deleted (appType=${appType})`,
        ),
      ],
      { preNo },
    );
  }
  const original = await ctx.latestDocument(target.doc_key);
  const lines = original ? (await ctx.units.read(original)).lists : [];
  const problems: Finding[] = [];
  const amounts = [];
  for (const line of input.unit.lists) {
    const gnum = Number(line.gnum);
    const orig = lines.find((l) => Number(l.gnum) === gnum);
    const qty = decimal(str(line, 'qty'));
    if (!orig || str(orig, 'gcode') !== str(line, 'gcode')) {
      problems.push(
        finding(
          '-625209',
          `refund.list[${gnum}]`,
          `退货申请单[${target.invt_no}],在关联的清单中未找到表体序号为[${gnum}],商品编号为[${str(line, 'gcode')}]的数据`,
          `inventory ${target.invt_no} has no line ${gnum} with HS code ${str(line, 'gcode')}`,
        ),
      );
      continue;
    }
    const origQty = decimal(str(orig, 'qty'));
    if (compare(qty, origQty) > 0) {
      problems.push(
        finding(
          '-625001',
          `refund.list[${gnum}].qty`,
          `退货申请单报文校验失败，第${gnum}项退货数量${str(line, 'qty')}超过原清单数量${str(orig, 'qty')}`,
          `line ${gnum}: return quantity ${str(line, 'qty')} exceeds the declared ${str(orig, 'qty')}`,
        ),
      );
      continue;
    }
    amounts.push(mul(qty, decimal(str(orig, 'price'))));
  }
  if (problems.length > 0) return refused(key, problems, { preNo });
  const stored = await storeDocument(ctx, { ...input, preNo, lockedBySet: false });
  if (!stored.ok) return refused(key, [stored.finding], { preNo });
  await restoreQuota(ctx, target, 'returned', formatDecimal(sum(amounts)));
  await returnBondedStock(ctx, target, input.unit.lists, input.actor, 'returned');
  return {
    returnStatus: '120',
    returnInfo: '退货申请已入库 / return accepted',
    findings: [],
    docKey: key,
    preNo,
    invtNo: target.invt_no,
  };
}

/** 1210 goods back into the account book: the whole inventory (cancel) or the returned lines. */
async function returnBondedStock(
  ctx: BatchContext,
  inv: CebInventoryRow,
  refundLines: readonly SetUnit['lists'][number][] | null,
  actor: Actor,
  reason: string,
) {
  if (inv.trade_mode !== '1210' || !inv.ems_no) return;
  const original = await ctx.latestDocument(inv.doc_key);
  if (!original) return;
  const lines = (await ctx.units.read(original)).lists;
  for (const line of lines) {
    const item = str(line, 'itemRecordNo');
    if (!item) continue;
    const back = refundLines ? refundLines.find((r) => Number(r.gnum) === Number(line.gnum)) : line;
    if (!back) continue;
    const qty = str(back, 'qty');
    await ctx.repos.ceb.addStock(inv.ems_no, item, qty);
    ctx.movements.push({
      id: newId('bmov', ctx.now.getTime()),
      ems_no: inv.ems_no,
      item_record_no: item,
      delta: qty,
      reason,
      doc_key: inv.doc_key,
      at: ctx.now,
      actor_id: actor.id,
    });
  }
}
