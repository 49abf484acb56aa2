import { describe, expect, it } from 'vitest';
import { birthDateOf, genderOf, residentIdCheckCharacter, validateResidentId } from './resident-id';
import type { IdentifierError, IdentifierResult } from './result';

/** A fixed "today" (2025-06-01 noon in Beijing), so no test depends on the machine's clock. */
const TODAY = new Date('2025-06-01T04:00:00Z');

/** The two examples printed in GB 11643-1999 itself. */
const STANDARD_EXAMPLE_1949 = '11010519491231002X';
const STANDARD_EXAMPLE_1880 = '440524188001010014';

/** An ID with the given 6-digit address code, YYYYMMDD birth date and 3-digit sequence, check computed. */
function makeId(address: string, birthDate: string, sequence = '123'): string {
  const body = address + birthDate + sequence;
  return body + residentIdCheckCharacter(body);
}

function failure(result: IdentifierResult): IdentifierError {
  if (result.ok) throw new Error(`expected a failure, got ${result.value}`);
  return result;
}

describe('validateResidentId', () => {
  it('accepts the 1949 example of the standard', () => {
    expect(validateResidentId(STANDARD_EXAMPLE_1949, { today: TODAY })).toEqual({
      ok: true,
      value: STANDARD_EXAMPLE_1949,
    });
  });

  it('agrees with the check character of the 1880 example, but rejects its birth date as before 1900', () => {
    expect(residentIdCheckCharacter(STANDARD_EXAMPLE_1880.slice(0, 17))).toBe('4');
    expect(validateResidentId(STANDARD_EXAMPLE_1880, { today: TODAY })).toEqual({
      ok: false,
      code: 'IDENTIFIER_BIRTH_DATE',
      messageZh: '出生日期 1880-01-01 早于 1900-01-01',
      messageEn: 'birth date 1880-01-01 is before 1900-01-01',
    });
  });

  it('accepts a lower-case x and returns it upper case, trimmed', () => {
    expect(validateResidentId(' 11010519491231002x ', { today: TODAY })).toEqual({
      ok: true,
      value: STANDARD_EXAMPLE_1949,
    });
  });

  it('rejects every wrong check character, lower-case x included', () => {
    const ids = [STANDARD_EXAMPLE_1949, makeId('330302', '19900101'), makeId('810000', '20000229', '456')];
    for (const id of ids) {
      const correct = id.charAt(17);
      for (const character of '0123456789Xx') {
        if (character.toUpperCase() === correct) continue;
        const expected = character.toUpperCase();
        expect(validateResidentId(id.slice(0, 17) + character, { today: TODAY })).toEqual({
          ok: false,
          code: 'IDENTIFIER_CHECK_CHARACTER',
          messageZh: `校验码为"${expected}"，应为"${correct}"`,
          messageEn: `check character is "${expected}" but should be "${correct}"`,
        });
      }
    }
  });

  it('rejects every single-digit substitution in the first 17 positions', () => {
    for (let index = 0; index < 17; index++) {
      for (const digit of '0123456789') {
        if (digit === STANDARD_EXAMPLE_1949.charAt(index)) continue;
        const mutated =
          STANDARD_EXAMPLE_1949.slice(0, index) + digit + STANDARD_EXAMPLE_1949.slice(index + 1);
        expect(validateResidentId(mutated, { today: TODAY }).ok, mutated).toBe(false);
      }
    }
  });

  it('rejects empty and blank input', () => {
    expect(validateResidentId('', { today: TODAY })).toMatchObject({ code: 'IDENTIFIER_EMPTY' });
    expect(validateResidentId('  ', { today: TODAY })).toMatchObject({ code: 'IDENTIFIER_EMPTY' });
  });

  it('rejects the wrong length, and names the 15-digit first generation', () => {
    expect(validateResidentId('11010519491231002', { today: TODAY })).toEqual({
      ok: false,
      code: 'IDENTIFIER_LENGTH',
      messageZh: '应为 18 位，实际为 17 位',
      messageEn: 'must be 18 characters long, got 17',
    });
    expect(validateResidentId('110105491231002', { today: TODAY })).toEqual({
      ok: false,
      code: 'IDENTIFIER_LENGTH',
      messageZh: '应为 18 位，实际为 15 位（不受理 15 位的第一代身份证号码）',
      messageEn: 'must be 18 characters long, got 15 (15-digit first-generation numbers are not accepted)',
    });
  });

  it('rejects letters other than a final X, and X anywhere but last', () => {
    expect(validateResidentId('1101051949123100AX', { today: TODAY })).toEqual({
      ok: false,
      code: 'IDENTIFIER_CHARSET',
      messageZh: '第 17 位字符"A"不允许；允许的字符：数字 0–9',
      messageEn: 'character "A" at position 17 is not allowed; allowed: digits 0-9',
    });
    expect(failure(validateResidentId('X10105194912310021', { today: TODAY })).code).toBe(
      'IDENTIFIER_CHARSET',
    );
    expect(failure(validateResidentId('11010519491231002y', { today: TODAY })).messageEn).toBe(
      'character "y" at position 18 is not allowed; allowed: digits 0-9 or X',
    );
  });

  it.each([
    '00',
    '10',
    '16',
    '20',
    '24',
    '30',
    '38',
    '40',
    '47',
    '55',
    '60',
    '66',
    '70',
    '72',
    '80',
    '84',
    '90',
    '92',
    '99',
  ])('rejects the province code %s', (province) => {
    expect(validateResidentId(makeId(`${province}0000`, '19900101'), { today: TODAY })).toEqual({
      ok: false,
      code: 'IDENTIFIER_REGION',
      messageZh: `地区码"${province}"（第 1–2 位）不是有效的省级行政区划代码`,
      messageEn: `region code "${province}" (positions 1-2) is not a valid province-level code`,
    });
  });

  it.each([
    ...['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37'],
    ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
    ...['71', '81', '82', '83', '91'],
  ])('accepts the province code %s', (province) => {
    const id = makeId(`${province}0101`, '19900101');
    expect(validateResidentId(id, { today: TODAY })).toEqual({ ok: true, value: id });
  });

  it.each([
    ['19490230', 'February 30'],
    ['19000229', 'February 29 in 1900, not a leap year'],
    ['20230229', 'February 29 in a common year'],
    ['19901301', 'month 13'],
    ['19900001', 'month 00'],
    ['19900100', 'day 00'],
    ['19900431', 'April 31'],
  ])('rejects the birth date %s (%s)', (birthDate) => {
    expect(validateResidentId(makeId('110105', birthDate), { today: TODAY })).toEqual({
      ok: false,
      code: 'IDENTIFIER_BIRTH_DATE',
      messageZh: `出生日期"${birthDate}"（第 7–14 位）不是有效的日期`,
      messageEn: `birth date "${birthDate}" (positions 7-14) is not a valid calendar date`,
    });
  });

  it.each(['20000229', '20240229', '19000101', '19001231'])('accepts the birth date %s', (birthDate) => {
    const id = makeId('110105', birthDate);
    expect(validateResidentId(id, { today: TODAY })).toEqual({ ok: true, value: id });
  });

  it('rejects a birth date before 1900-01-01', () => {
    expect(validateResidentId(makeId('110105', '18991231'), { today: TODAY })).toMatchObject({
      code: 'IDENTIFIER_BIRTH_DATE',
      messageEn: 'birth date 1899-12-31 is before 1900-01-01',
    });
  });

  it('rejects a birth date after today, and accepts one born today', () => {
    expect(validateResidentId(makeId('110105', '20250602'), { today: TODAY })).toEqual({
      ok: false,
      code: 'IDENTIFIER_BIRTH_DATE',
      messageZh: '出生日期 2025-06-02 晚于今天（2025-06-01）',
      messageEn: 'birth date 2025-06-02 is after today (2025-06-01)',
    });
    const bornToday = makeId('110105', '20250601');
    expect(validateResidentId(bornToday, { today: TODAY })).toEqual({ ok: true, value: bornToday });
  });

  it('reads "today" as the calendar date in China (UTC+8)', () => {
    const id = makeId('110105', '20250602');
    // 2025-06-01T16:30Z is already 00:30 on 2 June in Beijing.
    expect(validateResidentId(id, { today: new Date('2025-06-01T16:30:00Z') }).ok).toBe(true);
    expect(validateResidentId(id, { today: new Date('2025-06-01T15:30:00Z') }).ok).toBe(false);
  });

  it('defaults "today" to the current date', () => {
    expect(validateResidentId(makeId('110105', '29991231')).ok).toBe(false);
    expect(validateResidentId(STANDARD_EXAMPLE_1949).ok).toBe(true);
  });
});

describe('birthDateOf', () => {
  it('returns the birth date as YYYY-MM-DD', () => {
    expect(birthDateOf(STANDARD_EXAMPLE_1949)).toBe('1949-12-31');
    expect(birthDateOf('11010519491231002x')).toBe('1949-12-31');
  });

  it('throws, without repeating the number, on text that is not a resident ID', () => {
    expect(() => birthDateOf('110105194912310')).toThrow(
      'birthDateOf expects a validated 18-character resident ID',
    );
    expect(() => birthDateOf(makeId('110105', '19490230'))).toThrow(/not a calendar date$/);
  });
});

describe('genderOf', () => {
  it('reads the 17th digit: odd is male, even is female', () => {
    expect(genderOf(STANDARD_EXAMPLE_1949)).toBe('female');
    expect(genderOf(STANDARD_EXAMPLE_1880)).toBe('male');
    expect(genderOf(makeId('110105', '19900101', '121'))).toBe('male');
    expect(genderOf(makeId('110105', '19900101', '120'))).toBe('female');
  });

  it('throws on text that is not a resident ID', () => {
    expect(() => genderOf('not an id')).toThrow('genderOf expects a validated 18-character resident ID');
  });
});
