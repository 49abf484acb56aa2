import { describe, expect, it } from 'vitest';
import {
  PROCUREMENT_ERROR_CODES,
  type ProcurementErrorCode,
  type ProcurementErrorDetails,
  procurementError,
} from './errors';

const SAMPLE_DETAILS: { [C in ProcurementErrorCode]: ProcurementErrorDetails[C] } = {
  CONTAINER_NUMBER_FORMAT: { input: 'XYZ' },
  CONTAINER_NUMBER_CHECK_DIGIT: { input: 'CSQU3054384', expected: 3, actual: 4 },
  DECLARATION_VALUE_OVER_LIMIT: { valueUsd: '150000.01', limitUsd: '150000.00' },
  DECLARATION_LINE_INVALID: { lineId: 'L1', reason: 'QUANTITY_NOT_WHOLE' },
  DECLARATION_LINE_INDIVISIBLE: { lineId: 'L1', unitValueUsd: '200000.00', limitUsd: '150000.00' },
  DECLARATION_TOO_MANY_LINES: { count: 5001, max: 5000 },
  DECLARATION_TOO_MANY_DECLARATIONS: { max: 1000 },
  HS_CODE_FORMAT: { lineId: 'L1', hsCode: '12' },
};

function build<C extends ProcurementErrorCode>(code: C) {
  return procurementError(code, SAMPLE_DETAILS[code]);
}

describe('procurement errors', () => {
  it.each(PROCUREMENT_ERROR_CODES)('%s has a Chinese and an English message', (code) => {
    const error = build(code);
    expect(error.ok).toBe(false);
    expect(error.code).toBe(code);
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.messageEn).toMatch(/^[\x20-\x7e]+$/);
  });

  it('lists every code once', () => {
    expect(new Set(PROCUREMENT_ERROR_CODES).size).toBe(Object.keys(SAMPLE_DETAILS).length);
  });
});
