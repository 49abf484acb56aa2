/** 三单对碰, amounts and lines: the order's own sums, the payment against the order, lines 1:1 by gnum. */
import type { CebErrorCode } from '../ceb';
import type { Decimal } from '../money';
import { compare, decimal, formatDecimal, mul, sub, sum } from '../money';
import { type RetailFinding, retailError } from './finding';
import type { ImportSet, ImportSetPaths } from './import-set';

const num = (text: string): Decimal => decimal(text);
const same = (a: string, b: string): boolean => compare(num(a), num(b)) === 0;

/**
 * The order's own sums (-301008): acturalPaid = goodsValue + freight + taxTotal − discount, goodsValue
 * = Σ totalPrice, totalPrice = price × qty. Needs only the order: checked when the CEB311 arrives, and
 * again in the set.
 */
export function checkOrderAmounts(
  order: ImportSet['order'],
  at: Pick<ImportSetPaths, 'order' | 'orderLine'>,
): RetailFinding[] {
  const h = order.head;
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
  const linesTotal = sum(order.lists.map((l) => num(l.totalPrice)));
  if (order.lists.length > 0 && compare(linesTotal, num(h.goodsValue)) !== 0) {
    out.push(
      retailError(
        '-301008',
        at.order('goodsValue'),
        `订单商品价格（goodsValue）${h.goodsValue} 不等于各商品总价（totalPrice）之和 ${formatDecimal(linesTotal)}`,
        `order goodsValue ${h.goodsValue} is not the sum of the line totalPrice values, ${formatDecimal(linesTotal)}`,
      ),
    );
  }
  order.lists.forEach((line, i) => {
    out.push(...lineTotalFinding(line, '-301008', at.orderLine(i, 'totalPrice'), ORDER));
  });
  return out;
}

export function checkPaymentAmount(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
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
type PricedLine = Line & { readonly price: string };
/** Whose lines a finding is about, in both languages. */
type Side = { readonly zh: string; readonly en: string };
const ORDER: Side = { zh: '订单', en: 'order' };
const INVENTORY: Side = { zh: '清单', en: 'inventory' };

/** The finding when a line's totalPrice is not price × qty. */
function lineTotalFinding(line: PricedLine, code: CebErrorCode, path: string, side: Side): RetailFinding[] {
  const product = mul(num(line.price), num(line.qty));
  if (compare(product, num(line.totalPrice)) === 0) return [];
  return [
    retailError(
      code,
      path,
      `${side.zh}商品 ${line.gnum} 总价（totalPrice）${line.totalPrice} 不等于单价×数量 ${line.price} × ${line.qty} = ${formatDecimal(product)}`,
      `${side.en} line ${line.gnum}: totalPrice ${line.totalPrice} is not price × qty ${line.price} × ${line.qty} = ${formatDecimal(product)}`,
    ),
  ];
}

/** One finding per repeated gnum, at its last occurrence. */
function duplicateGnumFindings(
  lines: readonly Line[],
  code: CebErrorCode,
  pathOf: (i: number) => string,
  side: Side,
): RetailFinding[] {
  const seen = new Set<number>();
  const dup = new Set<number>();
  for (const l of lines) (seen.has(l.gnum) ? dup : seen).add(l.gnum);
  return [...dup].map((gnum) =>
    retailError(
      code,
      pathOf(lines.findLastIndex((l) => l.gnum === gnum)),
      `${side.zh}商品序号（gnum）${gnum} 重复`,
      `${side.en} line number (gnum) ${gnum} is repeated`,
    ),
  );
}

export function checkLines(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const out: RetailFinding[] = [];
  const orderLines = set.order.lists;
  const invLines = set.inventory.lists;
  out.push(...duplicateGnumFindings(orderLines, '-301002', (i) => at.orderLine(i, 'gnum'), ORDER));
  out.push(...duplicateGnumFindings(invLines, '-621027', (i) => at.inventoryLine(i, 'gnum'), INVENTORY));
  invLines.forEach((line, i) => {
    out.push(...lineTotalFinding(line, '-621001', at.inventoryLine(i, 'totalPrice'), INVENTORY));
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
