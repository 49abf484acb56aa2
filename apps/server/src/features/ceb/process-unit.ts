/**
 * One business unit of an accepted message: party checks, then by kind — store the document (and
 * complete waiting sets), declare an inventory, cancel one (CEB623) or return goods (CEB625).
 */

import type { BatchContext } from './batch-context';
import { str } from './ceb-units';
import type { Finding } from './checks';
import { checkOrderUnit } from './checks/assess-import-set';
import { declareInventory } from './declare-inventory';
import { assignNumbers, tryCompleteSet } from './import-set';
import { cancelInventory, refundInventory } from './inventory-returns';
import { finding, storeDocument } from './store-document';
import { refused, type UnitInput, type UnitResult } from './unit-result';

export type { UnitInput, UnitResult } from './unit-result';

/**
 * The sender must be a party the spec lets send this unit; every named party must be filed, active and
 * filed as a kind its field allows.
 */
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
  for (const role of spec.roles(unit.head)) {
    const problem = input.parties.roleProblem(role);
    if (problem) out.push(finding(problem.code, `${spec.kind}.${role.field}`, problem.zh, problem.en));
  }
  return out;
}

export async function processUnit(ctx: BatchContext, input: UnitInput): Promise<UnitResult> {
  const { spec, unit } = input;
  const key = spec.key(unit.head);
  const assigned = assignNumbers(
    ctx.now,
    str(unit.head, 'customsCode') || '0000',
    spec.direction === 'import' ? 'I' : 'E',
    input.serial,
  );
  const preNo = str(unit.head, 'preNo') || assigned.preNo;
  const problems = partyFindings(input);
  // A unit refused here was never accepted: its receipt carries no invtNo (customs issued none).
  if (problems.length > 0) return refused(key, problems, { preNo });
  // appStatus 1 (暂存) saves a unit at the e-port without declaring it (spec: "1-暂存,2-申报"; the
  // receipts' state 1 is 电子口岸已暂存). The message is kept like every accepted message, with its
  // receipt and evidence; the unit is not declared: no document version, no matching, no quota, no
  // lifecycle. Sending it again with appStatus 2 declares it. A conformance check (dry run) checks a
  // saved unit as if declared — what an enterprise testing its connection wants to know — and says so.
  const saved = str(unit.head, 'appStatus') === '1';
  if (saved && !ctx.dryRun) {
    return {
      returnStatus: '1',
      returnInfo:
        '电子口岸已暂存：appStatus=1 为暂存，未向海关申报；以 appStatus=2 重新发送即申报 / saved, not declared: send it with appStatus 2 to declare',
      findings: [],
      docKey: key,
      preNo,
    };
  }
  const result = await declareUnit(ctx, input, { key, preNo, assigned });
  if (!saved) return result;
  return {
    ...result,
    findings: [
      ...result.findings,
      {
        code: '1',
        severity: 'warning',
        field: `${spec.kind}.appStatus`,
        zh: 'appStatus=1（暂存）：已按申报（appStatus=2）校验；正式发送 appStatus=1 的报文只暂存，不申报',
        en: 'appStatus 1 (saved): checked as if declared (appStatus 2); sent for real, a saved message is kept, not declared',
      },
    ],
  };
}

/** A unit declared (or, for a dry run, checked as if declared): by kind. */
async function declareUnit(
  ctx: BatchContext,
  input: UnitInput,
  numbers: { key: string; preNo: string; assigned: { preNo: string; invtNo: string } },
): Promise<UnitResult> {
  const { spec, unit } = input;
  const { key, preNo, assigned } = numbers;
  switch (spec.kind) {
    case 'inventory':
      return declareInventory(ctx, input, assigned);
    case 'cancel':
      return cancelInventory(ctx, input, preNo);
    case 'refund':
      return refundInventory(ctx, input, preNo);
    default: {
      // The order's own sums are its sender's to get right: answered in its CEB312, not later in
      // the inventory's receipt.
      if (spec.kind === 'order' && spec.direction === 'import') {
        const sums = checkOrderUnit(unit, input.unitIndex);
        if (sums.length > 0) return refused(key, sums, { preNo });
      }
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
