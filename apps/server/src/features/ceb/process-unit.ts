/**
 * One business unit of an accepted message: party checks, then by kind — store the document (and
 * complete waiting sets), declare an inventory (import or export), cancel one (CEB623, CEB605) or
 * return goods (CEB625).
 */

import type { BatchContext } from './batch-context';
import { cancelExportInventory } from './cancel-export-inventory';
import type { CebDocumentRow } from './ceb.repository';
import { str, type UnitKind, type UnitSpec } from './ceb-units';
import { referenceFindings } from './check-references';
import type { Finding } from './checks';
import { checkOrderUnit } from './checks/assess-import-set';
import { declareExportInventory } from './declare-export-inventory';
import { declareInventory } from './declare-inventory';
import { assignNumbers, sumNoOf, tryCompleteSet } from './import-set';
import { cancelInventory, refundInventory } from './inventory-returns';
import { finding, storeDocument } from './store-document';
import { acceptedInfo, refused, type UnitInput, type UnitResult } from './unit-result';
import { ownPreNo } from './unit-spec';

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

/**
 * The kinds whose receipts carry the e-port's number (preNo): their documents keep it through their
 * versions (ceb_documents.pre_no), so a change or a delete is answered with the number first given.
 */
const NUMBERED: ReadonlySet<UnitKind> = new Set<UnitKind>([
  'inventory',
  'cancel',
  'refund',
  'delivery',
  'export_arrival',
  'export_departure',
  'export_inventory',
  'export_cancel',
  'export_waybill_list',
  'export_summary',
]);

/** The numbers a stored document was given (none before migration 0018 kept its preNo). */
function storedNumbers(
  spec: UnitSpec,
  stored: CebDocumentRow | undefined,
): { preNo: string; invtNo?: string; sumNo?: string } | null {
  if (!stored?.pre_no) return null;
  const invtNo =
    (spec.kind === 'inventory' || spec.kind === 'export_inventory') && stored.invt_no
      ? { invtNo: stored.invt_no }
      : {};
  const sumNo = spec.kind === 'export_summary' ? { sumNo: sumNoOf(stored.pre_no) } : {};
  return { preNo: stored.pre_no, ...invtNo, ...sumNo };
}

/**
 * The refusal of a unit whose key another enterprise's document holds: a new declaration is a
 * duplicate, anything else not permitted. It names nothing of that document but its key.
 */
function notAParty(input: UnitInput, key: string): Finding {
  const { spec, unit, copCode } = input;
  const what = `${spec.kind} ${key.slice(spec.kind.length + 1)}`;
  return str(unit.head, 'appType') === '1'
    ? finding(
        spec.codes.duplicate,
        `${spec.kind}.appType`,
        `单证已存在：${what}，由其他企业申报，[${copCode}]不是其当事企业`,
        `${what} already exists, declared by another enterprise: ${copCode} is not a party to it`,
      )
    : finding(
        spec.codes.noPermission,
        'BaseTransfer.copCode',
        `[${copCode}]没有权限进行操作：不是单证 ${what} 的当事企业`,
        `${copCode} is not a party to ${what} and may not change or delete it`,
      );
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
  const problems = partyFindings(input);
  // A unit refused here was never accepted: its receipt carries the message's own numbers (a preNo
  // is issued when it has none: the receipts require one) and no invtNo customs did not issue —
  // never the numbers of a stored document, whose parties the sender may not be.
  if (problems.length > 0) return refused(key, problems, { preNo: ownPreNo(unit.head) ?? assigned.preNo });
  // A document keeps the numbers it was first given (preNo 电子口岸标识唯一编号, invtNo 海关审结标识
  // 唯一编号, sumNo) through its changes, its delete and a declaration again after a delete.
  // Only a party to the stored document under this key declares over it, changes, deletes or
  // cancels it, or learns its numbers: a key need not hold its sender (a CEB603 is keyed by its
  // agent, its e-commerce enterprise may send it; an import inventory by platform and order).
  const stored = await ctx.latestDocument(key);
  if (stored && !stored.party_codes.includes(input.copCode))
    return refused(key, [notAParty(input, key)], { preNo: ownPreNo(unit.head) ?? assigned.preNo });
  const numbers = storedNumbers(spec, stored);
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
      ...(numbers ?? { preNo: ownPreNo(unit.head) ?? assigned.preNo }),
    };
  }
  const preNo = numbers?.preNo ?? assigned.preNo;
  const result = await declareUnit(ctx, input, { key, preNo, assigned, stored: numbers });
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
  numbers: {
    key: string;
    preNo: string;
    assigned: { preNo: string; invtNo: string };
    /** The numbers of the stored document, when there is one. */
    stored: { preNo: string; invtNo?: string; sumNo?: string } | null;
  },
): Promise<UnitResult> {
  const { spec, unit } = input;
  const { key, preNo, assigned, stored } = numbers;
  switch (spec.kind) {
    case 'inventory':
      return declareInventory(ctx, input, assigned);
    case 'cancel':
      return cancelInventory(ctx, input, preNo);
    case 'refund':
      return refundInventory(ctx, input, preNo);
    case 'export_inventory':
      return declareExportInventory(ctx, input, { preNo, assigned });
    case 'export_cancel':
      return cancelExportInventory(ctx, input, preNo);
    default: {
      // The order's own sums are its sender's to get right: answered in its CEB312, not later in
      // the inventory's receipt.
      if (spec.kind === 'order' && spec.direction === 'import') {
        const sums = checkOrderUnit(unit, input.unitIndex);
        if (sums.length > 0) return refused(key, sums, { preNo });
      }
      // A refusal names the summary's number only when it has one (a stored summary's).
      const known = { preNo, ...(stored?.sumNo ? { sumNo: stored.sumNo } : {}) };
      const references = await referenceFindings(ctx, input);
      if (references.length > 0) return refused(key, references, known);
      const result = await storeDocument(ctx, {
        ...input,
        preNo: NUMBERED.has(spec.kind) ? preNo : undefined,
      });
      if (!result.ok) return refused(key, [result.finding], known);
      const orderNo = spec.orderNo(unit.head);
      if (orderNo && spec.direction === 'import') {
        const waiting = (await ctx.inventoriesForOrder(orderNo)).filter((i) => i.status === '2');
        for (const inv of waiting) {
          await tryCompleteSet(ctx, inv, input.actor, false);
        }
      }
      return {
        returnStatus: spec.acceptedStatus,
        returnInfo: acceptedInfo(spec.acceptedStatus, str(unit.head, 'appType')),
        findings: [],
        docKey: key,
        preNo,
        ...(spec.kind === 'export_summary' ? { sumNo: sumNoOf(preNo) } : {}),
      };
    }
  }
}
