import { charsetError, emptyError, fail, type IdentifierResult, lengthError, ok } from './result';

/**
 * Customs registration code (海关注册编码 / 海关编码, also 经营单位编码), assigned by the customs office
 * where a consignor, consignee or broker registers. Ten characters. Published descriptions (customs
 * Q&A and declaration-form filling guides) give this structure for the classic all-digit codes:
 *
 * | position | meaning                                                                           |
 * |----------|-----------------------------------------------------------------------------------|
 * | 1–4      | administrative division of the registered place: 1–2 province, 3–4 city          |
 * |          | (3–4 = 90 for units directly under the province not otherwise listed)            |
 * | 5        | economic zone type: 1 special economic zone, 2 economic and technological        |
 * |          | development zone, 3 high-tech zone, 4 bonded zone, 5 export processing zone,     |
 * |          | 6 bonded port area, 7 bonded logistics park, 9 elsewhere                         |
 * | 6        | enterprise type: 1 state-owned, 2 co-operative JV, 3 equity JV, 4 wholly         |
 * |          | foreign-owned, 5 collective, 6 private, 7 individual business, 8 customs         |
 * |          | declaration right without trading right (brokers), 9 other                       |
 * | 7–10     | sequence number in order of registration                                          |
 *
 * Letters are accepted in positions 5–10: the descriptions above cover only the classic all-digit
 * codes, the zone and type tables have changed over time, and rejecting a code that customs did issue
 * is worse than accepting one we cannot fully check. So only what is stable is enforced: length 10,
 * digits and upper-case letters, positions 1–4 digits. Lower case is rejected, not folded, as for the
 * unified social credit code.
 */
export const CUSTOMS_CODE_LENGTH = 10;

const DIVISION_LENGTH = 4;
const ALLOWED = { zh: '数字 0–9 和大写字母 A–Z', en: 'digits 0-9 and upper-case letters A-Z' };

/** Validates and normalises (trims) a customs registration code. */
export function validateCustomsCode(input: string): IdentifierResult {
  const code = input.trim();
  if (code === '') return emptyError();

  const characters = Array.from(code);
  if (characters.length !== CUSTOMS_CODE_LENGTH) return lengthError(CUSTOMS_CODE_LENGTH, characters.length);

  const badIndex = characters.findIndex((character) => !/^[0-9A-Z]$/.test(character));
  if (badIndex !== -1) return charsetError(characters[badIndex]!, badIndex + 1, ALLOWED);

  const division = code.slice(0, DIVISION_LENGTH);
  if (!/^\d{4}$/.test(division)) {
    return fail(
      'IDENTIFIER_REGION',
      `行政区划代码（第 1–4 位）应为 4 位数字，实际为"${division}"`,
      `administrative division code (positions 1-4) must be 4 digits, got "${division}"`,
    );
  }

  return ok(code);
}
