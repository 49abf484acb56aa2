import { invariant } from '../assert';
import {
  type Decimal,
  divide,
  formatDecimal,
  fromMinorUnits,
  isExactAt,
  isPositive,
  makeDecimal,
  rescale,
  toMinorUnits,
} from '../money';
import { type ProcurementResult, procurementError, procurementOk } from './errors';
import {
  findInvalidLine,
  type GoodsLineAmounts,
  MAX_GOODS_LINES,
  MAX_QUANTITY_SCALE,
  USD_VALUE_SCALE,
} from './goods-line';

/** Most declarations one split may produce (and most parts one line may be cut into). */
export const MAX_SPLIT_DECLARATIONS = 1_000;

/** One goods line of a packed container, as the splitter needs it. */
export interface SplitLine extends GoodsLineAmounts {
  /** The registered market-procurement transactions whose goods this line carries. */
  readonly transactionIds: readonly string[];
}

/** A goods line of a draft declaration: a whole container line, or one part of a line split by quantity. */
export interface DeclarationDraftLine<L extends SplitLine = SplitLine> {
  readonly sourceLineId: string;
  readonly transactionIds: readonly string[];
  readonly quantity: Decimal;
  /** USD, 2 digits after the point. */
  readonly valueUsd: Decimal;
  /** `null` for a whole line; for a part, its 1-based index and the number of parts of the line. */
  readonly part: { readonly index: number; readonly count: number } | null;
  /** The container line as given, with whatever else the caller attached (HS code, flags, names). */
  readonly source: L;
}

export interface DeclarationDraft<L extends SplitLine = SplitLine> {
  /** In container-line order; the parts of one line never share a declaration. */
  readonly lines: readonly DeclarationDraftLine<L>[];
  /** USD, 2 digits after the point; never above the limit. */
  readonly totalValueUsd: Decimal;
}

export interface SplitIntoDeclarationsInput<L extends SplitLine> {
  /**
   * The goods of ONE container for ONE operator (consignor). A declaration has a single consignor,
   * so the caller groups a shared container's lines by operator first and splits each group.
   */
  readonly lines: readonly L[];
  /** Most goods value one declaration may carry (GACC 2019 No. 221: USD 150,000, inclusive). */
  readonly limitUsd: Decimal;
}

interface Piece<L extends SplitLine> {
  readonly lineIndex: number;
  readonly partIndex: number;
  readonly partCount: number;
  readonly quantity: Decimal;
  readonly valueCents: bigint;
  readonly line: L;
}

/**
 * Splits a container's goods into draft declarations whose goods value is each at most `limitUsd`
 * (inclusive: exactly the limit fits in one). Lines are kept whole and packed; a line is cut by
 * quantity only when it alone is worth more than the limit, into as few parts as possible (see
 * `splitLine`). The declarations together carry exactly the container's quantities and values.
 * Output is deterministic: the same input always gives the same declarations in the same order.
 */
export function splitIntoDeclarations<L extends SplitLine>(
  input: SplitIntoDeclarationsInput<L>,
): ProcurementResult<{ declarations: DeclarationDraft<L>[] }> {
  const limitCents = limitInCents(input.limitUsd);
  if (input.lines.length > MAX_GOODS_LINES) {
    return procurementError('DECLARATION_TOO_MANY_LINES', {
      count: input.lines.length,
      max: MAX_GOODS_LINES,
    });
  }
  const invalid = findInvalidLine(input.lines);
  if (invalid !== null) return invalid;
  // Each declaration holds at most the limit, so this many are needed at least: refuse early
  // rather than cut thousands of parts (which also bounds the work of the packing below).
  const totalCents = input.lines.reduce(
    (total, line) => total + toMinorUnits(line.valueUsd, USD_VALUE_SCALE),
    0n,
  );
  if (totalCents > limitCents * BigInt(MAX_SPLIT_DECLARATIONS)) {
    return procurementError('DECLARATION_TOO_MANY_DECLARATIONS', { max: MAX_SPLIT_DECLARATIONS });
  }

  const pieces: Piece<L>[] = [];
  for (const [lineIndex, line] of input.lines.entries()) {
    const valueCents = toMinorUnits(line.valueUsd, USD_VALUE_SCALE);
    if (valueCents <= limitCents) {
      pieces.push({ lineIndex, partIndex: 0, partCount: 1, quantity: line.quantity, valueCents, line });
      continue;
    }
    const parts = splitLine(line, lineIndex, limitCents);
    if (!parts.ok) return parts;
    pieces.push(...parts.value);
  }

  const bins = packFirstFitDecreasing(pieces, limitCents);
  if (bins.length > MAX_SPLIT_DECLARATIONS) {
    return procurementError('DECLARATION_TOO_MANY_DECLARATIONS', { max: MAX_SPLIT_DECLARATIONS });
  }
  return procurementOk({ declarations: bins.map((bin) => toDraft(bin)) });
}

function limitInCents(limitUsd: Decimal): bigint {
  // The limit is configuration: a bad one is a deployment fault, not an operator's input error.
  if (!isPositive(limitUsd) || !isExactAt(limitUsd, USD_VALUE_SCALE)) {
    throw new RangeError(`limitUsd must be positive with at most 2 decimals, got ${formatDecimal(limitUsd)}`);
  }
  return toMinorUnits(limitUsd, USD_VALUE_SCALE);
}

/**
 * Cuts a line worth more than the limit into the fewest parts that each fit.
 *
 * The line's quantity is counted in steps: whole units when the unit is counted whole, else
 * 0.00001 (the finest CEB quantity). Part values follow the unit price through cumulative rounding:
 * the line's value up to step k is `R(k) = round_half_up(valueCents × k / steps)`, and a part from
 * step a to step b is worth `R(b) − R(a)`. So the first part is exactly unit price × quantity
 * rounded to the cent, every later part is within a cent of it, no rounding error accumulates,
 * and the last part (ending at `R(steps)` = the line's value) takes the remainder: the parts add
 * up to the line exactly. Each part is made as large as fits (the largest b with
 * `R(b) − R(a) ≤ limit`, solved in closed form); since R never decreases, taking the furthest
 * reachable step each time gives the minimum number of parts.
 */
function splitLine<L extends SplitLine>(
  line: L,
  lineIndex: number,
  limitCents: bigint,
): ProcurementResult<Piece<L>[]> {
  const stepScale = line.wholeUnitsOnly === true ? 0 : MAX_QUANTITY_SCALE;
  const steps = rescale(line.quantity, stepScale, 'down').units;
  const valueCents = toMinorUnits(line.valueUsd, USD_VALUE_SCALE);
  const roundedCentsAt = (step: bigint) => (2n * valueCents * step + steps) / (2n * steps);
  const cuts: Array<{ fromStep: bigint; toStep: bigint; valueCents: bigint }> = [];
  let fromStep = 0n;
  let fromCents = 0n;
  while (fromStep < steps) {
    // Largest k with R(k) ≤ T: R(k) ≤ T ⇔ 2·v·k + n < 2·n·(T + 1) ⇔ k < n·(2T + 1) / (2v).
    const ceiling = fromCents + limitCents;
    const furthest = ceilDiv(steps * (2n * ceiling + 1n), 2n * valueCents) - 1n;
    const toStep = furthest < steps ? furthest : steps;
    if (toStep <= fromStep) {
      const stepValue = divide(line.valueUsd, makeDecimal(steps, 0), USD_VALUE_SCALE, 'half-up');
      return procurementError('DECLARATION_LINE_INDIVISIBLE', {
        lineId: line.lineId,
        unitValueUsd: formatDecimal(stepValue, USD_VALUE_SCALE),
        limitUsd: formatDecimal(fromMinorUnits(limitCents, USD_VALUE_SCALE)),
      });
    }
    const toCents = roundedCentsAt(toStep);
    cuts.push({ fromStep, toStep, valueCents: toCents - fromCents });
    if (cuts.length > MAX_SPLIT_DECLARATIONS) {
      return procurementError('DECLARATION_TOO_MANY_DECLARATIONS', { max: MAX_SPLIT_DECLARATIONS });
    }
    fromStep = toStep;
    fromCents = toCents;
  }
  invariant(fromCents === valueCents, 'parts of a split line must add up to its value');
  const quantityScale = Math.max(line.quantity.scale, stepScale);
  return procurementOk(
    cuts.map((cut, partIndex) => ({
      lineIndex,
      partIndex,
      partCount: cuts.length,
      quantity: rescale(makeDecimal(cut.toStep - cut.fromStep, stepScale), quantityScale, 'down'),
      valueCents: cut.valueCents,
      line,
    })),
  );
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

function byPosition<L extends SplitLine>(a: Piece<L>, b: Piece<L>): number {
  return a.lineIndex - b.lineIndex || a.partIndex - b.partIndex;
}

interface Bin<L extends SplitLine> {
  readonly pieces: Piece<L>[];
  totalCents: bigint;
  readonly lineIndexes: Set<number>;
}

/**
 * First-fit decreasing: take pieces from the most to the least valuable (ties in container order)
 * and put each into the first declaration it fits in, opening a new one when none has room.
 * Optimal packing is NP-hard; FFD is proven to use at most 11/9 of the optimal number of
 * declarations plus one, which costs at most an occasional extra declaration, and it is simple to
 * explain to an operator and fully deterministic (a stable sort with a total order, no randomness,
 * no time limit), so re-running a split reproduces it exactly. Two parts of the same line never go
 * into one declaration, so a declaration lists each container line at most once.
 */
function packFirstFitDecreasing<L extends SplitLine>(
  pieces: readonly Piece<L>[],
  limitCents: bigint,
): Piece<L>[][] {
  const ordered = [...pieces].sort((a, b) =>
    a.valueCents === b.valueCents ? byPosition(a, b) : a.valueCents > b.valueCents ? -1 : 1,
  );
  const bins: Bin<L>[] = [];
  for (const piece of ordered) {
    let bin = bins.find(
      (candidate) =>
        candidate.totalCents + piece.valueCents <= limitCents && !candidate.lineIndexes.has(piece.lineIndex),
    );
    if (bin === undefined) {
      bin = { pieces: [], totalCents: 0n, lineIndexes: new Set() };
      bins.push(bin);
    }
    bin.pieces.push(piece);
    bin.totalCents += piece.valueCents;
    bin.lineIndexes.add(piece.lineIndex);
  }
  // Within a declaration, container order; declarations ordered by their first line.
  const sorted = bins.map((bin) => [...bin.pieces].sort(byPosition));
  return sorted.sort((a, b) => (a[0] && b[0] ? byPosition(a[0], b[0]) : 0));
}

function toDraft<L extends SplitLine>(pieces: readonly Piece<L>[]): DeclarationDraft<L> {
  let totalCents = 0n;
  const lines = pieces.map((piece): DeclarationDraftLine<L> => {
    totalCents += piece.valueCents;
    return {
      sourceLineId: piece.line.lineId,
      transactionIds: piece.line.transactionIds,
      quantity: piece.quantity,
      valueUsd: fromMinorUnits(piece.valueCents, USD_VALUE_SCALE),
      part: piece.partCount > 1 ? { index: piece.partIndex + 1, count: piece.partCount } : null,
      source: piece.line,
    };
  });
  return { lines, totalValueUsd: fromMinorUnits(totalCents, USD_VALUE_SCALE) };
}
