import type { FacetCode } from './facets';

/** Closed set of format violations reported by validate.ts. */
export type CebViolationCode =
  | FacetCode
  | 'MISSING_ELEMENT'
  | 'UNEXPECTED_ELEMENT'
  | 'ELEMENT_OUT_OF_ORDER'
  | 'TOO_MANY_OCCURRENCES'
  | 'MISSING_ATTRIBUTE'
  | 'UNEXPECTED_ATTRIBUTE'
  | 'WRONG_NAMESPACE'
  | 'UNEXPECTED_TEXT'
  | 'UNEXPECTED_CHILDREN'
  | 'SIGNATURE_INVALID'
  | 'MESSAGE_SEQUENCE'
  | 'UNPAIRED_FIELD'
  | 'RANGE_ORDER';

export interface CebViolation {
  readonly code: CebViolationCode;
  /** Location, e.g. `/CEB311Message/Order[2]/OrderList[3]/gnum`; `/@guid` suffix for attributes. */
  readonly path: string;
  /** Element or attribute local name. */
  readonly field: string;
  /** Short Chinese field name taken from the xs:documentation annotation. */
  readonly fieldZh: string;
  /** Full xs:documentation text of the field ('' when the XSD has none). */
  readonly documentation: string;
  readonly expected: string;
  /** The offending value, truncated to CEB_VIOLATION_VALUE_CHARS; null when there is no value. */
  readonly actual: string | null;
  readonly messageZh: string;
  readonly messageEn: string;
  /** 'xsd' for XSD structure/facets, 'spec' for prose rules (spec-rules.ts, cross-field-rules.ts). */
  readonly source: 'xsd' | 'spec';
}

export const CEB_VIOLATION_VALUE_CHARS = 64;

const PHRASES: Record<CebViolationCode, readonly [zh: string, en: string]> = {
  LENGTH: ['长度不符', 'has the wrong length'],
  MIN_LENGTH: ['长度不足', 'is too short'],
  MAX_LENGTH: ['长度超长', 'is too long'],
  NOT_DECIMAL: ['不是有效的数值', 'is not a decimal number'],
  TOTAL_DIGITS: ['数值总位数超限', 'has too many digits'],
  FRACTION_DIGITS: ['小数位数超限', 'has too many fraction digits'],
  NOT_INTEGER: ['不是整数', 'is not an integer'],
  INTEGER_RANGE: ['整数超出范围', 'is out of the integer range'],
  ENUMERATION: ['取值不在允许范围内', 'is not one of the allowed values'],
  PATTERN: ['格式不符', 'does not match the required format'],
  DATE_TIME_FORMAT: ['日期时间格式错误', 'is not in the required date/time format'],
  INVALID_DATE: ['日期时间不存在', 'is not a real calendar date/time'],
  HS_CODE: ['商品编码须为10位数字', 'must be a 10-digit HS code'],
  MISSING_ELEMENT: ['缺少必填节点', 'is required but missing'],
  UNEXPECTED_ELEMENT: ['不是报文定义的节点', 'is not defined here by the schema'],
  ELEMENT_OUT_OF_ORDER: ['节点顺序错误', 'is out of order'],
  TOO_MANY_OCCURRENCES: ['出现次数超过上限', 'occurs too many times'],
  MISSING_ATTRIBUTE: ['缺少必填属性', 'is a required attribute but missing'],
  UNEXPECTED_ATTRIBUTE: ['不是报文定义的属性', 'is not an allowed attribute'],
  WRONG_NAMESPACE: ['命名空间错误', 'is in the wrong namespace'],
  UNEXPECTED_TEXT: ['节点不允许包含文本', 'must not contain text'],
  UNEXPECTED_CHILDREN: ['节点不允许包含子节点', 'must not contain child elements'],
  SIGNATURE_INVALID: ['签名节点结构错误', 'is not a valid ds:Signature'],
  MESSAGE_SEQUENCE: ['报文序号超出报文总数范围', 'is outside the run of split messages'],
  UNPAIRED_FIELD: ['须成对填写', 'must be given as a pair'],
  RANGE_ORDER: ['时间范围颠倒', 'ends before it starts'],
};

/** Short Chinese label from an annotation: "订单编号-交易平台…" → "订单编号"; else the first clause. */
export function shortLabel(documentation: string, fallback: string): string {
  const dash = /^([^-\s，。,；;：:（(]{1,20})-/.exec(documentation);
  if (dash?.[1]) return dash[1];
  const clause = documentation.split(/[，。,；;：:（(\s]/)[0] ?? '';
  if (clause === '') return fallback;
  return clause.length > 20 ? `${clause.slice(0, 20)}…` : clause;
}

export function truncateValue(value: string): string {
  const chars = [...value];
  return chars.length > CEB_VIOLATION_VALUE_CHARS
    ? `${chars.slice(0, CEB_VIOLATION_VALUE_CHARS).join('')}…`
    : value;
}

export interface ViolationInput {
  readonly code: CebViolationCode;
  readonly path: string;
  readonly field: string;
  readonly documentation: string;
  readonly expected: string;
  readonly expectedZh?: string;
  readonly actual: string | null;
  readonly source: 'xsd' | 'spec';
}

export function makeViolation(v: ViolationInput): CebViolation {
  const [zh, en] = PHRASES[v.code];
  const fieldZh = shortLabel(v.documentation, v.field);
  const actual = v.actual === null ? null : truncateValue(v.actual);
  const shownZh = actual === null ? '无' : `"${actual}"`;
  const shownEn = actual === null ? 'nothing' : `"${actual}"`;
  return {
    code: v.code,
    path: v.path,
    field: v.field,
    fieldZh,
    documentation: v.documentation,
    expected: v.expected,
    actual,
    messageZh: `${v.path}：${fieldZh}（${v.field}）${zh}，要求：${v.expectedZh ?? v.expected}，实际：${shownZh}`,
    messageEn: `${v.path}: ${v.field} (${fieldZh}) ${en}; expected ${v.expected}, got ${shownEn}`,
    source: v.source,
  };
}
