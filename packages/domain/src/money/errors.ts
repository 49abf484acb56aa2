/**
 * The closed set of error codes of the money area: parsing decimal text that came from outside
 * (CEB XML, CSV reference data, request bodies) and looking up dated exchange rates. Both are
 * expected operating errors (bad input, missing reference data), so they are returned, never thrown.
 * Programmer errors (a scale out of range, division by zero) are thrown as `RangeError` instead.
 */
export type MoneyErrorCode =
  | 'DECIMAL_FORMAT'
  | 'DECIMAL_FRACTION_DIGITS'
  | 'DECIMAL_INTEGER_DIGITS'
  | 'EXCHANGE_RATE_NOT_FOUND'
  | 'EXCHANGE_RATE_AMBIGUOUS';

/** Every code, for the table at the HTTP edge and for tests that must cover each one. */
export const MONEY_ERROR_CODES = [
  'DECIMAL_FORMAT',
  'DECIMAL_FRACTION_DIGITS',
  'DECIMAL_INTEGER_DIGITS',
  'EXCHANGE_RATE_NOT_FOUND',
  'EXCHANGE_RATE_AMBIGUOUS',
] as const satisfies readonly MoneyErrorCode[];

export type MoneyOk<T> = { readonly ok: true; readonly value: T };
export type MoneyError = {
  readonly ok: false;
  readonly code: MoneyErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
};
export type MoneyResult<T> = MoneyOk<T> | MoneyError;

export function moneyOk<T>(value: T): MoneyOk<T> {
  return { ok: true, value };
}

export function moneyError(code: MoneyErrorCode, messageZh: string, messageEn: string): MoneyError {
  return { ok: false, code, messageZh, messageEn };
}
