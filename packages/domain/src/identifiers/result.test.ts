import { describe, expect, it } from 'vitest';
import { validateCustomsCode } from './customs-code';
import { validatePassport } from './passport';
import { validateResidentId } from './resident-id';
import { IDENTIFIER_ERROR_CODES, type IdentifierErrorCode, type IdentifierResult } from './result';
import { validateUsci } from './usci';

const TODAY = new Date('2025-06-01T04:00:00Z');

/** One input per code: the Record type makes this fail to compile when a code is added. */
const PRODUCERS: Record<IdentifierErrorCode, () => IdentifierResult<unknown>> = {
  IDENTIFIER_EMPTY: () => validateUsci(''),
  IDENTIFIER_LENGTH: () => validateCustomsCode('123'),
  IDENTIFIER_CHARSET: () => validateUsci('91350100M000100Y4I'),
  IDENTIFIER_CHECK_CHARACTER: () => validateUsci('91350100M000100Y44'),
  IDENTIFIER_BIRTH_DATE: () => validateResidentId('110105194902300022', { today: TODAY }),
  IDENTIFIER_REGION: () => validateResidentId('99010519491231002X', { today: TODAY }),
  IDENTIFIER_COUNTRY: () => validatePassport({ number: 'E12345678', nationality: 'ZZ' }),
};

describe('identifier error codes', () => {
  it.each(IDENTIFIER_ERROR_CODES)('%s is produced, with a message in Chinese and English', (code) => {
    const result = PRODUCERS[code]();
    expect(result).toMatchObject({ ok: false, code });
    if (result.ok) return;
    expect(result.messageZh).toMatch(/\p{Script=Han}/u);
    expect(result.messageEn).toMatch(/^[\x20-\x7e]+$/);
  });
});
