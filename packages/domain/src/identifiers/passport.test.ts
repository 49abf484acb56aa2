import { describe, expect, it } from 'vitest';
import { validateNationality, validatePassport, validatePassportNumber } from './passport';

describe('validatePassport', () => {
  it('normalises the number and returns the alpha-2 nationality', () => {
    expect(validatePassport({ number: ' e 1234 5678 ', nationality: 'chn' })).toEqual({
      ok: true,
      value: { number: 'E12345678', nationality: 'CN' },
    });
    expect(validatePassport({ number: 'c01x00t47', nationality: 'de' })).toEqual({
      ok: true,
      value: { number: 'C01X00T47', nationality: 'DE' },
    });
  });

  it('checks the number before the nationality', () => {
    expect(validatePassport({ number: 'E12', nationality: 'XX' })).toMatchObject({
      code: 'IDENTIFIER_LENGTH',
    });
    expect(validatePassport({ number: 'E12345678', nationality: 'XX' })).toMatchObject({
      code: 'IDENTIFIER_COUNTRY',
    });
  });
});

describe('validatePassportNumber', () => {
  it('removes every kind of white space, including full-width spaces', () => {
    expect(validatePassportNumber('E1234\u30005678\t9')).toEqual({ ok: true, value: 'E123456789' });
  });

  it('accepts 5 and 20 characters and rejects 4 and 21', () => {
    expect(validatePassportNumber('A1234')).toEqual({ ok: true, value: 'A1234' });
    expect(validatePassportNumber('A'.repeat(20))).toEqual({ ok: true, value: 'A'.repeat(20) });
    expect(validatePassportNumber('A123')).toEqual({
      ok: false,
      code: 'IDENTIFIER_LENGTH',
      messageZh: '应为 5–20 位，实际为 4 位',
      messageEn: 'must be 5 to 20 characters long, got 4',
    });
    expect(validatePassportNumber('A'.repeat(21))).toMatchObject({ code: 'IDENTIFIER_LENGTH' });
  });

  it('rejects empty and blank numbers', () => {
    expect(validatePassportNumber(' \t ')).toMatchObject({ ok: false, code: 'IDENTIFIER_EMPTY' });
  });

  it('rejects punctuation and names the character and its position', () => {
    expect(validatePassportNumber('E1234-5678')).toEqual({
      ok: false,
      code: 'IDENTIFIER_CHARSET',
      messageZh: '第 6 位字符"-"不允许；允许的字符：数字 0–9 和字母 A–Z',
      messageEn: 'character "-" at position 6 is not allowed; allowed: digits 0-9 and letters A-Z',
    });
  });

  it('rejects letters outside A-Z rather than upper-casing them into ASCII', () => {
    // "ß".toUpperCase() is "SS": it must not slip through as a valid number.
    expect(validatePassportNumber('Eß12345')).toMatchObject({ code: 'IDENTIFIER_CHARSET' });
    expect(validatePassportNumber('É1234567')).toMatchObject({ code: 'IDENTIFIER_CHARSET' });
    expect(validatePassportNumber('Ｅ1234567')).toMatchObject({ code: 'IDENTIFIER_CHARSET' });
  });
});

describe('validateNationality', () => {
  it.each([
    ['CN', 'CN'],
    ['CHN', 'CN'],
    ['gbr', 'GB'],
    [' us ', 'US'],
    ['HKG', 'HK'],
  ])('accepts %s as %s', (code, alpha2) => {
    expect(validateNationality(code)).toEqual({ ok: true, value: alpha2 });
  });

  it('rejects codes that are not ISO 3166-1', () => {
    expect(validateNationality('XK')).toEqual({
      ok: false,
      code: 'IDENTIFIER_COUNTRY',
      messageZh: '"XK"不是 ISO 3166-1 两位或三位字母国家或地区代码',
      messageEn: '"XK" is not an ISO 3166-1 alpha-2 or alpha-3 country code',
    });
    // ICAO machine-readable-zone codes that ISO does not assign.
    for (const code of ['D', 'GBD', 'UNO']) expect(validateNationality(code)).toMatchObject({ ok: false });
  });

  it('rejects an empty or over-long value without repeating it', () => {
    expect(validateNationality('')).toMatchObject({
      code: 'IDENTIFIER_COUNTRY',
      messageEn: 'country code must not be empty',
    });
    expect(validateNationality('People’s Republic of China')).toMatchObject({
      code: 'IDENTIFIER_COUNTRY',
      messageEn: 'must be an ISO 3166-1 alpha-2 or alpha-3 country code, got 26 characters',
    });
  });
});
