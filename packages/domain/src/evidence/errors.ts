/**
 * The one error type of the evidence area. Thrown for bad input from outside (a malformed note, a
 * checkpoint that does not parse, a value that is not JSON); the HTTP edge maps the code to a status.
 * Verification functions do not throw for a proof or signature that does not check out: they return
 * `false` or a report, because a failed verification is an answer, not an error.
 */
export type EvidenceErrorCode =
  | 'NOT_CANONICAL_JSON'
  | 'PROOF_OUT_OF_RANGE'
  | 'MALFORMED_NOTE'
  | 'MALFORMED_CHECKPOINT'
  | 'MALFORMED_VERIFIER_KEY'
  | 'UNSUPPORTED_ALGORITHM'
  | 'UNKNOWN_KEY'
  | 'AMBIGUOUS_KEY'
  | 'INVALID_SIGNATURE'
  | 'MALFORMED_PACKAGE';

const MESSAGES_ZH: Readonly<Record<EvidenceErrorCode, string>> = {
  NOT_CANONICAL_JSON: '数据无法按 RFC 8785 规范化',
  PROOF_OUT_OF_RANGE: '证明请求的序号或树大小超出范围',
  MALFORMED_NOTE: '签名注记格式错误',
  MALFORMED_CHECKPOINT: '检查点格式错误',
  MALFORMED_VERIFIER_KEY: '验证公钥格式错误',
  UNSUPPORTED_ALGORITHM: '不支持的签名算法',
  UNKNOWN_KEY: '签名来自未知公钥',
  AMBIGUOUS_KEY: '公钥标识不唯一',
  INVALID_SIGNATURE: '签名无效',
  MALFORMED_PACKAGE: '证据包格式错误',
};

export class EvidenceError extends Error {
  override readonly name = 'EvidenceError';
  readonly code: EvidenceErrorCode;
  /** Chinese rendering of the code, for messages shown to users. */
  readonly messageZh: string;

  constructor(code: EvidenceErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.code = code;
    this.messageZh = MESSAGES_ZH[code];
  }
}
