/**
 * The closed set of error codes of the market-procurement (1039) domain engines. These are expected
 * operating errors (bad input from an operator or an enterprise system), so engines return them as
 * `{ ok: false, code, messageZh, messageEn }`; the HTTP edge maps each code to a status. Messages
 * never name the request field: the edge adds that.
 */
export type ProcurementErrorCode = keyof ProcurementErrorDetails;

/** What each code carries, so a message can be rebuilt (or translated) from structured data. */
export interface ProcurementErrorDetails {
  CONTAINER_NUMBER_FORMAT: { readonly input: string };
  CONTAINER_NUMBER_CHECK_DIGIT: {
    readonly input: string;
    readonly expected: number;
    readonly actual: number;
  };
  DECLARATION_VALUE_OVER_LIMIT: { readonly valueUsd: string; readonly limitUsd: string };
  DECLARATION_LINE_INVALID: { readonly lineId: string; readonly reason: LineInvalidReason };
  DECLARATION_LINE_INDIVISIBLE: {
    readonly lineId: string;
    readonly unitValueUsd: string;
    readonly limitUsd: string;
  };
  DECLARATION_TOO_MANY_LINES: { readonly count: number; readonly max: number };
  DECLARATION_TOO_MANY_DECLARATIONS: { readonly max: number };
  HS_CODE_FORMAT: { readonly lineId: string; readonly hsCode: string };
}

/** Every code, for the table at the HTTP edge and for tests that must cover each one. */
export const PROCUREMENT_ERROR_CODES = [
  'CONTAINER_NUMBER_FORMAT',
  'CONTAINER_NUMBER_CHECK_DIGIT',
  'DECLARATION_VALUE_OVER_LIMIT',
  'DECLARATION_LINE_INVALID',
  'DECLARATION_LINE_INDIVISIBLE',
  'DECLARATION_TOO_MANY_LINES',
  'DECLARATION_TOO_MANY_DECLARATIONS',
  'HS_CODE_FORMAT',
] as const satisfies readonly ProcurementErrorCode[];

/** Why a goods line was rejected before splitting or simplifying. */
export type LineInvalidReason =
  | 'EMPTY_LINE_ID'
  | 'DUPLICATE_LINE_ID'
  | 'QUANTITY_NOT_POSITIVE'
  | 'QUANTITY_TOO_PRECISE'
  | 'QUANTITY_NOT_WHOLE'
  | 'VALUE_NEGATIVE'
  | 'VALUE_TOO_PRECISE';

const LINE_INVALID_TEXT: Readonly<Record<LineInvalidReason, { zh: string; en: string }>> = {
  EMPTY_LINE_ID: { zh: '行标识为空', en: 'the line id is empty' },
  DUPLICATE_LINE_ID: { zh: '行标识重复', en: 'the line id appears more than once' },
  QUANTITY_NOT_POSITIVE: { zh: '数量必须大于 0', en: 'the quantity must be greater than 0' },
  QUANTITY_TOO_PRECISE: {
    zh: '数量最多 5 位小数',
    en: 'the quantity has more than 5 digits after the point',
  },
  QUANTITY_NOT_WHOLE: {
    zh: '该计量单位只能按整数申报，数量不是整数',
    en: 'the unit is counted in whole units but the quantity is not a whole number',
  },
  VALUE_NEGATIVE: { zh: '货值不能为负数', en: 'the value must not be negative' },
  VALUE_TOO_PRECISE: {
    zh: '美元货值最多 2 位小数',
    en: 'the USD value has more than 2 digits after the point',
  },
};

type MessageBuilders = {
  readonly [C in ProcurementErrorCode]: (details: ProcurementErrorDetails[C]) => { zh: string; en: string };
};

const MESSAGES: MessageBuilders = {
  CONTAINER_NUMBER_FORMAT: ({ input }) => ({
    zh: `集装箱号"${input}"格式错误：应为 3 位箱主代码字母、1 位类别字母（U、J 或 Z）、6 位序列号和 1 位校验位`,
    en: `container number "${input}" is malformed: expected a 3-letter owner code, a category letter (U, J or Z), a 6-digit serial number and a check digit`,
  }),
  CONTAINER_NUMBER_CHECK_DIGIT: ({ input, expected, actual }) => ({
    zh: `集装箱号"${input}"校验位为 ${actual}，按 ISO 6346 应为 ${expected}`,
    en: `container number "${input}" has check digit ${actual}, but ISO 6346 gives ${expected}`,
  }),
  DECLARATION_VALUE_OVER_LIMIT: ({ valueUsd, limitUsd }) => ({
    zh: `单票报关单货值 ${valueUsd} 美元超过限额 ${limitUsd} 美元`,
    en: `the declaration's goods value USD ${valueUsd} exceeds the limit of USD ${limitUsd}`,
  }),
  DECLARATION_LINE_INVALID: ({ lineId, reason }) => ({
    zh: `商品行 ${lineId}：${LINE_INVALID_TEXT[reason].zh}`,
    en: `goods line ${lineId}: ${LINE_INVALID_TEXT[reason].en}`,
  }),
  DECLARATION_LINE_INDIVISIBLE: ({ lineId, unitValueUsd, limitUsd }) => ({
    zh: `商品行 ${lineId} 的单个计量单位货值 ${unitValueUsd} 美元已超过单票限额 ${limitUsd} 美元，无法按数量拆分`,
    en: `goods line ${lineId} cannot be split by quantity: one unit is worth USD ${unitValueUsd}, more than the limit of USD ${limitUsd}`,
  }),
  DECLARATION_TOO_MANY_LINES: ({ count, max }) => ({
    zh: `商品行数 ${count} 超过上限 ${max}`,
    en: `${count} goods lines is more than the maximum of ${max}`,
  }),
  DECLARATION_TOO_MANY_DECLARATIONS: ({ max }) => ({
    zh: `拆分后的报关单将超过 ${max} 票上限`,
    en: `splitting would produce more than ${max} declarations`,
  }),
  HS_CODE_FORMAT: ({ lineId, hsCode }) => ({
    zh: `商品行 ${lineId} 的商品编号"${hsCode}"格式错误：应为 6 至 10 位数字`,
    en: `goods line ${lineId} has HS code "${hsCode}", which is not 6 to 10 digits`,
  }),
};

/** The error of one code; `ProcurementError` is the union over all codes, discriminated by `code`. */
export interface ProcurementErrorOf<C extends ProcurementErrorCode> {
  readonly ok: false;
  readonly code: C;
  readonly details: ProcurementErrorDetails[C];
  readonly messageZh: string;
  readonly messageEn: string;
}

export type ProcurementError = {
  readonly [C in ProcurementErrorCode]: ProcurementErrorOf<C>;
}[ProcurementErrorCode];

export type ProcurementOk<T> = { readonly ok: true; readonly value: T };
export type ProcurementResult<T> = ProcurementOk<T> | ProcurementError;

export function procurementOk<T>(value: T): ProcurementOk<T> {
  return { ok: true, value };
}

/** The error value for `code`, with its Chinese and English messages built from `details`. */
export function procurementError<C extends ProcurementErrorCode>(
  code: C,
  details: ProcurementErrorDetails[C],
): ProcurementErrorOf<C> {
  const builder: (details: ProcurementErrorDetails[C]) => { zh: string; en: string } = MESSAGES[code];
  const message = builder(details);
  return { ok: false, code, details, messageZh: message.zh, messageEn: message.en };
}
