import {
  charsetError,
  checkCharacterError,
  emptyError,
  fail,
  type IdentifierResult,
  lengthError,
  ok,
} from './result';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015. 18 characters:
 *
 * | position | part                                       | enforced here                  |
 * |----------|--------------------------------------------|--------------------------------|
 * | 1        | registration authority (登记管理部门代码)  | alphabet only                  |
 * | 2        | organisation type (机构类别代码)           | alphabet only                  |
 * | 3–8      | administrative division (行政区划码)       | six digits (not the code list) |
 * | 9–17     | organisation code (主体标识码, GB 11714)   | alphabet only                  |
 * | 18       | check character (校验码)                   | weighted sum modulo 31         |
 *
 * Authority and type codes are not checked against a list: authorities have been added since 2015, and
 * a list here would reject codes that are valid.
 *
 * The embedded GB 11714 organisation code has its own check digit (position 17). It is deliberately not
 * enforced: it adds no detection power (the modulo-31 check already catches every single-character
 * substitution), and rejecting a real enterprise is worse than missing a rule we cannot confirm every
 * issuing authority followed. Note also that some real codes issued in Xiamen before 2016
 * (e.g. `91350203M0001FUE2P`, reported in hutool issues #2020 and #4119) fail even the GB 32100 check
 * character; they are rejected here and need handling outside this validator.
 */
export const USCI_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCI_LENGTH = 18;

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const MODULUS = 31;
const DIVISION_START = 2;
const DIVISION_END = 8;

const ALLOWED = {
  zh: '数字 0–9 和大写字母（不含 I、O、S、V、Z）',
  en: 'digits 0-9 and upper-case letters except I, O, S, V, Z',
};

/** Validates and normalises (trims) a unified social credit code. Lower case is rejected, not folded. */
export function validateUsci(input: string): IdentifierResult {
  const code = input.trim();
  if (code === '') return emptyError();

  const characters = Array.from(code);
  if (characters.length !== USCI_LENGTH) return lengthError(USCI_LENGTH, characters.length);

  const badIndex = characters.findIndex((character) => !USCI_ALPHABET.includes(character));
  if (badIndex !== -1) return charsetError(characters[badIndex]!, badIndex + 1, ALLOWED);

  const division = code.slice(DIVISION_START, DIVISION_END);
  if (!/^\d{6}$/.test(division)) {
    return fail(
      'IDENTIFIER_REGION',
      `登记管理机关行政区划码（第 3–8 位）应为 6 位数字，实际为"${division}"`,
      `administrative division code (positions 3-8) must be 6 digits, got "${division}"`,
    );
  }

  const expected = usciCheckCharacter(code.slice(0, USCI_LENGTH - 1));
  const actual = code.slice(USCI_LENGTH - 1);
  if (actual !== expected) return checkCharacterError(actual, expected);

  return ok(code);
}

/**
 * The GB 32100 check character of the first 17 characters: 31 − (Σ valueᵢ·weightᵢ mod 31), where a
 * character's value is its index in the alphabet, and 31 maps to '0'. Throws on anything that is not
 * 17 alphabet characters: callers pass text they have already checked.
 */
export function usciCheckCharacter(body: string): string {
  if (body.length !== USCI_LENGTH - 1) {
    throw new Error(`usciCheckCharacter expects ${USCI_LENGTH - 1} characters, got ${body.length}`);
  }
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = USCI_ALPHABET.indexOf(body.charAt(i));
    if (value === -1) throw new Error(`usciCheckCharacter: position ${i + 1} is not in the alphabet`);
    sum += value * WEIGHTS[i]!;
  }
  const check = (MODULUS - (sum % MODULUS)) % MODULUS;
  return USCI_ALPHABET.charAt(check);
}
