import { type DomainError, errorCatalogue } from '../../lib/errors';

export type EvidenceApiErrorCode =
  | 'EVIDENCE_ENTRY_NOT_FOUND'
  | 'EVIDENCE_TREE_SIZE'
  | 'EVIDENCE_NO_CHECKPOINT'
  | 'EVIDENCE_DOCUMENT_CORRUPT';

export const evidenceError = errorCatalogue<EvidenceApiErrorCode>({
  EVIDENCE_ENTRY_NOT_FOUND: (p) => ({
    zh: `存证条目 ${p.index} 不存在或无权访问`,
    en: `evidence entry ${p.index} does not exist or is not visible to you`,
  }),
  EVIDENCE_TREE_SIZE: (p) => ({
    zh: `树大小不合法：${p.zh}`,
    en: `invalid tree size: ${p.en}`,
  }),
  EVIDENCE_NO_CHECKPOINT: () => ({
    zh: '存证日志为空，尚无检查点',
    en: 'the evidence log is empty; no checkpoint yet',
  }),
  EVIDENCE_DOCUMENT_CORRUPT: (p) => ({
    zh: `存证条目 ${p.index} 的存储文档与其内容哈希不符，可能已被篡改；请运行 evidence:verify 检查整个日志`,
    en: `the stored document of evidence entry ${p.index} does not match its content hash and may have been tampered with; run evidence:verify on the whole log`,
  }),
});

export type EvidenceApiError = DomainError<EvidenceApiErrorCode>;
