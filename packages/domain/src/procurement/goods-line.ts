import { type Decimal, isExactAt, isNegative, isPositive } from '../money';
import { type LineInvalidReason, type ProcurementError, procurementError } from './errors';

/** Quantities are CEB decimal(19,5): at most 5 digits after the point. */
export const MAX_QUANTITY_SCALE = 5;
/** Most goods lines one call may bring (one container, or one declaration). */
export const MAX_GOODS_LINES = 5_000;
/** Declared goods values are in USD with cents. */
export const USD_VALUE_SCALE = 2;

/** The fields every goods line of a declaration has, whatever else the caller attaches. */
export interface GoodsLineAmounts {
  /** The container (packing-list) line this goods line is, unique within one call. */
  readonly lineId: string;
  readonly quantity: Decimal;
  /** Goods value in USD (already converted), at most 2 digits after the point. */
  readonly valueUsd: Decimal;
  /** True for units counted whole (pieces, sets, pairs); a split then never cuts a unit. */
  readonly wholeUnitsOnly?: boolean;
}

/**
 * The first problem with the lines, in input order, or `null`. Quantities must be positive (a line
 * with nothing in it cannot be declared), values must not be negative (zero is allowed: free
 * samples are declared at no value).
 */
export function findInvalidLine(lines: readonly GoodsLineAmounts[]): ProcurementError | null {
  const seen = new Set<string>();
  for (const line of lines) {
    const invalid = (reason: LineInvalidReason) => lineInvalid(line.lineId, reason);
    if (line.lineId === '') return invalid('EMPTY_LINE_ID');
    if (seen.has(line.lineId)) return invalid('DUPLICATE_LINE_ID');
    seen.add(line.lineId);
    if (!isPositive(line.quantity)) return invalid('QUANTITY_NOT_POSITIVE');
    if (!isExactAt(line.quantity, MAX_QUANTITY_SCALE)) return invalid('QUANTITY_TOO_PRECISE');
    if (line.wholeUnitsOnly === true && !isExactAt(line.quantity, 0)) return invalid('QUANTITY_NOT_WHOLE');
    if (isNegative(line.valueUsd)) return invalid('VALUE_NEGATIVE');
    if (!isExactAt(line.valueUsd, USD_VALUE_SCALE)) return invalid('VALUE_TOO_PRECISE');
  }
  return null;
}

function lineInvalid(lineId: string, reason: LineInvalidReason): ProcurementError {
  return procurementError('DECLARATION_LINE_INVALID', { lineId, reason });
}
