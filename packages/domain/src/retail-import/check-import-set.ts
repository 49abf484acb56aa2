/**
 * 三单对碰: the cross-document checks of one import set (order CEB311, payment CEB411, waybill CEB511,
 * inventory CEB621), all problems at once. Pure: the caller finds the four units (by orderNo + ebpCode,
 * logisticsCode + logisticsNo) and decides what the findings mean for the receipt.
 *
 * Input units come from validated messages (readCebDeclaration), so amounts are exact decimal(19,5) text;
 * they are compared as Decimal, never as floats, and `1.0` equals `1.00`. Texts are compared exactly
 * (the format check has already normalised white space), except ID numbers, whose check character `X`
 * may be written in either case.
 *
 * Check → spec error code (§7 table 7-2). The spec has no dedicated codes for 三单对碰 mismatches; a
 * fault inside one document gets that document's "参数校验不通过" code, a disagreement between documents
 * the inventory's "清单申报失败，[*]" because it is the declaration that is refused:
 *
 * | check                                                                  | code    |
 * |------------------------------------------------------------------------|---------|
 * | order acturalPaid = goodsValue + freight + taxTotal − discount         | -301008 |
 * | order goodsValue = Σ line totalPrice; line totalPrice = price × qty    | -301008 |
 * | order orderType I; order and line currency = policy currency (142)     | -301008 |
 * | order line gnum repeated                                               | -301002 |
 * | payment currency 142                                                   | -401009 |
 * | waybill currency 142; waybill packNo 1                                 | -504011 |
 * | inventory ieFlag I, currency 142 (head, lines), packNo 1               | -621001 |
 * | inventory line totalPrice = price × qty                                | -621001 |
 * | inventory line gnum repeated                                           | -621027 |
 * | payment amountPaid = order acturalPaid                                 | -621003 |
 * | inventory lines 1:1 with order lines by gnum, same gname, qty, total   | -621003 |
 * | consignee name / phone / address equal on order and waybill            | -621003 |
 * | inventory consigneeAddress = order consigneeAddress                    | -621003 |
 * | inventory buyer (name, ID type, ID number, phone) = order buyer        | -621003 |
 * | payer (payerName, payerIdNumber) ≠ buyer: policy warn or reject        | -621003 |
 * | references: payment orderNo/ebpCode, order payCode/payTransactionId,   | -621003 |
 * |   waybill orderNo, inventory orderNo/ebpCode/ebcCode/logisticsCode/No  |         |
 */
import type { Decimal } from '../money';
import { compare, decimal, formatDecimal, mul, sub, sum } from '../money';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../privacy';
import { type RetailFinding, retailError } from './finding';
import type { ImportSet, ImportSetPaths } from './import-set';
import { importSetPaths } from './import-set';
import type { RetailImportPolicy } from './policy';

/** Every cross-document problem of the set (empty: the four documents agree). */
export function checkImportSet(set: ImportSet, policy: RetailImportPolicy): RetailFinding[] {
  const at = importSetPaths(set.unitIndexes);
  return [
    ...checkOrderAmounts(set, at),
    ...checkPaymentAmount(set, at),
    ...checkLines(set, at),
    ...checkConsignee(set, at),
    ...checkBuyer(set, at),
    ...checkPayer(set, at, policy),
    ...checkCodes(set, at, policy),
    ...checkReferences(set, at),
  ];
}

const num = (text: string): Decimal => decimal(text);
const same = (a: string, b: string): boolean => compare(num(a), num(b)) === 0;

function checkOrderAmounts(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const h = set.order.head;
  const out: RetailFinding[] = [];
  const expected = sub(sum([num(h.goodsValue), num(h.freight), num(h.taxTotal)]), num(h.discount));
  if (compare(expected, num(h.acturalPaid)) !== 0) {
    const formula = `${h.goodsValue} + ${h.freight} + ${h.taxTotal} − ${h.discount} = ${formatDecimal(expected)}`;
    out.push(
      retailError(
        '-301008',
        at.order('acturalPaid'),
        `订单实际支付金额（acturalPaid）${h.acturalPaid} 不等于商品价格+运杂费+代扣税款−非现金抵扣金额：${formula}`,
        `order acturalPaid ${h.acturalPaid} is not goodsValue + freight + taxTotal − discount: ${formula}`,
      ),
    );
  }
  const linesTotal = sum(set.order.lists.map((l) => num(l.totalPrice)));
  if (set.order.lists.length > 0 && compare(linesTotal, num(h.goodsValue)) !== 0) {
    out.push(
      retailError(
        '-301008',
        at.order('goodsValue'),
        `订单商品价格（goodsValue）${h.goodsValue} 不等于各商品总价（totalPrice）之和 ${formatDecimal(linesTotal)}`,
        `order goodsValue ${h.goodsValue} is not the sum of the line totalPrice values, ${formatDecimal(linesTotal)}`,
      ),
    );
  }
  set.order.lists.forEach((line, i) => {
    const product = mul(num(line.price), num(line.qty));
    if (compare(product, num(line.totalPrice)) !== 0) {
      out.push(
        retailError(
          '-301008',
          at.orderLine(i, 'totalPrice'),
          `订单商品 ${line.gnum} 总价（totalPrice）${line.totalPrice} 不等于单价×数量 ${line.price} × ${line.qty} = ${formatDecimal(product)}`,
          `order line ${line.gnum}: totalPrice ${line.totalPrice} is not price × qty ${line.price} × ${line.qty} = ${formatDecimal(product)}`,
        ),
      );
    }
  });
  return out;
}

function checkPaymentAmount(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const paid = set.payment.head.amountPaid;
  const actural = set.order.head.acturalPaid;
  if (same(paid, actural)) return [];
  return [
    retailError(
      '-621003',
      at.payment('amountPaid'),
      `支付凭证支付金额（amountPaid）${paid} 与订单实际支付金额（acturalPaid）${actural} 不一致`,
      `payment amountPaid ${paid} differs from the order's acturalPaid ${actural}`,
    ),
  ];
}

type Line = { readonly gnum: number; readonly qty: string; readonly totalPrice: string };

function duplicateGnums(lines: readonly Line[]): Set<number> {
  const seen = new Set<number>();
  const dup = new Set<number>();
  for (const l of lines) (seen.has(l.gnum) ? dup : seen).add(l.gnum);
  return dup;
}

function checkLines(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const out: RetailFinding[] = [];
  const orderLines = set.order.lists;
  const invLines = set.inventory.lists;
  for (const gnum of duplicateGnums(orderLines)) {
    const i = orderLines.findLastIndex((l) => l.gnum === gnum);
    out.push(
      retailError(
        '-301002',
        at.orderLine(i, 'gnum'),
        `订单商品序号（gnum）${gnum} 重复`,
        `order line number (gnum) ${gnum} is repeated`,
      ),
    );
  }
  for (const gnum of duplicateGnums(invLines)) {
    const i = invLines.findLastIndex((l) => l.gnum === gnum);
    out.push(
      retailError(
        '-621027',
        at.inventoryLine(i, 'gnum'),
        `清单商品序号（gnum）${gnum} 重复`,
        `inventory line number (gnum) ${gnum} is repeated`,
      ),
    );
  }
  invLines.forEach((line, i) => {
    const product = mul(num(line.price), num(line.qty));
    if (compare(product, num(line.totalPrice)) !== 0) {
      out.push(
        retailError(
          '-621001',
          at.inventoryLine(i, 'totalPrice'),
          `清单商品 ${line.gnum} 总价（totalPrice）${line.totalPrice} 不等于单价×数量 ${line.price} × ${line.qty} = ${formatDecimal(product)}`,
          `inventory line ${line.gnum}: totalPrice ${line.totalPrice} is not price × qty ${line.price} × ${line.qty} = ${formatDecimal(product)}`,
        ),
      );
    }
    const match = orderLines.find((l) => l.gnum === line.gnum);
    if (match === undefined) {
      out.push(
        retailError(
          '-621003',
          at.inventoryLine(i, 'gnum'),
          `清单商品序号（gnum）${line.gnum} 在订单 ${set.order.head.orderNo} 中不存在`,
          `inventory line gnum ${line.gnum} has no order line in order ${set.order.head.orderNo}`,
        ),
      );
      return;
    }
    out.push(...compareLine(line, match, at.inventoryLine.bind(null, i)));
  });
  orderLines.forEach((line, i) => {
    if (!invLines.some((l) => l.gnum === line.gnum)) {
      out.push(
        retailError(
          '-621003',
          at.orderLine(i, 'gnum'),
          `订单商品 ${line.gnum}（${line.itemName}）在清单中没有对应的表体`,
          `order line ${line.gnum} (${line.itemName}) has no inventory line`,
        ),
      );
    }
  });
  return out;
}

function compareLine(
  inv: ImportSet['inventory']['lists'][number],
  order: ImportSet['order']['lists'][number],
  path: (field: string) => string,
): RetailFinding[] {
  const out: RetailFinding[] = [];
  if (inv.gname !== order.itemName) {
    out.push(
      retailError(
        '-621003',
        path('gname'),
        `清单商品 ${inv.gnum} 名称（gname）"${inv.gname}" 与订单商品名称（itemName）"${order.itemName}" 不一致`,
        `inventory line ${inv.gnum}: gname "${inv.gname}" differs from the order's itemName "${order.itemName}"`,
      ),
    );
  }
  for (const field of ['qty', 'totalPrice'] as const) {
    if (!same(inv[field], order[field])) {
      out.push(
        retailError(
          '-621003',
          path(field),
          `清单商品 ${inv.gnum} ${field === 'qty' ? '数量' : '总价'}（${field}）${inv[field]} 与订单 ${order[field]} 不一致`,
          `inventory line ${inv.gnum}: ${field} ${inv[field]} differs from the order's ${order[field]}`,
        ),
      );
    }
  }
  return out;
}

type Masker = (value: string) => string;

interface Pair {
  readonly zh: string;
  readonly field: string;
  readonly otherField: string;
  readonly value: string;
  readonly other: string;
  readonly mask: Masker;
}

function mismatches(pairs: readonly Pair[], path: (f: string) => string, where: [string, string]) {
  const [thisDocZh, otherDocZh] = where;
  return pairs
    .filter((p) =>
      p.mask === maskIdNumber ? p.value.toUpperCase() !== p.other.toUpperCase() : p.value !== p.other,
    )
    .map((p) =>
      retailError(
        '-621003',
        path(p.field),
        `${thisDocZh}${p.zh}（${p.field}）${p.mask(p.value)} 与${otherDocZh}（${p.otherField}）${p.mask(p.other)} 不一致`,
        `${p.field} ${p.mask(p.value)} differs from ${p.otherField} ${p.mask(p.other)}`,
      ),
    );
}

function checkConsignee(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const o = set.order.head;
  const w = set.waybill.head;
  const inv = set.inventory.head;
  const waybill = mismatches(
    [
      {
        zh: '收货人',
        field: 'consignee',
        otherField: 'consignee',
        value: w.consignee,
        other: o.consignee,
        mask: maskName,
      },
      {
        zh: '收货人电话',
        field: 'consigneeTelephone',
        otherField: 'consigneeTelephone',
        value: w.consigneeTelephone,
        other: o.consigneeTelephone,
        mask: maskPhone,
      },
      {
        zh: '收货地址',
        field: 'consigneeAddress',
        otherField: 'consigneeAddress',
        value: w.consigneeAddress,
        other: o.consigneeAddress,
        mask: maskAddress,
      },
    ],
    at.waybill,
    ['运单', '订单'],
  ).map((f) => ({ ...f, en: `waybill ${f.en} on the order` }));
  const inventory = mismatches(
    [
      {
        zh: '收件地址',
        field: 'consigneeAddress',
        otherField: 'consigneeAddress',
        value: inv.consigneeAddress,
        other: o.consigneeAddress,
        mask: maskAddress,
      },
    ],
    at.inventory,
    ['清单', '订单'],
  ).map((f) => ({ ...f, en: `inventory ${f.en} on the order` }));
  return [...waybill, ...inventory];
}

function checkBuyer(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const o = set.order.head;
  const v = set.inventory.head;
  const keep: Masker = (s) => s;
  return mismatches(
    [
      {
        zh: '订购人姓名',
        field: 'buyerName',
        otherField: 'buyerName',
        value: v.buyerName,
        other: o.buyerName,
        mask: maskName,
      },
      {
        zh: '订购人证件类型',
        field: 'buyerIdType',
        otherField: 'buyerIdType',
        value: v.buyerIdType,
        other: o.buyerIdType,
        mask: keep,
      },
      {
        zh: '订购人证件号码',
        field: 'buyerIdNumber',
        otherField: 'buyerIdNumber',
        value: v.buyerIdNumber,
        other: o.buyerIdNumber,
        mask: maskIdNumber,
      },
      {
        zh: '订购人电话',
        field: 'buyerTelephone',
        otherField: 'buyerTelephone',
        value: v.buyerTelephone,
        other: o.buyerTelephone,
        mask: maskPhone,
      },
    ],
    at.inventory,
    ['清单', '订单'],
  ).map((f) => ({ ...f, en: `inventory ${f.en} on the order` }));
}

function checkPayer(set: ImportSet, at: ImportSetPaths, policy: RetailImportPolicy): RetailFinding[] {
  const p = set.payment.head;
  const o = set.order.head;
  const severity = policy.payerDifferentFromBuyer === 'reject' ? 'error' : 'warning';
  return mismatches(
    [
      {
        zh: '支付人证件号码',
        field: 'payerIdNumber',
        otherField: 'buyerIdNumber',
        value: p.payerIdNumber,
        other: o.buyerIdNumber,
        mask: maskIdNumber,
      },
      {
        zh: '支付人姓名',
        field: 'payerName',
        otherField: 'buyerName',
        value: p.payerName,
        other: o.buyerName,
        mask: maskName,
      },
    ],
    at.payment,
    ['支付凭证', '订单订购人'],
  ).map((f) => ({
    ...f,
    severity,
    zh: `${f.zh}：支付人与订购人不是同一人，${severity === 'error' ? '不予接受' : '需核实订购人身份'}（${policy.source}）`,
    en: `payment ${f.en} of the order's buyer: payer and buyer differ, ${severity === 'error' ? 'refused' : 'buyer identity to be verified'}`,
  }));
}

function checkCodes(set: ImportSet, at: ImportSetPaths, policy: RetailImportPolicy): RetailFinding[] {
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

function checkReferences(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
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
