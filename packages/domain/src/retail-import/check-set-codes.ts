/** 三单对碰, codes: the import flags and currency the policy requires, and the references between the documents. */
import { type RetailFinding, retailError } from './finding';
import type { ImportSet, ImportSetPaths } from './import-set';
import type { RetailImportPolicy } from './policy';

export function checkCodes(set: ImportSet, at: ImportSetPaths, policy: RetailImportPolicy): RetailFinding[] {
  const out: RetailFinding[] = [];
  const cur = policy.importCurrency;
  const requireValue = (
    code: Parameters<typeof retailError>[0],
    path: string,
    actual: string,
    wanted: string,
    zh: string,
  ) => {
    if (actual !== wanted)
      out.push(
        retailError(
          code,
          path,
          `${zh} ${actual}，进口应为 ${wanted}`,
          `${path.split('/').pop()} is ${actual}; import requires ${wanted}`,
        ),
      );
  };
  requireValue('-301008', at.order('orderType'), set.order.head.orderType, 'I', '订单类型（orderType）为');
  requireValue('-301008', at.order('currency'), set.order.head.currency, cur, '订单币制（currency）为');
  for (const [i, l] of set.order.lists.entries())
    requireValue(
      '-301008',
      at.orderLine(i, 'currency'),
      l.currency,
      cur,
      `订单商品 ${l.gnum} 币制（currency）为`,
    );
  requireValue(
    '-401009',
    at.payment('currency'),
    set.payment.head.currency,
    cur,
    '支付凭证币制（currency）为',
  );
  requireValue('-504011', at.waybill('currency'), set.waybill.head.currency, cur, '运单币制（currency）为');
  requireValue(
    '-504011',
    at.waybill('packNo'),
    String(set.waybill.head.packNo),
    String(policy.packNo),
    '运单包裹数（packNo）为',
  );
  const v = set.inventory.head;
  requireValue('-621001', at.inventory('ieFlag'), v.ieFlag, 'I', '清单进出口标记（ieFlag）为');
  requireValue('-621001', at.inventory('currency'), v.currency, cur, '清单币制（currency）为');
  requireValue(
    '-621001',
    at.inventory('packNo'),
    String(v.packNo),
    String(policy.packNo),
    '清单件数（packNo）为',
  );
  for (const [i, l] of set.inventory.lists.entries())
    requireValue(
      '-621001',
      at.inventoryLine(i, 'currency'),
      l.currency,
      cur,
      `清单商品 ${l.gnum} 币制（currency）为`,
    );
  return out;
}

export function checkReferences(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const o = set.order.head;
  const p = set.payment.head;
  const w = set.waybill.head;
  const v = set.inventory.head;
  const refs: [string, string, string | undefined, string, string][] = [
    // [path, field, value here, value it must equal, where that value is (zh)]
    [at.payment('orderNo'), 'orderNo', p.orderNo, o.orderNo, '订单编号'],
    [at.payment('ebpCode'), 'ebpCode', p.ebpCode, o.ebpCode, '订单电商平台代码'],
    [at.order('payCode'), 'payCode', o.payCode, p.payCode, '支付凭证支付企业代码'],
    [
      at.order('payTransactionId'),
      'payTransactionId',
      o.payTransactionId,
      p.payTransactionId,
      '支付凭证支付流水号',
    ],
    [at.waybill('orderNo'), 'orderNo', w.orderNo, o.orderNo, '订单编号'],
    [at.inventory('orderNo'), 'orderNo', v.orderNo, o.orderNo, '订单编号'],
    [at.inventory('ebpCode'), 'ebpCode', v.ebpCode, o.ebpCode, '订单电商平台代码'],
    [at.inventory('ebcCode'), 'ebcCode', v.ebcCode, o.ebcCode, '订单电商企业代码'],
    [at.inventory('logisticsCode'), 'logisticsCode', v.logisticsCode, w.logisticsCode, '运单物流企业代码'],
    [at.inventory('logisticsNo'), 'logisticsNo', v.logisticsNo, w.logisticsNo, '运单编号'],
  ];
  return refs
    .filter(([, , value, wanted]) => value !== undefined && value !== wanted)
    .map(([path, field, value, wanted, whereZh]) =>
      retailError(
        '-621003',
        path,
        `${field} ${value} 与${whereZh} ${wanted} 不一致，单证无法对碰`,
        `${field} ${value} does not match ${wanted} (${ENGLISH_SOURCE[whereZh] ?? whereZh}); the documents do not refer to each other`,
      ),
    );
}

const ENGLISH_SOURCE: Readonly<Record<string, string>> = {
  订单编号: "the order's orderNo",
  订单电商平台代码: "the order's ebpCode",
  订单电商企业代码: "the order's ebcCode",
  支付凭证支付企业代码: "the payment's payCode",
  支付凭证支付流水号: "the payment's payTransactionId",
  运单物流企业代码: "the waybill's logisticsCode",
  运单编号: "the waybill's logisticsNo",
};
