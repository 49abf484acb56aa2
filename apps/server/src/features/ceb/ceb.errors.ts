import { type DomainError, errorCatalogue } from '../../lib/errors';

export type CebErrorCode =
  | 'CEB_NOT_FOUND'
  | 'CEB_STATUS_TRANSITION'
  | 'CEB_CONCURRENT_CHANGE'
  | 'CEB_SENDER_NOT_ENTERPRISE'
  | 'CEB_REFERENCE_INVALID'
  | 'CEB_BONDED_STOCK_INVALID'
  | 'CEB_ORIGINAL_UNMASKED_ONLY'
  | 'CEB_ORIGINAL_ALTERED';

type P = Record<string, string | number>;

export const cebError = errorCatalogue<CebErrorCode, P>({
  CEB_NOT_FOUND: (p) => ({
    zh: `未找到${p.whatZh ?? '记录'} ${p.id ?? ''}，或无权查看`,
    en: `${p.what ?? 'record'} ${p.id ?? ''} not found or not visible to you`,
  }),
  CEB_STATUS_TRANSITION: (p) => ({
    zh: `清单 ${p.invtNo} 当前状态为 ${p.from}，不能执行“${p.actionZh}”`,
    en: `inventory ${p.invtNo} is in status ${p.from}; "${p.action}" is not possible`,
  }),
  CEB_CONCURRENT_CHANGE: (p) => ({
    zh: `清单 ${p.invtNo} 已被同时修改，请重试`,
    en: `inventory ${p.invtNo} was changed concurrently; retry`,
  }),
  CEB_SENDER_NOT_ENTERPRISE: () => ({
    zh: '报文须由已备案企业的系统（API 密钥）提交',
    en: 'messages must be submitted by a filed enterprise system (API key)',
  }),
  CEB_REFERENCE_INVALID: (p) => ({
    zh: `参考数据第 ${p.row} 行字段 ${p.field} 不合法：${p.zh}`,
    en: `reference data row ${p.row}, field ${p.field} is invalid: ${p.en}`,
  }),
  CEB_BONDED_STOCK_INVALID: (p) => ({
    zh: `保税库存字段 ${p.field} 不合法：${p.zh}`,
    en: `bonded stock field ${p.field} is invalid: ${p.en}`,
  }),
  CEB_ORIGINAL_UNMASKED_ONLY: () => ({
    zh: '原始报文含未脱敏的个人信息：仅发送企业本身和有权查看未脱敏个人信息（pii:unmasked）的监管人员可以下载',
    en: 'the original message holds unmasked personal information: only its sending enterprise and regulators allowed to see it unmasked (pii:unmasked) can download it',
  }),
  CEB_ORIGINAL_ALTERED: (p) => ({
    zh: `报文 ${p.id} 存储的原文与证据账本记录的 SHA-256 不一致（账本 ${p.expected}，存储 ${p.actual}），未返回；请联系管理员运行 evidence:verify`,
    en: `the stored original of message ${p.id} does not match the SHA-256 the evidence ledger recorded (ledger ${p.expected}, stored ${p.actual}); not returned, ask the administrator to run evidence:verify`,
  }),
});

export type CebError = DomainError<CebErrorCode>;
