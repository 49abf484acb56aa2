import { compare, type Decimal, formatDecimal, isPositive, mul, rescale, sum } from '@kouan/domain/money';
import type { Repositories } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import { newId } from '../../lib/ids';
import type { PartyRow } from '../parties/parties.repository';
import { type AttachmentInput, prepareAttachments } from './attachments';
import { isCountedUnit } from './build-declarations';
import type { HsRuleEntry, ProductRow } from './catalogue.repository';
import { decimalField } from './decimal-field';
import { blockingRule } from './hs-rules';
import { procurementError } from './procurement.errors';
import {
  assertActsAs,
  chinaDate,
  requireOperator,
  requireParty,
  requireSupplierInZone,
} from './procurement-access';
import type { TransactionLineRow, TransactionRow } from './transactions.repository';

/** Most goods lines in one transaction. */
export const MAX_TRANSACTION_LINES = 200;

export const PAYMENT_METHODS = [
  'bank_transfer',
  'letter_of_credit',
  'online_payment',
  'card',
  'cash',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface TransactionInput {
  readonly supplierId: string;
  readonly purchaserId: string;
  readonly operatorId: string;
  /** Defaults to the supplier's stall in the registry. */
  readonly stallNo?: string | undefined;
  /** China date of the sale; defaults to today; never in the future. */
  readonly tradeDate?: string | undefined;
  readonly currency: string;
  readonly paymentMethod: PaymentMethod;
  readonly lines: readonly {
    readonly productId: string;
    readonly quantity: string;
    readonly unitPrice: string;
    /** When given, must equal quantity × unit price rounded half-up to cents. */
    readonly amount?: string | undefined;
  }[];
  readonly attachments?: readonly AttachmentInput[] | undefined;
}

export interface PreparedTransaction {
  readonly transaction: TransactionRow;
  readonly lines: TransactionLineRow[];
  readonly attachments: ReturnType<typeof prepareAttachments>;
}

/** Lookups shared by the transactions of one registration call (a batch reads each party once). */
export interface PrepareContext {
  readonly repos: Repositories;
  readonly actor: Actor;
  readonly now: Date;
  readonly hsRules: readonly HsRuleEntry[];
  readonly cache: Map<string, Promise<unknown>>;
}

function cached<T>(ctx: PrepareContext, key: string, load: () => Promise<T>): Promise<T> {
  let hit = ctx.cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    ctx.cache.set(key, hit);
  }
  return hit;
}

/** Checks that need no database: who acts, payment method, amounts. Bad input changes nothing. */
function checkShape(actor: Actor, input: TransactionInput, at: string, today: string) {
  assertActsAs(actor, [input.supplierId, input.operatorId], {
    en: 'supplier or operator',
    zh: '供货商或经营者',
    field: `${at}/supplierId`,
  });
  if (input.paymentMethod === 'cash') {
    throw procurementError('PAYMENT_CASH_NOT_ELIGIBLE', {}, { field: `${at}/paymentMethod` });
  }
  const tradeDate = input.tradeDate ?? today;
  if (tradeDate > today) {
    const field = `${at}/tradeDate`;
    throw commonError(
      'VALIDATION_FAILED',
      { field, reason: 'is in the future', reasonZh: '不能晚于今天' },
      { field },
    );
  }
  const amounts: Decimal[] = input.lines.map((line, index) => {
    const field = `${at}/lines/${index}`;
    const quantity = decimalField(line.quantity, `${field}/quantity`, 5);
    if (!isPositive(quantity)) {
      const f = `${field}/quantity`;
      throw commonError(
        'VALIDATION_FAILED',
        { field: f, reason: 'must be positive', reasonZh: '必须大于 0' },
        { field: f },
      );
    }
    const price = decimalField(line.unitPrice, `${field}/unitPrice`, 5);
    const expected = rescale(mul(quantity, price), 2, 'half-up');
    if (
      line.amount !== undefined &&
      compare(decimalField(line.amount, `${field}/amount`, 2), expected) !== 0
    ) {
      throw procurementError(
        'TRANSACTION_AMOUNT_MISMATCH',
        { field: `${field}/amount`, amount: line.amount, expected: formatDecimal(expected) },
        { field: `${field}/amount` },
      );
    }
    return expected;
  });
  return { tradeDate, amounts };
}

/**
 * Validates one transaction against the registry and the lists and builds its rows: supplier with
 * a stall in a zone in force on the trade date, recognised operator, purchaser filed by that
 * operator and not on the bad-purchaser list, the supplier's own products, no prohibited HS code.
 */
export async function prepareTransaction(
  ctx: PrepareContext,
  input: TransactionInput,
  at = '',
): Promise<PreparedTransaction> {
  const { tradeDate, amounts } = checkShape(ctx.actor, input, at, chinaDate(ctx.now));
  const { repos } = ctx;
  const catalogue = repos.procurement.catalogue;
  const { supplier, zone } = await cached(ctx, `supplier:${input.supplierId}:${tradeDate}`, () =>
    requireSupplierInZone(repos, input.supplierId, tradeDate, `${at}/supplierId`),
  );
  await cached(ctx, `operator:${input.operatorId}`, () =>
    requireOperator(repos, input.operatorId, `${at}/operatorId`, { customs: false }),
  );
  await cached<PartyRow>(ctx, `purchaser:${input.purchaserId}`, () =>
    requireParty(repos, input.purchaserId, 'purchaser', `${at}/purchaserId`),
  );
  const blocked = await cached(ctx, `bad:${input.purchaserId}`, () =>
    catalogue.isBadPurchaser(input.purchaserId),
  );
  if (blocked)
    throw procurementError('PURCHASER_BLOCKED', { id: input.purchaserId }, { field: `${at}/purchaserId` });
  const file = await cached(ctx, `file:${input.operatorId}:${input.purchaserId}`, () =>
    catalogue.getPurchaserFile(input.operatorId, input.purchaserId),
  );
  if (!file || (file.valid_until !== null && file.valid_until < tradeDate)) {
    throw procurementError(
      'PURCHASER_NOT_FILED',
      { id: input.purchaserId, operatorId: input.operatorId },
      { field: `${at}/purchaserId` },
    );
  }
  const transactionId = newId('ptx', ctx.now.getTime());
  const lines: TransactionLineRow[] = [];
  for (const [index, line] of input.lines.entries()) {
    const field = `${at}/lines/${index}/productId`;
    const product = await cached<ProductRow | undefined>(ctx, `product:${line.productId}`, () =>
      catalogue.getProduct(line.productId),
    );
    if (!product || product.supplier_id !== input.supplierId) {
      throw procurementError('PRODUCT_NOT_OF_SUPPLIER', { field, id: line.productId }, { field });
    }
    if (isCountedUnit(product.unit) && !/^\d+(\.0+)?$/.test(line.quantity)) {
      const f = `${at}/lines/${index}/quantity`;
      const reason = `goods in ${product.unit} are counted whole`;
      throw commonError(
        'VALIDATION_FAILED',
        { field: f, reason, reasonZh: `计量单位"${product.unit}"须为整数` },
        { field: f },
      );
    }
    const rule = blockingRule(ctx.hsRules, product.hs_code);
    if (rule)
      throw procurementError(
        'HS_CODE_BLOCKED',
        { field, hsCode: product.hs_code, rule: rule.rule },
        { field },
      );
    lines.push({
      id: newId('pline', ctx.now.getTime()),
      transaction_id: transactionId,
      line_no: index + 1,
      product_id: product.id,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      amount: formatDecimal(amounts[index]!),
    });
  }
  const transaction: TransactionRow = {
    id: transactionId,
    zone_id: zone.id,
    stall_no: input.stallNo ?? supplier.stall_no ?? '',
    supplier_id: input.supplierId,
    purchaser_id: input.purchaserId,
    operator_id: input.operatorId,
    currency: input.currency,
    total_amount: formatDecimal(sum(amounts)),
    payment_method: input.paymentMethod,
    trade_date: tradeDate,
    status: 'registered',
    registered_at: ctx.now,
    registered_by: ctx.actor.id,
    registered_by_org: ctx.actor.orgId,
    version: 1,
  };
  const attachments = prepareAttachments(
    input.attachments ?? [],
    { type: 'procurement_transaction', id: transactionId, actor: ctx.actor, at: ctx.now },
    `${at}/attachments`,
  );
  return { transaction, lines, attachments };
}
