/** Checks of one text value against an XSD simple type and the spec's prose rules. Pure functions. */

import type { XsdSimpleType } from './schema/schema-types';
import type { CebDateTimeFormat, SpecRule } from './schema/spec-rules';

export type FacetCode =
  | 'LENGTH'
  | 'MIN_LENGTH'
  | 'MAX_LENGTH'
  | 'NOT_DECIMAL'
  | 'TOTAL_DIGITS'
  | 'FRACTION_DIGITS'
  | 'NOT_INTEGER'
  | 'INTEGER_RANGE'
  | 'ENUMERATION'
  | 'PATTERN'
  | 'DATE_TIME_FORMAT'
  | 'INVALID_DATE'
  | 'HS_CODE';

export interface FacetFailure {
  readonly code: FacetCode;
  /** The constraint, language-neutral (e.g. `maxLength=60`, `decimal(19,5)`, `yyyyMMddHHmmss`). */
  readonly expected: string;
  /** Chinese wording of the constraint when it is prose rather than a facet. */
  readonly expectedZh?: string;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;

/** XSD whiteSpace: strings preserve by default, decimal/int always collapse. */
export function normaliseWhiteSpace(value: string, type: XsdSimpleType): string {
  const ws = type.base === 'string' ? (type.whiteSpace ?? 'preserve') : 'collapse';
  if (ws === 'preserve') return value;
  const replaced = value.replace(/[\t\n\r]/g, ' ');
  return ws === 'replace' ? replaced : replaced.replace(/ {2,}/g, ' ').trim();
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** XSD length facets count characters (code points), not UTF-16 units or bytes. */
export function charLength(value: string): number {
  if (!SURROGATE.test(value)) return value.length;
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function lengthFailures(value: string, t: XsdSimpleType): FacetFailure[] {
  const n = charLength(value);
  const out: FacetFailure[] = [];
  if (t.length !== undefined && n !== t.length) out.push({ code: 'LENGTH', expected: `length=${t.length}` });
  if (t.minLength !== undefined && n < t.minLength)
    out.push({ code: 'MIN_LENGTH', expected: `minLength=${t.minLength}` });
  if (t.maxLength !== undefined && n > t.maxLength)
    out.push({ code: 'MAX_LENGTH', expected: `maxLength=${t.maxLength}` });
  return out;
}

/** Digits of the decimal value (leading integer zeros and trailing fraction zeros do not count, XSD 1.0). */
export function decimalDigits(value: string): { total: number; fraction: number } {
  const unsigned = value.replace(/^[+-]/, '');
  const [intPart = '', fracPart = ''] = unsigned.split('.');
  const fraction = fracPart.replace(/0+$/, '');
  const integer = intPart.replace(/^0+/, '');
  const total = integer.length + fraction.length;
  return { total: total === 0 ? 1 : total, fraction: fraction.length };
}

function digitFailures(value: string, t: XsdSimpleType): FacetFailure[] {
  if (t.totalDigits === undefined && t.fractionDigits === undefined) return [];
  const { total, fraction } = decimalDigits(value);
  const tooLong = t.totalDigits !== undefined && total > t.totalDigits;
  const tooFine = t.fractionDigits !== undefined && fraction > t.fractionDigits;
  if (!tooLong && !tooFine) return [];
  const shape =
    t.fractionDigits === undefined
      ? `totalDigits=${t.totalDigits}`
      : `decimal(${t.totalDigits ?? ''},${t.fractionDigits})`;
  const out: FacetFailure[] = [];
  if (tooLong) out.push({ code: 'TOTAL_DIGITS', expected: shape });
  if (tooFine) out.push({ code: 'FRACTION_DIGITS', expected: shape });
  return out;
}

/** XSD patterns compiled once each (anchored, Unicode). */
const PATTERNS = new Map<string, RegExp>();
function xsdPattern(p: string): RegExp {
  let re = PATTERNS.get(p);
  if (!re) {
    re = new RegExp(`^(?:${p})$`, 'u');
    PATTERNS.set(p, re);
  }
  return re;
}

/** Facet failures of `raw` (element text) against type `t`. */
export function checkSimpleValue(raw: string, t: XsdSimpleType): FacetFailure[] {
  const value = normaliseWhiteSpace(raw, t);
  const out: FacetFailure[] = [];
  if (t.base === 'decimal') {
    if (!DECIMAL.test(value)) return [{ code: 'NOT_DECIMAL', expected: 'xs:decimal' }];
    out.push(...digitFailures(value, t));
  } else if (t.base === 'int') {
    if (!INTEGER.test(value)) return [{ code: 'NOT_INTEGER', expected: 'xs:int' }];
    const n = BigInt(value);
    if (n < INT_MIN || n > INT_MAX)
      return [{ code: 'INTEGER_RANGE', expected: 'xs:int (-2147483648..2147483647)' }];
    out.push(...digitFailures(value, t));
  } else {
    out.push(...lengthFailures(value, t));
  }
  if (t.enumeration && !t.enumeration.includes(value)) {
    out.push({ code: 'ENUMERATION', expected: t.enumeration.join(' | ') });
  }
  for (const p of t.patterns ?? []) {
    if (!xsdPattern(p).test(value)) out.push({ code: 'PATTERN', expected: p });
  }
  return out;
}

const FORMAT_SHAPE: Record<CebDateTimeFormat, RegExp> = {
  yyyyMMdd: /^(\d{4})(\d{2})(\d{2})$/,
  yyyyMMddHHmmss: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  yyyyMMddHHmmssSSS: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{3}$/,
};

/** Checks the digits form and that the date exists in the calendar (no 20230230, no hour 24). */
export function checkDateTime(value: string, format: CebDateTimeFormat): FacetFailure | undefined {
  const m = FORMAT_SHAPE[format].exec(value);
  if (!m) return { code: 'DATE_TIME_FORMAT', expected: format };
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    year >= 1900 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  return valid ? undefined : { code: 'INVALID_DATE', expected: `${format} (calendar date)` };
}

/** Spec-rule failures; the value is compared as-is (after XSD whitespace handling by the caller). */
export function checkSpecRule(value: string, rule: SpecRule): FacetFailure | undefined {
  switch (rule.kind) {
    case 'enumeration':
      return rule.values.includes(value)
        ? undefined
        : { code: 'ENUMERATION', expected: rule.values.join(' | ') };
    case 'dateTime':
      return checkDateTime(value, rule.format);
    case 'hsCode':
      return /^\d{10}$/.test(value)
        ? undefined
        : { code: 'HS_CODE', expected: '10 digits (HS code)', expectedZh: '10位数字商品编码' };
    case 'pattern':
      return rule.regex.test(value)
        ? undefined
        : { code: 'PATTERN', expected: rule.describeEn, expectedZh: rule.describeZh };
  }
}
