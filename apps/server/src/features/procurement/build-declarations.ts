import {
  CNY_QUOTE,
  convert,
  type Decimal,
  decimal,
  formatDecimal,
  mul,
  parseDecimal,
  type RateQuote,
  rescale,
} from '@kouan/domain/money';
import { type SplitLine, simplifyDeclaration, splitIntoDeclarations } from '@kouan/domain/procurement';
import type { HsRuleEntry } from './catalogue.repository';
import { mergeFlags } from './hs-rules';
import { fromDomain } from './procurement.errors';
import type { LineDetail, PackingLineRow, TransactionRow } from './transactions.repository';

/**
 * Most goods value per declaration (GACC 2019 No. 221; Wenzhou measures art. 3: USD 150,000
 * inclusive). A policy number: change it here, in one place, when the policy changes.
 */
export const DECLARATION_LIMIT_USD = '150000.00';

/** Units measured rather than counted: their quantities may be cut anywhere when a line is split. */
const MEASURED_UNITS = new Set([
  'kg',
  'g',
  't',
  'm',
  'm2',
  'm3',
  'l',
  '千克',
  '克',
  '吨',
  '米',
  '平方米',
  '立方米',
  '升',
]);

/** Units counted whole (pairs, pieces, sets): their quantities are whole numbers. */
export function isCountedUnit(unit: string): boolean {
  return !MEASURED_UNITS.has(unit.toLowerCase());
}

export interface GoodsLine extends SplitLine {
  readonly hsCode: string;
  readonly unit: string;
  readonly name: string;
  readonly exportDuty: boolean;
  readonly legalInspection: boolean;
  readonly packing: PackingLineRow;
  readonly transaction: TransactionRow;
  readonly line: LineDetail;
}

const exact = (text: string): Decimal => {
  const parsed = parseDecimal(text, { maxScale: 6, maxIntegerDigits: 17 });
  if (!parsed.ok) throw new Error(`stored value ${text} is not a decimal`);
  return parsed.value;
};

/** Goods lines of a container in USD: packed quantity × unit price, converted at the dated rates. */
export function goodsLines(input: {
  packing: readonly PackingLineRow[];
  lines: ReadonlyMap<string, LineDetail>;
  transactions: ReadonlyMap<string, TransactionRow>;
  quotes: ReadonlyMap<string, RateQuote>;
  usd: RateQuote;
  hsRules: readonly HsRuleEntry[];
}): GoodsLine[] {
  return input.packing.map((packing) => {
    const line = input.lines.get(packing.transaction_line_id);
    const transaction = input.transactions.get(packing.transaction_id);
    if (!line || !transaction) throw new Error(`packing line ${packing.id} has no transaction line`);
    const value = rescale(mul(exact(packing.quantity), exact(line.unit_price)), 2, 'half-up');
    const from = transaction.currency === 'CNY' ? CNY_QUOTE : input.quotes.get(transaction.currency);
    if (!from) throw new Error(`no quote for ${transaction.currency}`);
    const valueUsd =
      transaction.currency === 'USD' ? value : convert({ amount: value, from, to: input.usd, scale: 2 });
    return {
      lineId: packing.id,
      quantity: exact(packing.quantity),
      valueUsd,
      wholeUnitsOnly: isCountedUnit(line.unit),
      transactionIds: [transaction.id],
      hsCode: line.hs_code,
      unit: line.unit,
      name: line.product_name,
      ...mergeFlags(input.hsRules, line.hs_code),
      packing,
      transaction,
      line,
    };
  });
}

/** A goods line as declared (after simplification). */
export interface DeclaredLine {
  readonly no: number;
  readonly basis: string;
  readonly hsCode: string;
  readonly name: string;
  readonly quantities: { unit: string; quantity: string }[];
  readonly valueUsd: string;
  readonly sourceLineIds: string[];
}

export interface BuiltDeclaration {
  readonly purchaserId: string;
  readonly totalValueUsd: string;
  readonly simplified: boolean;
  /** The declared lines (after simplification), stored as the declaration's goods list. */
  readonly declaredLines: DeclaredLine[];
  readonly items: {
    packingLineId: string;
    transactionId: string;
    quantity: string;
    valueUsd: string;
    part: { index: number; count: number } | null;
  }[];
  readonly goods: GoodsLine[];
}

/**
 * One declaration has one consignor (the container's operator) and one purchaser (named in its
 * remarks), so the container's lines are grouped by purchaser, each group split at the limit and
 * each part simplified when it has more than five kinds of goods.
 */
export function buildDeclarations(goods: readonly GoodsLine[]): BuiltDeclaration[] {
  const byPurchaser = new Map<string, GoodsLine[]>();
  for (const g of goods) {
    const group = byPurchaser.get(g.transaction.purchaser_id) ?? [];
    group.push(g);
    byPurchaser.set(g.transaction.purchaser_id, group);
  }
  const built: BuiltDeclaration[] = [];
  for (const [purchaserId, lines] of [...byPurchaser.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const split = splitIntoDeclarations({ lines, limitUsd: decimal(DECLARATION_LIMIT_USD) });
    if (!split.ok) throw fromDomain(split);
    for (const draft of split.value.declarations) {
      const parts = draft.lines.map((l) => ({
        ...l.source,
        lineId: `${l.sourceLineId}${l.part ? `#${l.part.index}` : ''}`,
        quantity: l.quantity,
        valueUsd: l.valueUsd,
      }));
      const simplified = simplifyDeclaration({ lines: parts });
      if (!simplified.ok) throw fromDomain(simplified);
      built.push({
        purchaserId,
        totalValueUsd: formatDecimal(draft.totalValueUsd, 2),
        simplified: simplified.value.simplified,
        declaredLines: simplified.value.lines.map(
          (l, index): DeclaredLine => ({
            no: index + 1,
            basis: l.basis,
            hsCode: l.hsCode,
            name:
              l.sources.length === 1
                ? (l.sources[0]?.name ?? '')
                : `${l.sources[0]?.name ?? ''} 等 ${l.sources.length} 项`,
            quantities: l.quantities.map((q) => ({ unit: q.unit, quantity: formatDecimal(q.quantity) })),
            valueUsd: formatDecimal(l.valueUsd, 2),
            sourceLineIds: [...l.sourceLineIds],
          }),
        ),
        items: draft.lines.map((l) => ({
          packingLineId: l.sourceLineId,
          transactionId: l.source.transaction.id,
          quantity: formatDecimal(l.quantity),
          valueUsd: formatDecimal(l.valueUsd, 2),
          part: l.part,
        })),
        goods: draft.lines.map((l) => l.source),
      });
    }
  }
  return built;
}
