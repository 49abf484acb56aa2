import { describe, expect, it } from 'vitest';
import { decimal, formatDecimal } from './decimal';
import { CNY_QUOTE, convert, type DatedExchangeRate, findRateOn, type RateQuote, toCny } from './exchange';

const USD: RateQuote = { rate: decimal('710.56'), rateUnit: 100 };
const EUR: RateQuote = { rate: decimal('7.7856'), rateUnit: 1 };
const JPY: RateQuote = { rate: decimal('4.7201'), rateUnit: 100 };

describe('toCny', () => {
  it('applies a per-100 rate exactly', () => {
    expect(formatDecimal(toCny({ amount: decimal('1000.00'), ...USD }))).toBe('7105.600000');
    expect(formatDecimal(toCny({ amount: decimal('0.01'), ...USD }))).toBe('0.071056');
  });

  it('applies a per-1 rate exactly', () => {
    expect(formatDecimal(toCny({ amount: decimal('2.5'), ...EUR }))).toBe('19.46400');
  });
});

describe('convert', () => {
  it('converts CNY to USD, rounding half-up to 2 digits', () => {
    // 150000 / 7.1056 = 21110.1103...
    expect(formatDecimal(convert({ amount: decimal('150000'), from: CNY_QUOTE, to: USD }))).toBe('21110.11');
  });

  it('converts EUR to USD through CNY with a single rounding at the end', () => {
    // 100 EUR = 778.56 CNY = 109.5699... USD
    expect(formatDecimal(convert({ amount: decimal('100'), from: EUR, to: USD }))).toBe('109.57');
  });

  it('does not round the intermediate CNY amount', () => {
    // 52 JPY = 2.454452 CNY = 0.345425... USD → 0.35. Rounding the CNY to 2.45 first would give 0.34.
    expect(formatDecimal(convert({ amount: decimal('52'), from: JPY, to: USD }))).toBe('0.35');
    expect(formatDecimal(convert({ amount: decimal('1052'), from: JPY, to: USD, scale: 6 }))).toBe(
      '6.988214',
    );
  });

  it('rounds a tie half-up, away from zero for negatives', () => {
    const one: RateQuote = { rate: decimal('1'), rateUnit: 1 };
    expect(formatDecimal(convert({ amount: decimal('0.125'), from: one, to: one }))).toBe('0.13');
    expect(formatDecimal(convert({ amount: decimal('-0.125'), from: one, to: one }))).toBe('-0.13');
    expect(
      formatDecimal(convert({ amount: decimal('0.125'), from: one, to: one, rounding: 'half-even' })),
    ).toBe('0.12');
  });

  it('rejects a non-positive rate as a programmer error', () => {
    const broken: RateQuote = { rate: decimal('0'), rateUnit: 1 };
    expect(() => convert({ amount: decimal('1'), from: broken, to: USD })).toThrow(RangeError);
  });
});

describe('findRateOn', () => {
  const rates: DatedExchangeRate[] = [
    { currency: 'USD', ...USD, effectiveFrom: '2025-05-01', effectiveTo: '2025-06-01' },
    {
      currency: 'USD',
      rate: decimal('718.00'),
      rateUnit: 100,
      effectiveFrom: '2025-06-01',
      effectiveTo: null,
    },
    { currency: 'EUR', ...EUR, effectiveFrom: '2025-05-01', effectiveTo: '2025-06-01' },
  ];

  it('picks the row whose range covers the date, start inclusive', () => {
    const found = findRateOn(rates, 'USD', '2025-05-01');
    expect(found.ok && formatDecimal(found.value.rate)).toBe('710.56');
  });

  it('treats the end date as exclusive, so consecutive rows do not overlap', () => {
    const lastDay = findRateOn(rates, 'USD', '2025-05-31');
    const nextDay = findRateOn(rates, 'USD', '2025-06-01');
    expect(lastDay.ok && formatDecimal(lastDay.value.rate)).toBe('710.56');
    expect(nextDay.ok && formatDecimal(nextDay.value.rate)).toBe('718.00');
  });

  it('an open-ended row covers every later date', () => {
    const found = findRateOn(rates, 'USD', '2031-12-31');
    expect(found.ok && found.value.effectiveFrom).toBe('2025-06-01');
  });

  it('reports a missing rate', () => {
    expect(findRateOn(rates, 'EUR', '2025-06-01')).toMatchObject({
      ok: false,
      code: 'EXCHANGE_RATE_NOT_FOUND',
    });
    expect(findRateOn(rates, 'USD', '2025-04-30')).toMatchObject({
      ok: false,
      code: 'EXCHANGE_RATE_NOT_FOUND',
    });
  });

  it('reports overlapping reference data instead of guessing', () => {
    const overlapping = [
      ...rates,
      { currency: 'USD', ...USD, effectiveFrom: '2025-05-15', effectiveTo: null },
    ];
    const found = findRateOn(overlapping, 'USD', '2025-05-20');
    expect(found).toMatchObject({ ok: false, code: 'EXCHANGE_RATE_AMBIGUOUS' });
  });

  it('rejects a malformed date as a programmer error', () => {
    expect(() => findRateOn(rates, 'USD', '2025-5-1')).toThrow(RangeError);
  });
});
