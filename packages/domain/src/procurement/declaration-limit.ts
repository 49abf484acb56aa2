import { compare, type Decimal, formatDecimal } from '../money';
import { type ProcurementResult, procurementError, procurementOk } from './errors';
import { USD_VALUE_SCALE } from './goods-line';

/**
 * Checks one declaration's total goods value against the per-declaration limit (GACC 2019 No. 221;
 * Wenzhou measures art. 3: "15万美元（含15万美元）以下", so the limit itself is allowed). For
 * declarations composed by hand or received from a broker; `splitIntoDeclarations` never produces
 * one over the limit.
 */
export function checkDeclarationValue(input: {
  readonly valueUsd: Decimal;
  readonly limitUsd: Decimal;
}): ProcurementResult<Decimal> {
  if (compare(input.valueUsd, input.limitUsd) <= 0) return procurementOk(input.valueUsd);
  // Shown with at least cents and never rounded: 150000.001 must not read as 150000.00.
  const shown = (value: Decimal) => formatDecimal(value, Math.max(value.scale, USD_VALUE_SCALE));
  return procurementError('DECLARATION_VALUE_OVER_LIMIT', {
    valueUsd: shown(input.valueUsd),
    limitUsd: shown(input.limitUsd),
  });
}
