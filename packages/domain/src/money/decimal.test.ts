import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  type Decimal,
  decimal,
  divide,
  equals,
  formatDecimal,
  fromMinorUnits,
  isNegative,
  isZero,
  makeDecimal,
  max,
  min,
  mul,
  parseDecimal,
  type Rounding,
  rescale,
  sub,
  sum,
  toMinorUnits,
} from './decimal';

const CEB = { maxScale: 5, maxIntegerDigits: 14 } as const;

function text(value: Decimal): string {
  return formatDecimal(value);
}

describe('parseDecimal', () => {
  it('keeps the scale the text was written with', () => {
    const parsed = parseDecimal('1.50', CEB);
    expect(parsed).toEqual({ ok: true, value: { units: 150n, scale: 2 } });
  });

  it.each([
    ['0', 0n, 0],
    ['-12.345', -12345n, 3],
    ['007.10', 710n, 2],
    ['-0', 0n, 0],
    ['99999999999999.99999', 9999999999999999999n, 5],
  ])('accepts %s', (input, units, scale) => {
    expect(parseDecimal(input, CEB)).toEqual({ ok: true, value: { units, scale } });
  });

  it.each([
    '+1',
    '1e5',
    '1E-2',
    '.5',
    '5.',
    '',
    ' 1',
    '1 ',
    '1,000.00',
    '--1',
    '0x10',
    'NaN',
    'Infinity',
    '１２',
  ])('rejects %j as DECIMAL_FORMAT', (input) => {
    const parsed = parseDecimal(input, CEB);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.code).toBe('DECIMAL_FORMAT');
  });

  it('rejects more fraction digits than allowed, naming both counts', () => {
    const parsed = parseDecimal('1.123456', CEB);
    expect(parsed).toMatchObject({ ok: false, code: 'DECIMAL_FRACTION_DIGITS' });
    if (!parsed.ok) expect(parsed.messageEn).toContain('6 digits after the point, at most 5');
  });

  it('rejects more integer digits than decimal(19,5) holds, ignoring leading zeros', () => {
    expect(parseDecimal('123456789012345', CEB)).toMatchObject({ ok: false, code: 'DECIMAL_INTEGER_DIGITS' });
    expect(parseDecimal('000012345678901234', CEB).ok).toBe(true);
  });

  it('rejects overlong text before parsing it', () => {
    expect(parseDecimal('1'.repeat(65), { maxScale: 5, maxIntegerDigits: 100 })).toMatchObject({
      ok: false,
      code: 'DECIMAL_FORMAT',
    });
  });
});

describe('formatDecimal', () => {
  it('pads to the requested scale and writes negatives below one', () => {
    expect(formatDecimal(decimal('-0.05'), 2)).toBe('-0.05');
    expect(formatDecimal(decimal('3'), 2)).toBe('3.00');
    expect(formatDecimal(decimal('12.3'), 5)).toBe('12.30000');
    expect(formatDecimal(decimal('-7'))).toBe('-7');
  });

  it('drops trailing zeros only, and refuses to round silently', () => {
    expect(formatDecimal(decimal('1.2300'), 2)).toBe('1.23');
    expect(() => formatDecimal(decimal('1.235'), 2)).toThrow(RangeError);
  });
});

describe('arithmetic is exact', () => {
  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(equals(add(decimal('0.1'), decimal('0.2')), decimal('0.3'))).toBe(true);
    expect(text(add(decimal('0.1'), decimal('0.2')))).toBe('0.3');
  });

  it('adds and subtracts across scales', () => {
    expect(text(add(decimal('1.005'), decimal('2')))).toBe('3.005');
    expect(text(sub(decimal('1'), decimal('0.00001')))).toBe('0.99999');
  });

  it('multiplies with the sum of scales', () => {
    expect(text(mul(decimal('19.99'), decimal('3.5')))).toBe('69.965');
    expect(text(mul(decimal('-0.5'), decimal('-0.5')))).toBe('0.25');
  });

  it('handles values far beyond Number.MAX_SAFE_INTEGER', () => {
    const huge = decimal('99999999999999.99999');
    const total = sum([huge, huge, huge, huge, huge, huge, huge, huge, huge, huge]);
    expect(text(total)).toBe('999999999999999.99990');
    expect(text(mul(huge, huge))).toBe('9999999999999999998000000000.0000000001');
  });

  it('sums an empty list to zero and keeps the largest scale', () => {
    expect(isZero(sum([]))).toBe(true);
    expect(sum([decimal('1.1'), decimal('2.22')])).toEqual({ units: 332n, scale: 2 });
  });

  it('sums 0.01 ten thousand times to exactly 100', () => {
    const cents = Array.from({ length: 10_000 }, () => decimal('0.01'));
    expect(text(sum(cents))).toBe('100.00');
  });
});

describe('rescale', () => {
  const cases: Array<[string, Rounding, string]> = [
    ['2.5', 'half-up', '3'],
    ['-2.5', 'half-up', '-3'],
    ['2.5', 'half-even', '2'],
    ['3.5', 'half-even', '4'],
    ['-2.5', 'half-even', '-2'],
    ['-3.5', 'half-even', '-4'],
    ['2.4', 'half-up', '2'],
    ['2.51', 'half-even', '3'],
    ['2.9', 'down', '2'],
    ['-2.9', 'down', '-2'],
    ['2.1', 'up', '3'],
    ['-2.1', 'up', '-3'],
    ['2.0', 'up', '2'],
    ['-0.4', 'half-up', '0'],
  ];
  it.each(cases)('%s %s → %s', (input, rounding, expected) => {
    expect(text(rescale(decimal(input), 0, rounding))).toBe(expected);
  });

  it('rounds 1.005 to 1.01 half-up (where a float gives 1.00)', () => {
    expect(text(rescale(decimal('1.005'), 2, 'half-up'))).toBe('1.01');
    expect(text(rescale(decimal('-1.005'), 2, 'half-up'))).toBe('-1.01');
  });

  it('rounds on the full tail, not only the first dropped digit', () => {
    expect(text(rescale(decimal('0.12500001'), 2, 'half-even'))).toBe('0.13');
    expect(text(rescale(decimal('0.125'), 2, 'half-even'))).toBe('0.12');
  });

  it('going up in scale is exact', () => {
    expect(rescale(decimal('1.5'), 3, 'down')).toEqual({ units: 1500n, scale: 3 });
  });

  it('rejects a scale out of range', () => {
    expect(() => rescale(decimal('1'), -1, 'down')).toThrow(RangeError);
    expect(() => makeDecimal(1n, 1.5)).toThrow(RangeError);
  });
});

describe('divide', () => {
  it('rounds once at the requested scale', () => {
    expect(text(divide(decimal('1'), decimal('3'), 5, 'half-up'))).toBe('0.33333');
    expect(text(divide(decimal('2'), decimal('3'), 5, 'half-up'))).toBe('0.66667');
    expect(text(divide(decimal('2'), decimal('3'), 5, 'down'))).toBe('0.66666');
  });

  it('handles signs and scales of both operands', () => {
    expect(text(divide(decimal('-10.5'), decimal('0.25'), 2, 'half-up'))).toBe('-42.00');
    expect(text(divide(decimal('1'), decimal('-8'), 2, 'half-up'))).toBe('-0.13');
    expect(text(divide(decimal('1'), decimal('-8'), 2, 'half-even'))).toBe('-0.12');
  });

  it('throws on division by zero', () => {
    expect(() => divide(decimal('1'), decimal('0.00'), 2, 'half-up')).toThrow('division by zero');
  });
});

describe('comparisons', () => {
  it('ignores scale', () => {
    expect(compare(decimal('1.0'), decimal('1.00'))).toBe(0);
    expect(compare(decimal('150000.01'), decimal('150000'))).toBe(1);
    expect(compare(decimal('-0.001'), decimal('0'))).toBe(-1);
  });

  it('min and max return the extreme argument', () => {
    expect(text(min(decimal('3'), decimal('-1.5'), decimal('2')))).toBe('-1.5');
    expect(text(max(decimal('3'), decimal('3.00'), decimal('2')))).toBe('3');
  });

  it('isZero and isNegative', () => {
    expect(isZero(decimal('0.000'))).toBe(true);
    expect(isNegative(decimal('-0.00001'))).toBe(true);
    expect(isNegative(decimal('-0'))).toBe(false);
  });
});

describe('minor units', () => {
  it('converts exactly to fen and back', () => {
    expect(toMinorUnits(decimal('12.34'), 2)).toBe(1234n);
    expect(toMinorUnits(decimal('12.3'), 2)).toBe(1230n);
    expect(text(fromMinorUnits(-5n, 2))).toBe('-0.05');
  });

  it('refuses to round unless asked', () => {
    expect(() => toMinorUnits(decimal('12.345'), 2)).toThrow(RangeError);
    expect(toMinorUnits(decimal('12.345'), 2, 'half-up')).toBe(1235n);
    expect(toMinorUnits(decimal('12.345'), 2, 'half-even')).toBe(1234n);
  });
});
