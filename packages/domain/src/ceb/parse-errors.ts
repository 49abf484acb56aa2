/** Closed set of reasons a body cannot be turned into a CEB element tree. Returned as values, never thrown. */
export type CebParseErrorCode =
  | 'EMPTY_BODY'
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_ENCODING'
  | 'INVALID_ENCODING'
  | 'ENCODING_MISMATCH'
  | 'DTD_FORBIDDEN'
  | 'UNDEFINED_ENTITY'
  | 'MALFORMED_XML'
  | 'NAMESPACE_UNBOUND'
  | 'TOO_DEEP'
  | 'TOO_MANY_ELEMENTS'
  | 'TOO_MANY_ATTRIBUTES'
  | 'NOT_CEB_NAMESPACE'
  | 'UNKNOWN_MESSAGE_TYPE'
  | 'ENVELOPE_INVALID'
  | 'MALFORMED_JSON'
  | 'JSON_INVALID_SHAPE'
  | 'JSON_NUMBER_IMPRECISE'
  | 'JSON_NOT_XML_CHAR';

export interface CebParseError {
  readonly code: CebParseErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  /** Specific detail (offending encoding, tag, limit…), untranslated. */
  readonly detail: string;
  /** 1-based position in the decoded XML text, when known. */
  readonly line?: number;
  readonly column?: number;
}

const MESSAGES: Record<CebParseErrorCode, readonly [zh: string, en: string]> = {
  EMPTY_BODY: ['报文为空', 'The message body is empty'],
  BODY_TOO_LARGE: ['报文超过大小限制', 'The message body exceeds the size limit'],
  UNSUPPORTED_ENCODING: [
    '不支持的字符编码（仅支持UTF-8、GB2312、GBK、GB18030）',
    'Unsupported character encoding (only UTF-8, GB2312, GBK, GB18030)',
  ],
  INVALID_ENCODING: ['报文字节与声明的字符编码不符', 'The bytes are not valid in the declared encoding'],
  ENCODING_MISMATCH: [
    '字节顺序标记(BOM)与XML声明的编码不一致',
    'The byte order mark contradicts the declared encoding',
  ],
  DTD_FORBIDDEN: [
    '报文不允许包含DOCTYPE或实体声明',
    'DOCTYPE and entity declarations are not allowed (no DTDs, no external entities)',
  ],
  UNDEFINED_ENTITY: ['报文引用了未定义的实体', 'The message references an undefined entity'],
  MALFORMED_XML: ['XML格式错误', 'The XML is not well-formed'],
  NAMESPACE_UNBOUND: ['使用了未声明的命名空间前缀', 'A namespace prefix is used without being declared'],
  TOO_DEEP: ['XML嵌套层级超过限制', 'The XML nesting depth exceeds the limit'],
  TOO_MANY_ELEMENTS: ['XML元素数量超过限制', 'The number of XML elements exceeds the limit'],
  TOO_MANY_ATTRIBUTES: ['XML元素属性数量超过限制', 'An element has more attributes than allowed'],
  NOT_CEB_NAMESPACE: [
    '根节点不在海关跨境电商命名空间 http://www.chinaport.gov.cn/ceb 中',
    'The root element is not in the CEB namespace http://www.chinaport.gov.cn/ceb',
  ],
  UNKNOWN_MESSAGE_TYPE: ['无法识别的报文类型', 'Unknown message type'],
  ENVELOPE_INVALID: ['DxpMsg传输报文格式错误', 'The DxpMsg transport envelope is invalid'],
  MALFORMED_JSON: ['JSON格式错误', 'The JSON is not well-formed'],
  JSON_INVALID_SHAPE: ['JSON结构不符合报文格式', 'The JSON does not have the shape of a CEB message'],
  JSON_NUMBER_IMPRECISE: [
    'JSON数值无法精确表示，请以字符串传递金额和数量',
    'A JSON number cannot be represented exactly; send amounts and quantities as strings',
  ],
  JSON_NOT_XML_CHAR: [
    'JSON字符串含有XML报文不能表示的字符（控制字符或不成对的代理项）',
    'A JSON string holds a character an XML message cannot carry (a control character or a lone surrogate)',
  ],
};

export function parseError(
  code: CebParseErrorCode,
  detail: string,
  position?: { line: number; column: number },
): CebParseError {
  const [messageZh, messageEn] = MESSAGES[code];
  return { code, messageZh, messageEn, detail, ...(position ?? {}) };
}

export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
