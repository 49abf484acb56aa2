/**
 * The one result shape of the identifier validators. Bad input is an expected operating error, so
 * validators return it instead of throwing; the HTTP edge maps `code` to a status and prefixes the
 * field name, which is why messages never name a field ("must be 18 characters long, got 17").
 */
export type IdentifierErrorCode =
  | 'IDENTIFIER_EMPTY'
  | 'IDENTIFIER_LENGTH'
  | 'IDENTIFIER_CHARSET'
  | 'IDENTIFIER_CHECK_CHARACTER'
  | 'IDENTIFIER_BIRTH_DATE'
  | 'IDENTIFIER_REGION'
  | 'IDENTIFIER_COUNTRY';

/** Every code, for tables at the HTTP edge and for tests that must cover each one. */
export const IDENTIFIER_ERROR_CODES = [
  'IDENTIFIER_EMPTY',
  'IDENTIFIER_LENGTH',
  'IDENTIFIER_CHARSET',
  'IDENTIFIER_CHECK_CHARACTER',
  'IDENTIFIER_BIRTH_DATE',
  'IDENTIFIER_REGION',
  'IDENTIFIER_COUNTRY',
] as const satisfies readonly IdentifierErrorCode[];

export type IdentifierOk<T> = { ok: true; value: T };
export type IdentifierError = { ok: false; code: IdentifierErrorCode; messageZh: string; messageEn: string };
export type IdentifierResult<T = string> = IdentifierOk<T> | IdentifierError;

export function ok<T>(value: T): IdentifierOk<T> {
  return { ok: true, value };
}

export function fail(code: IdentifierErrorCode, messageZh: string, messageEn: string): IdentifierError {
  return { ok: false, code, messageZh, messageEn };
}

export function emptyError(): IdentifierError {
  return fail('IDENTIFIER_EMPTY', '不能为空', 'must not be empty');
}

export function lengthError(
  expected: number,
  actual: number,
  hint?: { zh: string; en: string },
): IdentifierError {
  return fail(
    'IDENTIFIER_LENGTH',
    `应为 ${expected} 位，实际为 ${actual} 位${hint ? `（${hint.zh}）` : ''}`,
    `must be ${expected} characters long, got ${actual}${hint ? ` (${hint.en})` : ''}`,
  );
}

export function lengthRangeError(min: number, max: number, actual: number): IdentifierError {
  return fail(
    'IDENTIFIER_LENGTH',
    `应为 ${min}–${max} 位，实际为 ${actual} 位`,
    `must be ${min} to ${max} characters long, got ${actual}`,
  );
}

export function checkCharacterError(actual: string, expected: string): IdentifierError {
  return fail(
    'IDENTIFIER_CHECK_CHARACTER',
    `校验码为"${actual}"，应为"${expected}"`,
    `check character is "${actual}" but should be "${expected}"`,
  );
}

/**
 * A character that is not in the allowed set, with the reason spelled out for the two mistakes people
 * make most when typing codes by hand: lower case, and full-width characters from a Chinese input method.
 * `position` is 1-based, as the standards number positions.
 */
export function charsetError(
  character: string,
  position: number,
  allowed: { zh: string; en: string },
): IdentifierError {
  const at = {
    zh: `第 ${position} 位字符"${character}"`,
    en: `character "${character}" at position ${position}`,
  };
  if (/^[a-z]$/.test(character)) {
    return fail(
      'IDENTIFIER_CHARSET',
      `${at.zh}为小写字母，应使用大写字母`,
      `${at.en} is a lower-case letter; use upper case`,
    );
  }
  if (isFullWidth(character)) {
    return fail(
      'IDENTIFIER_CHARSET',
      `${at.zh}为全角字符，应使用半角字符；允许的字符：${allowed.zh}`,
      `${at.en} is a full-width character; use half-width (ASCII) characters: ${allowed.en}`,
    );
  }
  return fail(
    'IDENTIFIER_CHARSET',
    `${at.zh}不允许；允许的字符：${allowed.zh}`,
    `${at.en} is not allowed; allowed: ${allowed.en}`,
  );
}

function isFullWidth(character: string): boolean {
  const codePoint = character.codePointAt(0) ?? 0;
  return codePoint >= 0xff01 && codePoint <= 0xff5e;
}
