import { describe, expect, it } from 'vitest';
import { validateCustomsCode } from './customs-code';

describe('validateCustomsCode', () => {
  it.each(['3303960123', '4404190001', '1100280ABC', '31229W1234'])('accepts %s', (code) => {
    expect(validateCustomsCode(code)).toEqual({ ok: true, value: code });
  });

  it('trims surrounding white space', () => {
    expect(validateCustomsCode(' 3303960123\n')).toEqual({ ok: true, value: '3303960123' });
  });

  it('rejects empty input', () => {
    expect(validateCustomsCode(' ')).toMatchObject({ ok: false, code: 'IDENTIFIER_EMPTY' });
  });

  it.each([
    ['330396012', 9],
    ['33039601234', 11],
    ['91350100M000100Y43', 18],
  ])('rejects %s as %i characters long', (code, length) => {
    expect(validateCustomsCode(code)).toEqual({
      ok: false,
      code: 'IDENTIFIER_LENGTH',
      messageZh: `应为 10 位，实际为 ${length} 位`,
      messageEn: `must be 10 characters long, got ${length}`,
    });
  });

  it('rejects lower case instead of folding it', () => {
    expect(validateCustomsCode('33039w0123')).toEqual({
      ok: false,
      code: 'IDENTIFIER_CHARSET',
      messageZh: '第 6 位字符"w"为小写字母，应使用大写字母',
      messageEn: 'character "w" at position 6 is a lower-case letter; use upper case',
    });
  });

  it.each(['3303-60123', '3303 60123', '3303９60123', '3303é60123'])(
    'rejects the character in %s',
    (code) => {
      expect(validateCustomsCode(code)).toMatchObject({ ok: false, code: 'IDENTIFIER_CHARSET' });
    },
  );

  it('rejects a letter in the division code (positions 1-4)', () => {
    expect(validateCustomsCode('33A3960123')).toEqual({
      ok: false,
      code: 'IDENTIFIER_REGION',
      messageZh: '行政区划代码（第 1–4 位）应为 4 位数字，实际为"33A3"',
      messageEn: 'administrative division code (positions 1-4) must be 4 digits, got "33A3"',
    });
  });
});
