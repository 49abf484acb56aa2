import {
  type Decimal,
  decimalFromInteger,
  divide,
  formatDecimal,
  isPositive,
  mul,
  type Rounding,
} from './decimal';
import { type MoneyResult, moneyError, moneyOk } from './errors';

/**
 * Exchange rates the way Chinese reference tables publish them: `rateUnit` units of a currency are
 * worth `rate` CNY ("100 USD = 710.56 CNY", "1 EUR = 7.8 CNY"). Customs and SAFE publish per 100
 * units, banks often per 1; both are accepted so the table can be loaded as published.
 */
export type RateUnit = 1 | 100;

export interface RateQuote {
  /** CNY per `rateUnit` units of the currency; must be positive. */
  readonly rate: Decimal;
  readonly rateUnit: RateUnit;
}

/** The quote of CNY itself (1 CNY = 1 CNY), for converting to or from CNY with `convert`. */
export const CNY_QUOTE: RateQuote = { rate: decimalFromInteger(1), rateUnit: 1 };

/**
 * A rate as reference data: valid on the days `effectiveFrom` ≤ day < `effectiveTo` (half-open, so
 * a month's rate runs from `2025-05-01` to `2025-06-01` and consecutive rows never overlap);
 * `effectiveTo: null` means "until replaced". Dates are ISO calendar dates (`YYYY-MM-DD`) in China
 * time, the day the rate applies to.
 */
export interface DatedExchangeRate extends RateQuote {
  /** The currency code as the table spells it (ISO 4217 `USD`, or the customs code `502`). */
  readonly currency: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
}

function assertPositiveRate(quote: RateQuote): void {
  if (!isPositive(quote.rate)) {
    throw new RangeError(`exchange rate must be positive, got ${formatDecimal(quote.rate)}`);
  }
}

/** The exact CNY value of `amount` (no rounding: the scale grows to hold every digit). */
export function toCny(input: { readonly amount: Decimal } & RateQuote): Decimal {
  assertPositiveRate(input);
  const cnyPerRateUnit = mul(input.amount, input.rate);
  // Dividing by 1 or 100 is exact in decimal: at most two more digits after the point.
  const extraDigits = input.rateUnit === 100 ? 2 : 0;
  return divide(
    cnyPerRateUnit,
    decimalFromInteger(input.rateUnit),
    cnyPerRateUnit.scale + extraDigits,
    'down',
  );
}

export interface ConvertInput {
  readonly amount: Decimal;
  /** Quote of the currency `amount` is in (`CNY_QUOTE` for CNY). */
  readonly from: RateQuote;
  /** Quote of the currency wanted (`CNY_QUOTE` for CNY). */
  readonly to: RateQuote;
  /** Digits after the point of the result; default 2. */
  readonly scale?: number;
  /** Default `half-up`. */
  readonly rounding?: Rounding;
}

/**
 * Converts between two currencies through CNY, the only currency every rate is quoted against:
 * `amount × from.rate / from.rateUnit` CNY, then `× to.rateUnit / to.rate`. The whole chain is
 * computed as one exact fraction and rounded once, at the end (default 2 digits, half-up), so a
 * EUR → USD conversion carries no intermediate CNY rounding.
 */
export function convert(input: ConvertInput): Decimal {
  assertPositiveRate(input.from);
  assertPositiveRate(input.to);
  const numerator = mul(mul(input.amount, input.from.rate), decimalFromInteger(input.to.rateUnit));
  const denominator = mul(input.to.rate, decimalFromInteger(input.from.rateUnit));
  return divide(numerator, denominator, input.scale ?? 2, input.rounding ?? 'half-up');
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function assertIsoDate(date: string, what: string): void {
  if (!ISO_DATE.test(date)) throw new RangeError(`${what} must be a YYYY-MM-DD date, got "${date}"`);
}

function covers(rate: DatedExchangeRate, date: string): boolean {
  assertIsoDate(rate.effectiveFrom, 'effectiveFrom');
  if (rate.effectiveTo !== null) assertIsoDate(rate.effectiveTo, 'effectiveTo');
  // ISO dates of the same shape compare correctly as strings.
  return rate.effectiveFrom <= date && (rate.effectiveTo === null || date < rate.effectiveTo);
}

/**
 * The rate of `currency` in force on `date`. No row → `EXCHANGE_RATE_NOT_FOUND`; more than one row
 * → `EXCHANGE_RATE_AMBIGUOUS`: overlapping rows are a reference-data fault that must be corrected,
 * not silently resolved by picking one (an amount converted with the wrong rate is an evidence
 * problem later).
 */
export function findRateOn(
  rates: readonly DatedExchangeRate[],
  currency: string,
  date: string,
): MoneyResult<DatedExchangeRate> {
  assertIsoDate(date, 'date');
  const matches = rates.filter((rate) => rate.currency === currency && covers(rate, date));
  const [only, second] = matches;
  if (only === undefined) {
    return moneyError(
      'EXCHANGE_RATE_NOT_FOUND',
      `未找到币种 ${currency} 在 ${date} 适用的汇率`,
      `no exchange rate for ${currency} is in force on ${date}`,
    );
  }
  if (second !== undefined) {
    return moneyError(
      'EXCHANGE_RATE_AMBIGUOUS',
      `币种 ${currency} 在 ${date} 有 ${matches.length} 条生效汇率（自 ${only.effectiveFrom} 与自 ${second.effectiveFrom}），汇率参考数据有重叠`,
      `${matches.length} exchange rates for ${currency} are in force on ${date} (from ${only.effectiveFrom} and from ${second.effectiveFrom}); the reference data overlaps`,
    );
  }
  return moneyOk(only);
}
