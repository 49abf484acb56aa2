import { describe, expect, it } from 'vitest';
import { containerCheckDigit, parseContainerNumber } from './container-number';

describe('containerCheckDigit', () => {
  it.each([
    // ISO 6346's own worked example, and numbers printed on real boxes.
    ['CSQU305438', 3],
    ['BICU123456', 5],
    ['MSKU907032', 3],
    ['APZU481209', 0],
  ])('%s → %i', (firstTen, digit) => {
    expect(containerCheckDigit(firstTen)).toBe(digit);
  });

  it('writes a remainder of 10 as 0', () => {
    // Weighted sum 4025 = 365 × 11 + 10.
    expect(containerCheckDigit('CSQU000007')).toBe(0);
  });

  it('skips multiples of 11 in the letter values (L = 23, V = 34)', () => {
    // Only the letter differs between these two, in position 0 (weight 1): K = 21, L = 23.
    const k = containerCheckDigit('KAAU000000');
    const l = containerCheckDigit('LAAU000000');
    expect((l - k + 11) % 11).toBe(2);
  });
});

describe('parseContainerNumber', () => {
  it.each(['CSQU3054383', 'MSKU9070323', 'BICU1234565', 'CSQU0000070'])('accepts %s', (input) => {
    expect(parseContainerNumber(input)).toEqual({ ok: true, value: input });
  });

  it('accepts category letters J and Z', () => {
    // Same owner letters and serial, so only the category letter's value changes the digit.
    const j = `ABCJ123456${containerCheckDigit('ABCJ123456')}`;
    const z = `ABCZ123456${containerCheckDigit('ABCZ123456')}`;
    expect(parseContainerNumber(j).ok).toBe(true);
    expect(parseContainerNumber(z).ok).toBe(true);
  });

  it('normalises the forms people copy from paperwork', () => {
    expect(parseContainerNumber(' csqu 305438-3 ')).toEqual({ ok: true, value: 'CSQU3054383' });
  });

  it('reports a wrong check digit with the digit it should be', () => {
    const parsed = parseContainerNumber('CSQU3054384');
    expect(parsed).toMatchObject({
      ok: false,
      code: 'CONTAINER_NUMBER_CHECK_DIGIT',
      details: { expected: 3, actual: 4 },
    });
    if (!parsed.ok) {
      expect(parsed.messageZh).toContain('应为 3');
      expect(parsed.messageEn).toContain('ISO 6346 gives 3');
    }
  });

  it.each([
    ['', 'empty'],
    ['CSQX3054383', 'category letter not U/J/Z'],
    ['CSQU305438', 'too short'],
    ['CSQU30543831', 'too long'],
    ['C5QU3054383', 'digit in the owner code'],
    ['CSQU30543B3', 'letter in the serial'],
    ['CSQU3054383'.repeat(4), 'overlong input'],
    ['ＣＳＱＵ3054383', 'full-width letters'],
  ])('rejects %j (%s) as CONTAINER_NUMBER_FORMAT', (input) => {
    expect(parseContainerNumber(input)).toMatchObject({ ok: false, code: 'CONTAINER_NUMBER_FORMAT' });
  });

  it('does not echo overlong input in full', () => {
    const parsed = parseContainerNumber('X'.repeat(1000));
    expect(!parsed.ok && parsed.messageEn.length).toBeLessThan(300);
  });
});
