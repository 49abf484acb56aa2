import {
  charsetError,
  checkCharacterError,
  emptyError,
  fail,
  type IdentifierError,
  type IdentifierResult,
  lengthError,
  ok,
} from './result';

/**
 * Citizen identification number (公民身份号码), GB 11643-1999. 18 characters:
 *
 * | position | part                                                   |
 * |----------|--------------------------------------------------------|
 * | 1–6      | address code (地址码); 1–2 is the province-level code   |
 * | 7–14     | birth date YYYYMMDD (出生日期码)                        |
 * | 15–17    | sequence code (顺序码); 17 odd = male, even = female    |
 * | 18       | check character, ISO 7064 MOD 11-2 (0–9 or X)           |
 *
 * Province-level codes include 81/82/83 (residence permits of Hong Kong, Macao and Taiwan residents)
 * and 91 (foreigners' permanent residence ID cards, 2023 edition). The 15-digit first-generation
 * numbers are not accepted.
 */
export const RESIDENT_ID_LENGTH = 18;

export type Gender = 'male' | 'female';

/** Birth dates before this are rejected (the standard's own 1880 example included). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15'],
  ...['21', '22', '23'],
  ...['31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46'],
  ...['50', '51', '52', '53', '54'],
  ...['61', '62', '63', '64', '65'],
  ...['71', '81', '82', '83', '91'],
]);

/** Beijing time has had no daylight saving since 1991, so a fixed offset gives today's date in China. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const BIRTH_DATE_START = 6;
const BIRTH_DATE_END = 14;
const GENDER_INDEX = 16;

/**
 * Validates a resident ID: trims, accepts a lower-case x and returns the number with an upper-case X.
 * `today` (default: now) bounds the birth date; it is read as a calendar date in China (UTC+8).
 */
export function validateResidentId(input: string, opts?: { today?: Date }): IdentifierResult {
  const trimmed = input.trim();
  if (trimmed === '') return emptyError();

  const characters = Array.from(trimmed);
  if (characters.length !== RESIDENT_ID_LENGTH) {
    const hint =
      characters.length === 15
        ? { zh: '不受理 15 位的第一代身份证号码', en: '15-digit first-generation numbers are not accepted' }
        : undefined;
    return lengthError(RESIDENT_ID_LENGTH, characters.length, hint);
  }

  for (const [index, character] of characters.entries()) {
    const isLast = index === RESIDENT_ID_LENGTH - 1;
    const allowed = /^\d$/.test(character) || (isLast && (character === 'X' || character === 'x'));
    if (!allowed) {
      const set = isLast
        ? { zh: '数字 0–9 或 X', en: 'digits 0-9 or X' }
        : { zh: '数字 0–9', en: 'digits 0-9' };
      // A lower-case x is allowed, so any other letter gets the plain message rather than "use upper case".
      if (/^[a-z]$/.test(character)) {
        return fail(
          'IDENTIFIER_CHARSET',
          `第 ${index + 1} 位字符"${character}"不允许；允许的字符：${set.zh}`,
          `character "${character}" at position ${index + 1} is not allowed; allowed: ${set.en}`,
        );
      }
      return charsetError(character, index + 1, set);
    }
  }
  const id = trimmed.toUpperCase();

  const province = id.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    return fail(
      'IDENTIFIER_REGION',
      `地区码"${province}"（第 1–2 位）不是有效的省级行政区划代码`,
      `region code "${province}" (positions 1-2) is not a valid province-level code`,
    );
  }

  const birthDateError = checkBirthDate(
    id.slice(BIRTH_DATE_START, BIRTH_DATE_END),
    opts?.today ?? new Date(),
  );
  if (birthDateError) return birthDateError;

  const expected = residentIdCheckCharacter(id.slice(0, RESIDENT_ID_LENGTH - 1));
  const actual = id.slice(RESIDENT_ID_LENGTH - 1);
  if (actual !== expected) return checkCharacterError(actual, expected);

  return ok(id);
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits. Throws on anything else. */
export function residentIdCheckCharacter(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new Error('residentIdCheckCharacter expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body.charAt(i)) * WEIGHTS[i]!;
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/**
 * Birth date of a resident ID that has passed `validateResidentId`, as `YYYY-MM-DD`. Throws on text
 * that is not shaped like one (a programmer error); the message never repeats the number.
 */
export function birthDateOf(residentId: string): string {
  const digits = assertShaped(residentId, 'birthDateOf').slice(BIRTH_DATE_START, BIRTH_DATE_END);
  const date = parseCalendarDate(digits);
  if (!date) throw new Error('birthDateOf: the birth date of the resident ID is not a calendar date');
  return date;
}

/** Gender recorded in a resident ID that has passed `validateResidentId`: odd 17th digit is male. */
export function genderOf(residentId: string): Gender {
  const digit = Number(assertShaped(residentId, 'genderOf').charAt(GENDER_INDEX));
  return digit % 2 === 1 ? 'male' : 'female';
}

function assertShaped(residentId: string, caller: string): string {
  const id = residentId.trim();
  if (!/^\d{17}[\dXx]$/.test(id)) throw new Error(`${caller} expects a validated 18-character resident ID`);
  return id;
}

function checkBirthDate(digits: string, today: Date): IdentifierError | undefined {
  const date = parseCalendarDate(digits);
  if (!date) {
    return fail(
      'IDENTIFIER_BIRTH_DATE',
      `出生日期"${digits}"（第 7–14 位）不是有效的日期`,
      `birth date "${digits}" (positions 7-14) is not a valid calendar date`,
    );
  }
  if (date < EARLIEST_BIRTH_DATE) {
    return fail(
      'IDENTIFIER_BIRTH_DATE',
      `出生日期 ${date} 早于 ${EARLIEST_BIRTH_DATE}`,
      `birth date ${date} is before ${EARLIEST_BIRTH_DATE}`,
    );
  }
  const todayInChina = chinaCalendarDate(today);
  if (date > todayInChina) {
    return fail(
      'IDENTIFIER_BIRTH_DATE',
      `出生日期 ${date} 晚于今天（${todayInChina}）`,
      `birth date ${date} is after today (${todayInChina})`,
    );
  }
  return undefined;
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it names a real day of the Gregorian calendar. */
function parseCalendarDate(digits: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!match) return undefined;
  const [, yyyy = '', mm = '', dd = ''] = match;
  const year = Number(yyyy);
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${yyyy}-${mm}-${dd}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function chinaCalendarDate(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new Error('validateResidentId: `today` is an invalid Date');
  return new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
