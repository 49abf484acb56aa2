import { type CountryAlpha2, getCountry } from './countries';
import { charsetError, emptyError, fail, type IdentifierResult, lengthRangeError, ok } from './result';

export const PASSPORT_NUMBER_MIN_LENGTH = 5;
export const PASSPORT_NUMBER_MAX_LENGTH = 20;

export type Passport = { number: string; nationality: CountryAlpha2 };

const ALLOWED = { zh: '数字 0–9 和字母 A–Z', en: 'digits 0-9 and letters A-Z' };

/**
 * Validates a passport: the number is normalised (white space removed, upper case) and checked, then
 * the nationality. `IDENTIFIER_COUNTRY` always concerns `nationality`; every other code concerns
 * `number`, so the HTTP edge can name the right field.
 */
export function validatePassport(input: { number: string; nationality: string }): IdentifierResult<Passport> {
  const number = validatePassportNumber(input.number);
  if (!number.ok) return number;
  const nationality = validateNationality(input.nationality);
  if (!nationality.ok) return nationality;
  return ok({ number: number.value, nationality: nationality.value });
}

/**
 * A passport number: 5–20 of A–Z and 0–9 once white space is removed and letters upper-cased. The
 * character check runs before upper-casing, so that e.g. "ß" is rejected rather than becoming "SS".
 */
export function validatePassportNumber(input: string): IdentifierResult {
  const characters = Array.from(input.replace(/\s+/gu, ''));
  if (characters.length === 0) return emptyError();

  const badIndex = characters.findIndex((character) => !/^[0-9A-Za-z]$/.test(character));
  if (badIndex !== -1) return charsetError(characters[badIndex]!, badIndex + 1, ALLOWED);

  if (characters.length < PASSPORT_NUMBER_MIN_LENGTH || characters.length > PASSPORT_NUMBER_MAX_LENGTH) {
    return lengthRangeError(PASSPORT_NUMBER_MIN_LENGTH, PASSPORT_NUMBER_MAX_LENGTH, characters.length);
  }
  return ok(characters.join('').toUpperCase());
}

/**
 * An ISO 3166-1 alpha-2 or alpha-3 code, any case, returned as alpha-2. ICAO-only codes seen in
 * machine-readable zones (D for Germany, GBD, UNO) are not ISO codes and are rejected.
 */
export function validateNationality(input: string): IdentifierResult<CountryAlpha2> {
  const code = input.trim();
  if (code === '') {
    return fail('IDENTIFIER_COUNTRY', '国家或地区代码不能为空', 'country code must not be empty');
  }
  const country = getCountry(code);
  if (!country && code.length > 3) {
    return fail(
      'IDENTIFIER_COUNTRY',
      `应为 ISO 3166-1 两位或三位字母国家或地区代码，实际为 ${code.length} 个字符`,
      `must be an ISO 3166-1 alpha-2 or alpha-3 country code, got ${code.length} characters`,
    );
  }
  if (!country) {
    return fail(
      'IDENTIFIER_COUNTRY',
      `"${code}"不是 ISO 3166-1 两位或三位字母国家或地区代码`,
      `"${code}" is not an ISO 3166-1 alpha-2 or alpha-3 country code`,
    );
  }
  return ok(country.alpha2);
}
