/**
 * An export inventory (CEB603): stored as a document version like every export declaration, with
 * its state kept for the export cross-checks (export-inventory-status.ts). Its numbers are issued
 * once — preNo 电子口岸标识唯一编号, invtNo 海关审结标识唯一编号 — and every later answer about the
 * same document (a change, a delete, a declaration again after a delete, a refused duplicate) names
 * them; a refused first declaration names none customs did not issue.
 */
import type { BatchContext } from './batch-context';
import { str } from './ceb-units';
import { changeExportInventoryStatus, insertExportInventory } from './export-inventory-status';
import { finding, storeDocument } from './store-document';
import { acceptedInfo, refused, type UnitInput, type UnitResult } from './unit-result';

const REASONS = {
  '1': '出口清单申报 / declared',
  '2': '出口清单变更 / changed',
  '3': '出口清单删除 / deleted',
} as const;

export async function declareExportInventory(
  ctx: BatchContext,
  input: UnitInput,
  numbers: { preNo: string; assigned: { invtNo: string } },
): Promise<UnitResult> {
  const { spec, unit } = input;
  const h = unit.head;
  const key = spec.key(h);
  const appType = str(h, 'appType') as '1' | '2' | '3';
  const { preNo } = numbers;
  const latest = await ctx.latestDocument(key);
  const existing = await ctx.exportInventories.get(key);
  // The existing document's invtNo (documents stored before migration 0018 carry it too).
  const invtNo = existing?.invt_no ?? latest?.invt_no ?? null;
  const known = invtNo ? { preNo, invtNo } : { preNo };
  if (existing?.status === 'cancelled' && appType !== '1') {
    return refused(
      key,
      [
        finding(
          '-621012',
          'export_inventory.appType',
          `清单[${invtNo}]的申报状态不符合改单申报的条件：已撤销（CEB605），不能再变更或删除（appType=${appType}）`,
          `inventory ${invtNo} was cancelled (CEB605): it can no longer be changed or deleted (appType ${appType})`,
        ),
      ],
      known,
    );
  }
  if (appType === '1' && latest && latest.app_type !== '3') {
    return refused(
      key,
      [
        finding(
          '-621004',
          'export_inventory.copNo',
          `清单[${invtNo ?? ''}]已经申报过，请勿重复申报（企业唯一编号 copNo ${str(h, 'copNo')}）`,
          `inventory ${invtNo ?? ''} (copNo ${str(h, 'copNo')}) was already declared`,
        ),
      ],
      known,
    );
  }
  const issued = invtNo ?? numbers.assigned.invtNo;
  const stored = await storeDocument(ctx, { ...input, invtNo: issued, preNo });
  if (!stored.ok) return refused(key, [stored.finding], known);
  const change = { actor: input.actor, reason: REASONS[appType] };
  const partyCodes = stored.row.party_codes;
  if (existing) {
    changeExportInventoryStatus(ctx, existing, {
      ...change,
      to: appType === '3' ? 'deleted' : '120',
      partyCodes,
    });
  } else {
    const row = insertExportInventory(
      ctx,
      { doc_key: key, invt_no: issued, party_codes: partyCodes },
      change,
    );
    // A document stored before migration 0018, deleted now: its state starts here.
    if (appType === '3') changeExportInventoryStatus(ctx, row, { ...change, to: 'deleted' });
  }
  return {
    returnStatus: spec.acceptedStatus,
    returnInfo: acceptedInfo(spec.acceptedStatus, appType),
    findings: [],
    docKey: key,
    preNo,
    invtNo: issued,
  };
}
