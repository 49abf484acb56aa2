/**
 * A cancel application of an export inventory (CEB605 撤销申请单): accepted (399 审结) only for an
 * inventory Kouan knows, that the sender is a party to (-623003 otherwise, as for one that does not
 * exist), and that is declared, neither deleted nor cancelled (-623005). The inventory is then
 * cancelled: a second cancel is refused, and a waybill list (CEB607) or summary (CEB701) naming it
 * too. An accepted cancel cannot be changed or deleted (appType 2/3): the cancellation stands.
 */
import type { BatchContext } from './batch-context';
import { str } from './ceb-units';
import { changeExportInventoryStatus } from './export-inventory-status';
import { finding, storeDocument } from './store-document';
import { refused, type UnitInput, type UnitResult } from './unit-result';

const STATUS_ZH = { deleted: '已删除', cancelled: '已撤销' } as const;

export async function cancelExportInventory(
  ctx: BatchContext,
  input: UnitInput,
  preNo: string,
): Promise<UnitResult> {
  const { spec, unit } = input;
  const h = unit.head;
  const key = spec.key(h);
  const appType = str(h, 'appType');
  const invtNo = str(h, 'invtNo');
  const copNo = str(h, 'copNo');
  if (appType !== '1') {
    const latest = await ctx.latestDocument(key);
    if (!latest || latest.app_type === '3') {
      return refused(
        key,
        [
          finding(
            '-623004',
            'export_cancel.appType',
            `查无此数据：appType=${appType}，但撤销申请单[${copNo}]不存在`,
            `appType ${appType} but cancel application ${copNo} does not exist`,
          ),
        ],
        { preNo },
      );
    }
    // Every stored cancel was accepted and cancelled its inventory: neither a change nor a delete undoes it.
    const cancelled = latest.invt_no ?? invtNo;
    return refused(
      key,
      [
        appType === '3'
          ? finding(
              '-623013',
              'export_cancel.appType',
              `撤单状态[399 海关审结]不符合删除条件：撤销申请单[${copNo}]已审结，清单[${cancelled}]已撤销`,
              `cancel application ${copNo} was accepted and inventory ${cancelled} cancelled: it cannot be deleted`,
            )
          : finding(
              '-623005',
              'export_cancel.appType',
              `清单的状态（已撤销）不符合撤单申报要求(清单编号[${cancelled}])：撤销申请单[${copNo}]已审结，不能再变更`,
              `inventory ${cancelled} was cancelled by cancel application ${copNo}, which can no longer change`,
            ),
      ],
      { preNo },
    );
  }
  const target = await ctx.exportInventories.getByInvtNo(invtNo);
  // One the sender is not a party to reads as one that does not exist: its existence is not theirs.
  if (!target?.party_codes.includes(input.copCode)) {
    return refused(
      key,
      [
        finding(
          '-623003',
          'export_cancel.invtNo',
          `系统中不存在清单编号为[${invtNo}]的清单`,
          `no export inventory ${invtNo} that ${input.copCode} is a party to`,
        ),
      ],
      { preNo },
    );
  }
  if (target.status !== '120') {
    return refused(
      key,
      [
        finding(
          '-623005',
          'export_cancel.invtNo',
          `清单的状态（${STATUS_ZH[target.status]}）不符合撤单申报要求(清单编号[${invtNo}])`,
          `inventory ${invtNo} was ${target.status}: it cannot be cancelled`,
        ),
      ],
      { preNo },
    );
  }
  const stored = await storeDocument(ctx, { ...input, preNo });
  if (!stored.ok) return refused(key, [stored.finding], { preNo });
  changeExportInventoryStatus(ctx, target, {
    to: 'cancelled',
    actor: input.actor,
    reason: `撤销：${str(h, 'reason')}`,
  });
  return {
    returnStatus: spec.acceptedStatus,
    returnInfo: '撤销申请已审结 / cancellation accepted',
    findings: [],
    docKey: key,
    preNo,
    invtNo: target.invt_no,
  };
}
