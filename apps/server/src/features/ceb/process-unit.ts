/**
 * One business unit of an accepted message: party checks, then by kind — store the document (and
 * complete waiting sets), declare an inventory, cancel one (CEB623) or return goods (CEB625).
 */
import { compare, decimal, formatDecimal, mul, sum } from '@kouan/domain/money';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { BatchContext } from './batch-context';
import type { CebInventoryRow } from './ceb.repository';
import { str, type UnitSpec } from './ceb-units';
import type { Finding, SetUnit, TaxAssessment } from './checks';
import { readUnit } from './documents';
import { assignNumbers, describeFindings, tryCompleteSet } from './import-set';
import { changeInventoryStatus, restoreQuota } from './inventory-lifecycle';
import type { PartyLookup } from './party-lookup';
import { appendDocument, buyerHashOf, finding, storeDocument } from './store-document';

export interface UnitInput {
  readonly spec: UnitSpec;
  readonly unit: SetUnit;
  readonly messageId: string;
  readonly copCode: string;
  readonly actor: Actor;
  readonly serial: number;
  readonly parties: PartyLookup;
}

export interface UnitResult {
  readonly returnStatus: string;
  readonly returnInfo: string;
  readonly findings: readonly Finding[];
  readonly preNo?: string | undefined;
  readonly invtNo?: string | undefined;
  readonly tax?: TaxAssessment | null;
  readonly docKey: string;
}

const refused = (
  key: string,
  findings: Finding[],
  numbers: { preNo?: string; invtNo?: string } = {},
): UnitResult => ({
  returnStatus: (findings[0] as Finding).code,
  returnInfo: describeFindings(findings),
  findings,
  docKey: key,
  ...numbers,
});

/** The sender must be a party the spec lets send this unit; every named party must be filed and active. */
function partyFindings(input: UnitInput): Finding[] {
  const { spec, unit, copCode } = input;
  const out: Finding[] = [];
  const senders = spec.senders(unit.head);
  if (!senders.includes(copCode)) {
    out.push(
      finding(
        spec.codes.noPermission,
        'BaseTransfer.copCode',
        `发送企业 ${copCode} 不是该单证的申报主体（应为 ${senders.join('/')}），没有权限进行操作`,
        `sender ${copCode} is not a party that may declare this unit (expected ${senders.join('/')})`,
      ),
    );
  }
  for (const code of spec.parties(unit.head)) {
    const problem = input.parties.problem(code);
    if (problem) out.push(finding('-10102', `${spec.kind}.${code}`, problem.zh, problem.en));
  }
  return out;
}

export async function processUnit(ctx: BatchContext, input: UnitInput): Promise<UnitResult> {
  const { spec, unit } = input;
  const key = spec.key(unit.head);
  const needsNumbers = spec.kind === 'inventory' || spec.kind === 'export_inventory';
  const assigned = assignNumbers(
    ctx.now,
    str(unit.head, 'customsCode') || '0000',
    spec.direction === 'import' ? 'I' : 'E',
    input.serial,
  );
  const preNo = str(unit.head, 'preNo') || assigned.preNo;
  const problems = partyFindings(input);
  if (problems.length > 0)
    return refused(key, problems, { preNo, ...(needsNumbers ? { invtNo: assigned.invtNo } : {}) });
  switch (spec.kind) {
    case 'inventory':
      return declareInventory(ctx, input, assigned);
    case 'cancel':
      return cancelInventory(ctx, input, preNo);
    case 'refund':
      return refundInventory(ctx, input, preNo);
    default: {
      const invtNo =
        spec.kind === 'export_inventory' ? str(unit.head, 'invtNo') || assigned.invtNo : undefined;
      const stored = await storeDocument(ctx, { ...input, invtNo });
      if (!stored.ok) return refused(key, [stored.finding], { preNo, ...(invtNo ? { invtNo } : {}) });
      const orderNo = spec.orderNo(unit.head);
      if (orderNo && spec.direction === 'import') {
        const waiting = (await ctx.inventoriesForOrder(orderNo)).filter((i) => i.status === '2');
        for (const inv of waiting) {
          await tryCompleteSet(ctx, inv, input.actor, false);
        }
      }
      return {
        returnStatus: spec.acceptedStatus,
        returnInfo: spec.acceptedStatus === '120' ? '海关入库 / stored' : '海关审结 / accepted',
        findings: [],
        docKey: key,
        preNo,
        ...(invtNo ? { invtNo } : {}),
      };
    }
  }
}

async function declareInventory(
  ctx: BatchContext,
  input: UnitInput,
  assigned: { preNo: string; invtNo: string },
): Promise<UnitResult> {
  const { spec, unit } = input;
  const h = unit.head;
  const key = spec.key(h);
  const appType = str(h, 'appType');
  const existing = await ctx.getInventory(key, str(h, 'orderNo'));
  const numbers = { preNo: existing?.pre_no ?? assigned.preNo, invtNo: existing?.invt_no ?? assigned.invtNo };
  const open = existing && (existing.status === '2' || existing.status === '100');
  if (appType === '1' && existing && existing.status !== '100' && existing.status !== 'cancelled') {
    return refused(
      key,
      [
        finding(
          '-621004',
          'inventory.orderNo',
          `清单[${existing.invt_no}]已经申报过，请勿重复申报`,
          `inventory ${existing.invt_no} was already declared`,
        ),
      ],
      numbers,
    );
  }
  if (appType !== '1' && !existing) {
    return refused(
      key,
      [
        finding(
          '-621011',
          'inventory.appType',
          `不存在已申报的清单[${str(h, 'orderNo')}]，无法进行改单操作`,
          `no declared inventory for order ${str(h, 'orderNo')} to change`,
        ),
      ],
      numbers,
    );
  }
  if (appType !== '1' && existing && !open) {
    return refused(
      key,
      [
        finding(
          '-621012',
          'inventory.appType',
          `清单[${existing.invt_no}]的申报状态（${existing.status}）不符合改单申报的条件`,
          `inventory ${existing.invt_no} in status ${existing.status} can no longer be changed`,
        ),
      ],
      numbers,
    );
  }
  const latest = await ctx.latestDocument(key);
  await appendDocument(ctx, { ...input, invtNo: numbers.invtNo, version: (latest?.version ?? 0) + 1 });
  const row: CebInventoryRow = {
    doc_key: key,
    invt_no: numbers.invtNo,
    pre_no: numbers.preNo,
    cop_no: str(h, 'copNo') || numbers.preNo,
    unit_guid: str(h, 'guid'),
    order_no: str(h, 'orderNo'),
    ebp_code: str(h, 'ebpCode'),
    ebc_code: str(h, 'ebcCode'),
    agent_code: str(h, 'agentCode'),
    logistics_code: str(h, 'logisticsCode'),
    logistics_no: str(h, 'logisticsNo'),
    customs_code: str(h, 'customsCode'),
    trade_mode: str(h, 'tradeMode'),
    ems_no: str(h, 'emsNo') || null,
    buyer_hash: buyerHashOf(ctx, h) ?? '',
    usage_year: null,
    usage_amount: null,
    status: '2',
    hold: existing?.hold ?? false,
    findings: '[]',
    tax: null,
    party_codes: [...new Set([...spec.parties(h), input.copCode])],
    declared_at: ctx.now,
    wait_deadline: new Date(ctx.now.getTime() + ctx.deps.config.setTimeoutMinutes * 60_000),
    updated_at: ctx.now,
    version: existing ? existing.version + 1 : 1,
  };
  if (appType === '3' && existing) {
    await changeInventoryStatus(ctx, existing, {
      to: 'cancelled',
      actor: input.actor,
      reason: '企业删除清单 / deleted by the enterprise',
      issueReceipt: false,
    });
    return {
      returnStatus: '399',
      returnInfo: '清单已删除 / inventory deleted',
      findings: [],
      docKey: key,
      ...numbers,
    };
  }
  if (existing) {
    const { doc_key: _k, version: _v, ...changes } = row;
    const ok = ctx.updateInventory(existing, changes);
    if (!ok) throw new Error(`inventory ${key} changed concurrently under the set lock`);
  } else {
    ctx.insertInventory(row);
  }
  ctx.statuses.push({
    id: newId('cebst', ctx.now.getTime()),
    doc_key: key,
    status: '2',
    previous_status: existing?.status ?? null,
    at: ctx.now,
    actor_type: input.actor.type === 'anonymous' ? 'system' : input.actor.type,
    actor_id: input.actor.id,
    request_id: input.actor.requestId,
    reason: appType === '1' ? '清单申报 / declared' : '清单变更 / changed',
    receipt_id: null,
  });
  const current: CebInventoryRow = row;
  const outcome = await tryCompleteSet(ctx, current, input.actor, true);
  return { ...outcome, docKey: key, ...numbers };
}

const CANCELLABLE = new Set(['120', '300', '399', '800']);

async function findTarget(
  ctx: BatchContext,
  input: UnitInput,
  notFound: string,
): Promise<CebInventoryRow | Finding> {
  const invtNo = str(input.unit.head, 'invtNo');
  const inv = await ctx.getInventoryByInvtNo(invtNo);
  if (!inv)
    return finding(
      notFound,
      `${input.spec.kind}.invtNo`,
      `系统中不存在清单编号为[${invtNo}]的清单`,
      `no inventory ${invtNo}`,
    );
  if (!inv.party_codes.includes(input.copCode)) {
    return finding(
      input.spec.codes.noPermission,
      'BaseTransfer.copCode',
      `[${input.copCode}]没有权限操作清单${invtNo}`,
      `${input.copCode} may not act on inventory ${invtNo}`,
    );
  }
  return inv;
}

async function cancelInventory(ctx: BatchContext, input: UnitInput, preNo: string): Promise<UnitResult> {
  const key = input.spec.key(input.unit.head);
  const target = await findTarget(ctx, input, '-623003');
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
  const stored = await storeDocument(ctx, { ...input, lockedBySet: false });
  if (!stored.ok) return refused(key, [stored.finding], { preNo });
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

async function refundInventory(ctx: BatchContext, input: UnitInput, preNo: string): Promise<UnitResult> {
  const key = input.spec.key(input.unit.head);
  const target = await findTarget(ctx, input, '-625016');
  if (!('doc_key' in target)) return refused(key, [target], { preNo });
  if (target.status !== '800' && target.status !== '899') {
    return refused(
      key,
      [
        finding(
          '-625022',
          'refund.invtNo',
          `退货申请单[${target.invt_no}]的申报状态不符合条件：清单状态为${target.status}，须已放行`,
          `inventory ${target.invt_no} is in status ${target.status}; only released goods can be returned`,
        ),
      ],
      { preNo },
    );
  }
  const original = await ctx.latestDocument(target.doc_key);
  const lines = original ? readUnit(ctx.deps.vault, original).lists : [];
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
  const stored = await storeDocument(ctx, { ...input, lockedBySet: false });
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
  const lines = readUnit(ctx.deps.vault, original).lists;
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
