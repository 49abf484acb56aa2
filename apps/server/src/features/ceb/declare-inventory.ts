import type { BatchContext } from './batch-context';
import type { CebInventoryRow } from './ceb.repository';
import { type Head, str } from './ceb-units';
import type { Finding } from './checks';
import { tryCompleteSet } from './import-set';
import { assertMove } from './inventory-lifecycle';
import { appendDocument, buyerHashOf, finding } from './store-document';
import { refused, type UnitInput, type UnitResult } from './unit-result';

/**
 * Why an inventory declaration (appType 1 new, 2 change, 3 delete) cannot apply to the inventory
 * already declared for its order, if at all. A declared inventory is never deleted with appType 3:
 * the spec has no receipt state for a deletion (399 would read as customs' approval); it is
 * withdrawn with a cancel application (CEB623), which a waiting inventory (2) may take too.
 */
function declarationProblem(h: Head, existing: CebInventoryRow | undefined): Finding | null {
  const appType = str(h, 'appType');
  const open = existing && (existing.status === '2' || existing.status === '100');
  if (appType === '1' && existing && existing.status !== '100' && existing.status !== 'cancelled') {
    return finding(
      '-621004',
      'inventory.orderNo',
      `清单[${existing.invt_no}]已经申报过，请勿重复申报`,
      `inventory ${existing.invt_no} was already declared`,
    );
  }
  if (appType !== '1' && !existing) {
    return finding(
      '-621011',
      'inventory.appType',
      `不存在已申报的清单[${str(h, 'orderNo')}]，无法进行改单操作`,
      `no declared inventory for order ${str(h, 'orderNo')} to change`,
    );
  }
  if (appType === '3' && existing) {
    return finding(
      '-621012',
      'inventory.appType',
      `清单[${existing.invt_no}]的申报状态（${existing.status}）不符合改单申报的条件：已申报的清单不能以 appType=3 删除，撤销请发送撤销申请单（CEB623）`,
      `inventory ${existing.invt_no} (status ${existing.status}) cannot be deleted with appType 3: withdraw a declared inventory with a cancel application (CEB623)`,
    );
  }
  if (appType !== '1' && existing && !open) {
    return finding(
      '-621012',
      'inventory.appType',
      `清单[${existing.invt_no}]的申报状态（${existing.status}）不符合改单申报的条件`,
      `inventory ${existing.invt_no} in status ${existing.status} can no longer be changed`,
    );
  }
  return null;
}

/** The inventory row a declaration makes: waiting (status 2) for its set until the time-out. */
function inventoryRow(
  ctx: BatchContext,
  input: UnitInput,
  existing: CebInventoryRow | undefined,
  numbers: { preNo: string; invtNo: string },
): CebInventoryRow {
  const { spec, unit } = input;
  const h = unit.head;
  return {
    doc_key: spec.key(h),
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
}

export async function declareInventory(
  ctx: BatchContext,
  input: UnitInput,
  assigned: { preNo: string; invtNo: string },
): Promise<UnitResult> {
  const { spec, unit } = input;
  const h = unit.head;
  const key = spec.key(h);
  const existing = await ctx.getInventory(key, str(h, 'orderNo'));
  const numbers = { preNo: existing?.pre_no ?? assigned.preNo, invtNo: existing?.invt_no ?? assigned.invtNo };
  const problem = declarationProblem(h, existing);
  // A refused first declaration gets no invtNo (none was issued); a refused change names its inventory's.
  if (problem) return refused(key, [problem], existing ? numbers : { preNo: numbers.preNo });
  const appType = str(h, 'appType');
  const latest = await ctx.latestDocument(key);
  await appendDocument(ctx, { ...input, ...numbers, version: (latest?.version ?? 0) + 1 });
  const row = inventoryRow(ctx, input, existing, numbers);
  if (existing) {
    // Declared again (appType 1 after a rejection or a cancel) or changed (2): waiting for its set again.
    assertMove(existing.status, '2');
    const { doc_key: _k, version: _v, ...changes } = row;
    const ok = ctx.updateInventory(existing, changes);
    if (!ok) throw new Error(`inventory ${key} changed concurrently under the set lock`);
  } else {
    ctx.insertInventory(row);
  }
  ctx.recordStatus({
    docKey: key,
    status: '2',
    previous: existing?.status ?? null,
    actor: input.actor,
    reason: appType === '1' ? '清单申报 / declared' : '清单变更 / changed',
  });
  const current: CebInventoryRow = row;
  const outcome = await tryCompleteSet(ctx, current, input.actor, true);
  return { ...outcome, docKey: key, ...numbers };
}
