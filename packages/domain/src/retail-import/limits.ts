/**
 * Retail-import limits on the dutiable value (完税价格) of one inventory: Σ line totalPrice + freight +
 * insuredFee of the inventory head, in CNY. The price is the actual transaction price including the
 * non-cash discounts (order goodsValue "含非现金抵扣金额"), so discounts are not deducted; tax is not part
 * of the value.
 *
 * Single transaction (-621005): value > policy.perTransactionLimitCny is refused, except under 49号
 * (`singleItemOverLimit: 'full-tax'`) an inventory of ONE item — exactly one line whose qty is 1 — with a
 * value below the annual limit ("完税价格超过5000元单次交易限值但低于26000元年度交易限值，且订单下仅一件商品
 * 时 … 按照货物税率全额征收"). "仅一件商品" is read as one piece: two units of the same product can be
 * bought in two transactions, and 18号 spoke of a "单个不可分割商品". The amount still counts towards the
 * annual total (the caller adds `valueCny` like any other).
 * Annual (-621018): used + this value > policy.annualLimitCny for the buyer's ID in the calendar year.
 */
import type { CebDeclarationUnit } from '../ceb';
import type { Decimal } from '../money';
import { add, compare, decimal, formatDecimal, sum } from '../money';
import { maskIdNumber } from '../privacy';
import { type RetailFinding, retailError } from './finding';
import type { RetailImportPolicy } from './policy';

type Inventory = CebDeclarationUnit<'CEB621Message'>;

/** Text of a CNY amount with at least 2 decimals, never dropping digits (`5000` → `5000.00`). */
export function formatCny(value: Decimal): string {
  return formatDecimal(value, Math.max(2, value.scale));
}

/** The inventory's dutiable value: Σ line totalPrice + freight + insuredFee, exact. */
export function inventoryDutiableValue(inventory: Inventory): Decimal {
  const goods = sum(inventory.lists.map((l) => decimal(l.totalPrice)));
  return sum([goods, decimal(inventory.head.freight), decimal(inventory.head.insuredFee)]);
}

/** One line with qty 1: the "仅一件商品" of 财关税〔2018〕49号. */
export function isSingleItemInventory(inventory: Inventory): boolean {
  const [only, ...rest] = inventory.lists;
  return only !== undefined && rest.length === 0 && compare(decimal(only.qty), decimal('1')) === 0;
}

function inventoryRef(inventory: Inventory): string {
  return inventory.head.invtNo ?? inventory.head.copNo ?? inventory.head.orderNo;
}

export interface TransactionLimitResult {
  /** -621005 when the inventory may not enter as a retail import. */
  readonly finding?: RetailFinding;
  /** True for an over-limit single item accepted at the full goods rate (tariff, VAT, CT at 100%). */
  readonly fullRate: boolean;
  /** The dutiable value compared, CNY (what the annual quota counts). */
  readonly valueCny: string;
}

export function checkTransactionLimit(input: {
  readonly inventory: Inventory;
  readonly policy: RetailImportPolicy;
  /** 0-based position of the inventory in its message, for the field path. */
  readonly unitIndex?: number;
}): TransactionLimitResult {
  const { inventory, policy } = input;
  const value = inventoryDutiableValue(inventory);
  const valueCny = formatCny(value);
  const limit = decimal(policy.perTransactionLimitCny);
  if (compare(value, limit) <= 0) return { fullRate: false, valueCny };
  const single = isSingleItemInventory(inventory);
  const belowAnnual = compare(value, decimal(policy.annualLimitCny)) < 0;
  if (single && belowAnnual && policy.singleItemOverLimit === 'full-tax') return { fullRate: true, valueCny };
  const ref = inventoryRef(inventory);
  const why = !single
    ? { zh: '且不是仅一件商品的订单', en: 'and the inventory is not a single item (one line, qty 1)' }
    : policy.singleItemOverLimit === 'reject'
      ? {
          zh: '单个商品超过限值应按一般贸易进口',
          en: 'a single item over the limit must enter as general trade',
        }
      : { zh: '且不低于年度限额', en: `and is not below the annual limit ${policy.annualLimitCny}` };
  const finding = retailError(
    '-621005',
    `/CEB621Message/Inventory[${(input.unitIndex ?? 0) + 1}]`,
    `清单[${ref}]的购买金额 ${valueCny}（商品总价+运费+保价费）超过单笔限额[${policy.perTransactionLimitCny}]，${why.zh}（${policy.source}）`,
    `the purchase amount of inventory [${ref}], ${valueCny} (goods + freight + insurance), exceeds the single-transaction limit [${policy.perTransactionLimitCny}] (${policy.source}), ${why.en}`,
  );
  return { finding, fullRate: false, valueCny };
}

/**
 * -621018 when the buyer's amount already used this calendar year plus this inventory's value exceeds
 * the annual limit (reaching it exactly is allowed).
 */
export function checkAnnualQuota(input: {
  readonly usedCny: string;
  readonly requestCny: string;
  readonly policy: RetailImportPolicy;
  /** For the message (masked there). */
  readonly buyerIdNumber?: string;
  /** invtNo / copNo / orderNo for the message. */
  readonly inventoryRef?: string;
  /** Field path; defaults to the first inventory's buyerIdNumber. */
  readonly field?: string;
}): RetailFinding | undefined {
  const { policy } = input;
  const used = decimal(input.usedCny);
  const total = add(used, decimal(input.requestCny));
  if (compare(total, decimal(policy.annualLimitCny)) <= 0) return undefined;
  const buyer = input.buyerIdNumber === undefined ? '' : maskIdNumber(input.buyerIdNumber);
  const ref = input.inventoryRef ?? '';
  return retailError(
    '-621018',
    input.field ?? '/CEB621Message/Inventory[1]/InventoryHead/buyerIdNumber',
    `清单[${ref}]中购买人[${buyer}]已用购买额度为[${formatCny(used)}]，本次购买 ${input.requestCny} 将超过年度限额[${policy.annualLimitCny}]（${policy.source}）`,
    `in inventory [${ref}], buyer [${buyer}] has used [${formatCny(used)}] of the quota; this purchase of ${input.requestCny} would exceed the annual limit [${policy.annualLimitCny}] (${policy.source})`,
  );
}
