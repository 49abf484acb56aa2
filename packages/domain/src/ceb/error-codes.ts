/**
 * Return codes of the 2022-05 CEB spec, as a closed typed table.
 *
 * - returnStatus values of each receipt type, from the receipts' xs:documentation ("操作结果（2电子口岸申报中/…）").
 * - Negative business error codes, spec §7 table 7-2 (the title says export, the codes cover import
 *   order/payment/waybill/inventory/cancel/refund/warehouse-entry). Texts are the spec's; `[*]` and `*` are
 *   the spec's placeholders. The spec lists -621027 and -625022 twice with different texts: both are kept.
 * - Kouan's own negative codes (`-9…`, 7 digits) for the export messages table 7-2 has no codes for:
 *   not customs' codes, and marked so (`KOUAN_CEB_ERROR_CODES`, `origin` in `cebErrorEntries`).
 * - Four-digit data-exchange (DXP) error codes, spec §7 table 7-1.
 */
import { CEB_ERROR_CODES, KOUAN_CEB_ERROR_CODES } from './error-code-table';
import type { CebReceiptType } from './message-types';

export type { CebErrorCategory } from './error-code-table';
export { CEB_ERROR_CODES, KOUAN_CEB_ERROR_CODES } from './error-code-table';

export type CebReturnStatusCode =
  | '1'
  | '2'
  | '3'
  | '4'
  | '100'
  | '120'
  | '300'
  | '399'
  | '500'
  | '501'
  | '502'
  | '503'
  | '599'
  | '700'
  | '800'
  | '899';

export interface CebCodeText {
  readonly zh: string;
  readonly en: string;
}

export const CEB_RETURN_STATUSES: Readonly<Record<CebReturnStatusCode, CebCodeText>> = {
  '1': { zh: '电子口岸已暂存', en: 'Saved at China E-port' },
  '2': { zh: '电子口岸申报中', en: 'Being declared at China E-port' },
  '3': { zh: '发送海关成功', en: 'Sent to customs' },
  '4': { zh: '发送海关失败', en: 'Sending to customs failed' },
  '100': { zh: '海关退单', en: 'Rejected by customs' },
  '120': { zh: '海关入库', en: 'Accepted and stored by customs' },
  '300': { zh: '人工审核', en: 'Manual review' },
  '399': { zh: '海关审结', en: 'Customs review concluded' },
  '500': { zh: '查验', en: 'Inspection' },
  '501': { zh: '扣留移送通关', en: 'Detained, transferred to clearance' },
  '502': { zh: '扣留移送缉私', en: 'Detained, transferred to anti-smuggling' },
  '503': { zh: '扣留移送法规', en: 'Detained, transferred to legal affairs' },
  '599': { zh: '其它扣留', en: 'Other detention' },
  '700': { zh: '退运', en: 'Returned abroad' },
  '800': { zh: '放行', en: 'Released' },
  '899': { zh: '结关', en: 'Clearance closed' },
};

const IMPORT_BASIC = ['2', '3', '4', '100', '120', '399'] as const;
const IMPORT_STAGED = ['1', '2', '3', '4', '100', '120', '399'] as const;
const EXPORT_BASIC = ['1', '2', '3', '4', '100', '399'] as const;

/** The export annotations' states with 120 海关入库, which the spec's field tables list for these. */
const EXPORT_STORED = ['1', '2', '3', '4', '100', '120', '399'] as const;

/**
 * The non-negative returnStatus values each receipt's annotation lists; any receipt may also carry a
 * negative error code ("若小于0数字表示处理异常回执"). CEB510's annotation lists none ("回执状态"): the
 * common export set is used. CEB900 carries only negative codes ("小于0数字表示报文格式校验异常").
 * CEB304, CEB404 and CEB608 add 120 海关入库: the spec's field tables list it ("100 海关退单/120 海关
 * 入库等"), the annotations end in 等. CEB514's field table lists 2/3/4/100/120 and its annotation
 * 2/3/4/100/399: both are kept (Kouan answers 120, as for the import CEB312/412/512).
 */
export const CEB_RETURN_STATUSES_BY_RECEIPT = {
  CEB312Message: IMPORT_BASIC,
  CEB412Message: IMPORT_BASIC,
  CEB512Message: IMPORT_BASIC,
  CEB514Message: ['2', '3', '4', '100', '120', '399'],
  CEB622Message: [
    '1',
    '2',
    '3',
    '4',
    '100',
    '120',
    '300',
    '399',
    '800',
    '899',
    '500',
    '501',
    '502',
    '503',
    '599',
    '700',
  ],
  CEB624Message: IMPORT_STAGED,
  CEB626Message: IMPORT_STAGED,
  CEB712Message: IMPORT_STAGED,
  CEB304Message: EXPORT_STORED,
  CEB404Message: EXPORT_STORED,
  CEB506Message: EXPORT_BASIC,
  CEB508Message: EXPORT_BASIC,
  CEB510Message: EXPORT_BASIC,
  CEB604Message: ['1', '2', '3', '4', '100', '120', '300', '399', '800', '899'],
  CEB606Message: EXPORT_BASIC,
  CEB608Message: EXPORT_STORED,
  CEB702Message: EXPORT_BASIC,
  CEB900Message: [],
} as const satisfies Record<CebReceiptType, readonly CebReturnStatusCode[]>;

/** returnStatus a receipt of type T may carry: one of its listed statuses or a negative error code. */
export type CebReturnStatusFor<T extends CebReceiptType> =
  | (typeof CEB_RETURN_STATUSES_BY_RECEIPT)[T][number]
  | `-${number}`;

export type CebErrorCode = (typeof CEB_ERROR_CODES)[number]['code'];
export type CebErrorEntry = (typeof CEB_ERROR_CODES)[number];
/** One of Kouan's own codes (not customs'): see KOUAN_CEB_ERROR_CODES. */
export type KouanCebErrorCode = (typeof KOUAN_CEB_ERROR_CODES)[number]['code'];
export type KouanCebErrorEntry = (typeof KOUAN_CEB_ERROR_CODES)[number];
/** A negative returnStatus Kouan answers with: the spec's, or one of its own. */
export type CebRefusalCode = CebErrorCode | KouanCebErrorCode;

/**
 * All entries for a code (two codes have two texts in the spec); empty for an unknown code. Each says
 * whose it is: `spec` (table 7-2) or `kouan` (Kouan's own).
 */
export function cebErrorEntries(
  code: string,
): readonly ((CebErrorEntry & { origin: 'spec' }) | (KouanCebErrorEntry & { origin: 'kouan' }))[] {
  return [
    ...CEB_ERROR_CODES.filter((e) => e.code === code).map((e) => ({ ...e, origin: 'spec' as const })),
    ...KOUAN_CEB_ERROR_CODES.filter((e) => e.code === code).map((e) => ({ ...e, origin: 'kouan' as const })),
  ];
}

export function isCebErrorCode(code: string): code is CebErrorCode {
  return CEB_ERROR_CODES.some((e) => e.code === code);
}

export function isKouanCebErrorCode(code: string): code is KouanCebErrorCode {
  return KOUAN_CEB_ERROR_CODES.some((e) => e.code === code);
}

/** Data-exchange platform (DXP) error codes, spec §7 table 7-1 (4 digits, by range). */
export const CEB_DXP_ERROR_CODES = {
  '0001': { zh: '报文格式错误', en: 'Message format error' },
  '0002': { zh: '数据包不能通过 schema 验证', en: 'The data package fails schema validation' },
  '0999': { zh: '其他格式错误', en: 'Other format error' },
  '1001': { zh: '数字签名无效', en: 'Invalid digital signature' },
  '1002': { zh: '数字签名过期', en: 'Digital signature expired' },
  '1003': { zh: '报文解密错误', en: 'Message decryption error' },
  '1004': { zh: '签名与数据不符', en: 'Signature does not match the data' },
  '1999': { zh: '其他安全错误', en: 'Other security error' },
  '2001': { zh: '指定的接收方不存在', en: 'The specified receiver does not exist' },
  '2002': {
    zh: '地址不匹配，报文的实际接收方与该报文的“接收方”定义不同',
    en: "Address mismatch: the actual receiver differs from the message's receiver",
  },
  '2999': { zh: '其他业务逻辑错误', en: 'Other business logic error' },
  '3001': { zh: '数据库、中间件等系统错误', en: 'System error (database, middleware…)' },
  '3002': { zh: '远程连接错误', en: 'Remote connection error' },
  '3003': { zh: '远程连接超时', en: 'Remote connection timeout' },
  '3999': { zh: '其他系统级错误', en: 'Other system error' },
} as const satisfies Record<string, CebCodeText>;

export type CebDxpErrorCode = keyof typeof CEB_DXP_ERROR_CODES;
