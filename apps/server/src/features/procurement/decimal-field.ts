import { type Decimal, isExactAt, isNegative, parseDecimal } from '@kouan/domain/money';
import { commonError } from '../../lib/errors.common';

/**
 * A decimal request field, exactly: refuses anything that is not a plain
 * non-negative decimal with at most `scale` digits after the point (no float ever touches it).
 */
/** Integer digits of numeric(19,5), the narrowest column a field goes to. */
const MAX_INTEGER_DIGITS = 14;

export function decimalField(text: string, field: string, scale: number): Decimal {
  const parsed = parseDecimal(text, { maxScale: scale, maxIntegerDigits: MAX_INTEGER_DIGITS });
  if (!parsed.ok || isNegative(parsed.value) || !isExactAt(parsed.value, scale)) {
    throw commonError(
      'VALIDATION_FAILED',
      {
        field,
        reason: `not a non-negative decimal with at most ${scale} digits after the point`,
        reasonZh: `应为不超过 ${scale} 位小数的非负数`,
      },
      { field },
    );
  }
  return parsed.value;
}
