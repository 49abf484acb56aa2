import { assertNever } from '../assert';
import { type MoneyResult, moneyError, moneyOk } from './errors';

/**
 * An exact decimal number: `units × 10^-scale` (TigerBeetle's asset scale). `{ units: 12345n, scale: 2 }`
 * is 123.45. Values are plain immutable data, so they can be compared with `compare`/`equals`, stored,
 * and sent over the wire as text through `formatDecimal`; never through a JS number.
 *
 * Operations that cannot lose precision (add, sub, mul, sum) return exact results at the scale they
 * need. Operations that can (rescale to fewer digits, divide) take an explicit rounding mode.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/**
 * How to drop digits. `half-up` rounds a tie away from zero (-2.5 → -3), the commercial rule used
 * by customs and banks; `half-even` rounds a tie to the even neighbour (banker's rounding);
 * `down` truncates towards zero; `up` rounds away from zero.
 */
export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

/** Largest scale any decimal may carry: far above CEB's 5, low enough to keep powers of ten cheap. */
export const MAX_DECIMAL_SCALE = 30;
/** Longest text `parseDecimal` looks at; anything longer is rejected before any work is done. */
export const MAX_DECIMAL_TEXT_LENGTH = 64;

const POWERS_OF_TEN: bigint[] = Array.from({ length: 2 * MAX_DECIMAL_SCALE + 1 }, (_, i) => 10n ** BigInt(i));

function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_DECIMAL_SCALE) {
    throw new RangeError(`decimal scale must be an integer in 0..${MAX_DECIMAL_SCALE}, got ${scale}`);
  }
}

function pow10(exponent: number): bigint {
  const cached = POWERS_OF_TEN[exponent];
  return cached ?? 10n ** BigInt(exponent);
}

export function makeDecimal(units: bigint, scale: number): Decimal {
  assertScale(scale);
  return { units, scale };
}

export const DECIMAL_ZERO: Decimal = makeDecimal(0n, 0);

/** An integer as a decimal of scale 0; a `number` must be a safe integer. */
export function decimalFromInteger(value: bigint | number): Decimal {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`not a safe integer: ${value}`);
  }
  return makeDecimal(BigInt(value), 0);
}

export interface ParseDecimalOptions {
  /** Most digits allowed after the point (CEB decimal(19,5): 5). */
  readonly maxScale: number;
  /** Most significant digits allowed before the point (CEB decimal(19,5): 14). */
  readonly maxIntegerDigits: number;
}

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses plain decimal text: an optional `-`, digits, and optionally a point followed by digits.
 * Rejected: a leading `+`, exponent notation (`1e5`), a bare point (`.5`, `5.`), thousands
 * separators, whitespace, and anything else. Leading zeros are allowed and do not count as integer
 * digits. The value keeps the scale it was written with (`"1.50"` → scale 2); `"-0"` is zero.
 */
export function parseDecimal(text: string, options: ParseDecimalOptions): MoneyResult<Decimal> {
  assertScale(options.maxScale);
  const match = text.length <= MAX_DECIMAL_TEXT_LENGTH ? DECIMAL_PATTERN.exec(text) : null;
  if (match === null) {
    const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
    return moneyError(
      'DECIMAL_FORMAT',
      `"${shown}"不是有效的十进制数（仅允许可选负号、数字和小数点，不允许科学计数法）`,
      `"${shown}" is not a plain decimal number (optional minus sign, digits, optional point and digits)`,
    );
  }
  const [, sign = '', integerPart = '', fractionPart = ''] = match;
  if (fractionPart.length > options.maxScale) {
    return moneyError(
      'DECIMAL_FRACTION_DIGITS',
      `小数位数为 ${fractionPart.length} 位，最多允许 ${options.maxScale} 位`,
      `has ${fractionPart.length} digits after the point, at most ${options.maxScale} allowed`,
    );
  }
  const integerDigits = integerPart.replace(/^0+/, '').length;
  if (integerDigits > options.maxIntegerDigits) {
    return moneyError(
      'DECIMAL_INTEGER_DIGITS',
      `整数部分为 ${integerDigits} 位，最多允许 ${options.maxIntegerDigits} 位`,
      `has ${integerDigits} digits before the point, at most ${options.maxIntegerDigits} allowed`,
    );
  }
  const magnitude = BigInt(`${integerPart}${fractionPart}`);
  return moneyOk(makeDecimal(sign === '-' ? -magnitude : magnitude, fractionPart.length));
}

/** Options wide enough for any literal: for constants and tests, where bad text is a programmer error. */
const LITERAL_OPTIONS: ParseDecimalOptions = { maxScale: MAX_DECIMAL_SCALE, maxIntegerDigits: 30 };

/** A decimal from a literal in code (`decimal('150000.00')`); throws on bad text. Not for input. */
export function decimal(text: string): Decimal {
  const parsed = parseDecimal(text, LITERAL_OPTIONS);
  if (!parsed.ok) throw new RangeError(`bad decimal literal "${text}": ${parsed.messageEn}`);
  return parsed.value;
}

/**
 * Plain text with exactly `scale` digits after the point (default: the value's own scale). Asking for
 * fewer digits than the value has is allowed only when the dropped digits are zeros: to round, call
 * `rescale` first, so every rounding in the code base is visible.
 */
export function formatDecimal(value: Decimal, scale: number = value.scale): string {
  assertScale(scale);
  if (scale < value.scale && !isExactAt(value, scale)) {
    throw new RangeError(`formatting ${scale} digits would drop digits of a scale-${value.scale} value`);
  }
  const units = alignUnits(value, scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const integerPart = digits.slice(0, digits.length - scale);
  const fractionPart = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${integerPart}${scale > 0 ? `.${fractionPart}` : ''}`;
}

/** `units` expressed at a scale not below the value's own (exact: multiply by a power of ten). */
function alignUnits(value: Decimal, scale: number): bigint {
  if (scale >= value.scale) return value.units * pow10(scale - value.scale);
  return value.units / pow10(value.scale - scale);
}

/**
 * `numerator / denominator` rounded to an integer by `rounding`. The one place where digits are
 * dropped; `rescale` and `divide` are built on it.
 */
export function roundQuotient(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  let roundAway: boolean;
  switch (rounding) {
    case 'down':
      roundAway = false;
      break;
    case 'up':
      roundAway = twiceRemainder > 0n;
      break;
    case 'half-up':
      roundAway = twiceRemainder >= d;
      break;
    case 'half-even':
      roundAway = twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n);
      break;
    default:
      return assertNever(rounding);
  }
  const magnitude = roundAway ? quotient + 1n : quotient;
  return negative ? -magnitude : magnitude;
}

/** The value at another scale; going down drops digits by `rounding`, going up is exact. */
export function rescale(value: Decimal, scale: number, rounding: Rounding): Decimal {
  assertScale(scale);
  if (scale >= value.scale) return makeDecimal(alignUnits(value, scale), scale);
  return makeDecimal(roundQuotient(value.units, pow10(value.scale - scale), rounding), scale);
}

/** True when the value can be written with `scale` digits after the point without rounding. */
export function isExactAt(value: Decimal, scale: number): boolean {
  assertScale(scale);
  return scale >= value.scale || value.units % pow10(value.scale - scale) === 0n;
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return makeDecimal(alignUnits(a, scale) + alignUnits(b, scale), scale);
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return makeDecimal(alignUnits(a, scale) - alignUnits(b, scale), scale);
}

/** Exact product; its scale is the sum of the scales (rescale afterwards to round). */
export function mul(a: Decimal, b: Decimal): Decimal {
  return makeDecimal(a.units * b.units, a.scale + b.scale);
}

/** `a / b` at `scale` digits, rounded once by `rounding`. Throws on division by zero. */
export function divide(a: Decimal, b: Decimal, scale: number, rounding: Rounding): Decimal {
  assertScale(scale);
  // a/b = (a.units / b.units) × 10^(b.scale - a.scale); at `scale` digits that is
  // a.units × 10^(scale + b.scale) / (b.units × 10^a.scale).
  const numerator = a.units * pow10(scale + b.scale);
  const denominator = b.units * pow10(a.scale);
  return makeDecimal(roundQuotient(numerator, denominator, rounding), scale);
}

export function negate(value: Decimal): Decimal {
  return makeDecimal(-value.units, value.scale);
}

export function abs(value: Decimal): Decimal {
  return value.units < 0n ? negate(value) : value;
}

/** -1, 0 or 1; scales do not matter (`1.0` equals `1.00`). */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = alignUnits(a, scale);
  const y = alignUnits(b, scale);
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

export function equals(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0;
}

/** Exact sum at the largest scale in the list; the empty sum is zero at scale 0. */
export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((total, value) => add(total, value), DECIMAL_ZERO);
}

/** The smallest argument; on ties the first one, so the result keeps that argument's scale. */
export function min(first: Decimal, ...rest: readonly Decimal[]): Decimal {
  return rest.reduce((best, value) => (compare(value, best) < 0 ? value : best), first);
}

/** The largest argument; on ties the first one, so the result keeps that argument's scale. */
export function max(first: Decimal, ...rest: readonly Decimal[]): Decimal {
  return rest.reduce((best, value) => (compare(value, best) > 0 ? value : best), first);
}

export function isZero(value: Decimal): boolean {
  return value.units === 0n;
}

export function isNegative(value: Decimal): boolean {
  return value.units < 0n;
}

export function isPositive(value: Decimal): boolean {
  return value.units > 0n;
}

/**
 * The value as an integer count of minor units (`toMinorUnits(decimal('12.34'), 2)` → 1234n fen).
 * Without `rounding`, a value with more digits than `scale` is a programmer error and throws;
 * pass a rounding mode to round on purpose.
 */
export function toMinorUnits(value: Decimal, scale: number, rounding?: Rounding): bigint {
  if (rounding === undefined && !isExactAt(value, scale)) {
    throw new RangeError(`${formatDecimal(value)} has more than ${scale} digits after the point`);
  }
  return rescale(value, scale, rounding ?? 'down').units;
}

/** The inverse of `toMinorUnits`: 1234n fen at scale 2 is 12.34. */
export function fromMinorUnits(units: bigint, scale: number): Decimal {
  return makeDecimal(units, scale);
}
