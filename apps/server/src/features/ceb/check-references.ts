/**
 * Units that name other documents must name ones Kouan knows: a waybill status (CEB513) and a
 * warehouse entry (CEB711) their import waybills (CEB511), a waybill list (CEB607) and a summary
 * application (CEB701) their export inventories (CEB603), neither deleted nor cancelled. A delete
 * (appType 3) names nothing that must still be there; a change of a missing document is left to
 * storeDocument's not-found answer.
 */
import type { BatchContext } from './batch-context';
import type { CebExportInventoryRow } from './ceb.repository';
import { str, type UnitKind } from './ceb-units';
import type { Finding, SetUnit } from './checks';
import { finding } from './store-document';
import type { UnitInput } from './unit-result';

const waybillKey = (logisticsCode: string, logisticsNo: string) => `waybill:${logisticsCode}:${logisticsNo}`;

/** The import waybills a unit names (read ahead with the batch). */
export function waybillKeysNamed(kind: UnitKind, unit: SetUnit): string[] {
  const h = unit.head;
  if (kind === 'waybill_status') return [waybillKey(str(h, 'logisticsCode'), str(h, 'logisticsNo'))];
  if (kind === 'delivery')
    return unit.lists.map((l) => waybillKey(str(h, 'logisticsCode'), str(l, 'logisticsNo')));
  return [];
}

/** The export inventories a unit names by invtNo (read ahead with the batch). */
export function exportInvtNosNamed(kind: UnitKind, unit: SetUnit): string[] {
  if (kind === 'export_cancel') return [str(unit.head, 'invtNo')];
  if (kind === 'export_waybill_list' || kind === 'export_summary')
    return unit.lists.map((l) => str(l, 'invtNo')).filter((n) => n !== '');
  return [];
}

/** What a unit names that Kouan does not know (each with the field and the value); empty when all is known. */
export async function referenceFindings(ctx: BatchContext, input: UnitInput): Promise<Finding[]> {
  const { spec, unit } = input;
  const appType = str(unit.head, 'appType');
  if (appType === '3') return [];
  // A change of a document that does not exist is answered as such (its type's not-found code) by
  // storeDocument, not with what its lines name.
  if (appType === '2') {
    const latest = await ctx.latestDocument(spec.key(unit.head));
    if (!latest || latest.app_type === '3') return [];
  }
  switch (spec.kind) {
    case 'waybill_status':
      return waybillStatusFindings(ctx, unit);
    case 'delivery':
      return deliveryFindings(ctx, unit);
    case 'export_waybill_list':
    case 'export_summary':
      return listedInventoryFindings(ctx, input);
    default:
      return [];
  }
}

async function knownWaybill(ctx: BatchContext, key: string): Promise<boolean> {
  const row = await ctx.latestDocument(key);
  return row !== undefined && row.app_type !== '3';
}

async function waybillStatusFindings(ctx: BatchContext, unit: SetUnit): Promise<Finding[]> {
  const code = str(unit.head, 'logisticsCode');
  const no = str(unit.head, 'logisticsNo');
  if (await knownWaybill(ctx, waybillKey(code, no))) return [];
  return [
    finding(
      '-505014',
      'waybill_status.logisticsNo',
      `物流运单状态报文处理失败，未找到对应操作：物流企业[${code}]的运单[${no}]在系统中不存在（须先申报运单 CEB511）`,
      `no waybill ${no} of ${code} is known: a waybill status needs its waybill (CEB511) first`,
    ),
  ];
}

async function deliveryFindings(ctx: BatchContext, unit: SetUnit): Promise<Finding[]> {
  const code = str(unit.head, 'logisticsCode');
  const out: Finding[] = [];
  for (const [i, line] of unit.lists.entries()) {
    const no = str(line, 'logisticsNo');
    if (await knownWaybill(ctx, waybillKey(code, no))) continue;
    const gnum = str(line, 'gnum') || String(i + 1);
    out.push(
      finding(
        '-800001',
        `delivery.list[${gnum}].logisticsNo`,
        `校验不通过，入库明细单第${gnum}项：物流企业[${code}]的运单[${no}]在系统中不存在`,
        `validation failed: line ${gnum} names waybill ${no} of ${code}, which is not known`,
      ),
    );
  }
  return out;
}

/** Why an export inventory cannot be named, in both languages; null when it can. */
function unusable(
  inv: CebExportInventoryRow | undefined,
  namedBy: readonly string[],
): { zh: string; en: string } | null {
  // An inventory the sender is not party to reads as unknown: its existence is not theirs.
  if (!inv?.party_codes.some((c) => namedBy.includes(c))) return { zh: '在系统中不存在', en: 'is not known' };
  if (inv.status === 'cancelled') return { zh: '已撤销（CEB605）', en: 'was cancelled (CEB605)' };
  if (inv.status === 'deleted') return { zh: '已删除', en: 'was deleted' };
  return null;
}

async function listedInventoryFindings(ctx: BatchContext, input: UnitInput): Promise<Finding[]> {
  const { spec, unit } = input;
  const summary = spec.kind === 'export_summary';
  // A summary of a time range ignores its list (spec: "如指定时间范围将忽略表体数据").
  if (summary && str(unit.head, 'startTime') !== '' && str(unit.head, 'endTime') !== '') return [];
  // The sender itself must be a party to each inventory it lists: codes it merely names in its own
  // head would let anyone vouch for anyone.
  const namedBy = [input.copCode];
  const out: Finding[] = [];
  for (const [i, line] of unit.lists.entries()) {
    const invtNo = str(line, 'invtNo');
    if (invtNo === '') continue;
    const why = unusable(await ctx.exportInventories.getByInvtNo(invtNo), namedBy);
    if (!why) continue;
    const n = summary ? String(i + 1) : str(line, 'gnum') || String(i + 1);
    out.push(
      finding(
        summary ? '-9701003' : '-9607003',
        `${spec.kind}.list[${n}].invtNo`,
        `${summary ? '汇总申请单' : '清单总分单'}第${n}项所列清单[${invtNo}]${why.zh}`,
        `line ${n} of the ${summary ? 'summary application' : 'waybill list'} names inventory ${invtNo}, which ${why.en}`,
      ),
    );
  }
  return out;
}
