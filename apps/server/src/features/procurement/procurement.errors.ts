import type { ProcurementError } from '@kouan/domain/procurement';
import { DomainError, type ErrorDetails, errorCatalogue } from '../../lib/errors';

/** Codes of the market procurement (1039) features; the domain engine's codes are passed through. */
export type ProcurementFeatureErrorCode =
  | 'PROCUREMENT_NOT_FOUND'
  | 'PROCUREMENT_NOT_PARTY'
  | 'PROCUREMENT_PARTY_KIND'
  | 'SUPPLIER_OUTSIDE_ZONE'
  | 'BRAND_AUTHORISATION_REQUIRED'
  | 'PAYMENT_CASH_NOT_ELIGIBLE'
  | 'OPERATOR_NOT_RECOGNISED'
  | 'OPERATOR_NO_CUSTOMS_FILING'
  | 'PURCHASER_NOT_FILED'
  | 'PURCHASER_ALREADY_FILED'
  | 'PURCHASER_BLOCKED'
  | 'BAD_PURCHASER_STATE'
  | 'PRODUCT_NOT_OF_SUPPLIER'
  | 'TRANSACTION_AMOUNT_MISMATCH'
  | 'HS_CODE_BLOCKED'
  | 'HS_RULE_STATE'
  | 'PACKING_LINE_ALREADY_PACKED'
  | 'PACKING_QUANTITY_EXCEEDED'
  | 'PACKING_LINE_DUPLICATE'
  | 'PACKING_OPERATOR_MISMATCH'
  | 'CONTAINER_IN_USE'
  | 'CONTAINER_ALREADY_DECLARED'
  | 'CONTAINER_WEIGHT_INVALID'
  | 'EXCHANGE_RATE_MISSING'
  | 'TRANSACTION_STEP_OUT_OF_ORDER'
  | 'DECLARATION_STEP_OUT_OF_ORDER'
  | 'FX_TRANSACTION_ALREADY_COLLECTED'
  | 'FX_BANK_REFERENCE_USED'
  | 'FX_TRANSACTION_NOT_DECLARED'
  | 'VAT_FILING_ALREADY_DECLARED'
  | 'ATTACHMENT_INVALID'
  | 'CUSTOMS_ENTRY_NO_USED'
  | 'IDEMPOTENCY_KEY_REUSED';

type P = Record<string, string | number>;

export const procurementError = errorCatalogue<ProcurementFeatureErrorCode, P>({
  PROCUREMENT_NOT_FOUND: (p) => ({
    zh: `${p.whatZh} ${p.id} 不存在或无权访问`,
    en: `${p.what} ${p.id} does not exist or is not visible to you`,
  }),
  PROCUREMENT_NOT_PARTY: (p) => ({
    zh: `本企业不是该业务的${p.roleZh}，不能办理（${p.field}）`,
    en: `your organisation is not the ${p.role} of this record (${p.field})`,
  }),
  PROCUREMENT_PARTY_KIND: (p) => ({
    zh: `${p.field}：主体 ${p.id} 的类型为 ${p.kind}，应为 ${p.expected}`,
    en: `${p.field}: party ${p.id} is a ${p.kind}, expected a ${p.expected}`,
  }),
  SUPPLIER_OUTSIDE_ZONE: (p) => ({
    zh: `${p.field}：供货商 ${p.id} 不在有效的市场集聚区内（${p.date}），不能以市场采购方式交易`,
    en: `${p.field}: supplier ${p.id} is not in a market cluster zone in effect on ${p.date}; market procurement goods must be bought inside a recognised zone`,
  }),
  BRAND_AUTHORISATION_REQUIRED: () => ({
    zh: 'brandAuthorisation：品牌商品必须提供品牌授权记录（编号及文件哈希）',
    en: 'brandAuthorisation: branded goods need a brand authorisation record (reference and file hash)',
  }),
  PAYMENT_CASH_NOT_ELIGIBLE: () => ({
    zh: 'paymentMethod：现金结算的货物不适用市场采购贸易方式（1039）',
    en: 'paymentMethod: cash-settled goods are not eligible for market procurement trade (1039)',
  }),
  OPERATOR_NOT_RECOGNISED: (p) => ({
    zh: `${p.field}：主体 ${p.id} 不是经认定的市场采购贸易经营者`,
    en: `${p.field}: party ${p.id} is not a recognised market-procurement trade operator`,
  }),
  OPERATOR_NO_CUSTOMS_FILING: (p) => ({
    zh: `${p.field}：经营者 ${p.id} 未在海关备案（无海关编码），不能申报`,
    en: `${p.field}: operator ${p.id} has no customs filing (customs code) and cannot declare`,
  }),
  PURCHASER_NOT_FILED: (p) => ({
    zh: `purchaserId：采购商 ${p.id} 在经营者 ${p.operatorId} 处没有有效的采购商档案（委托代理出口货物协议）`,
    en: `purchaserId: purchaser ${p.id} has no valid purchaser file (export entrustment agreement) with operator ${p.operatorId}`,
  }),
  PURCHASER_ALREADY_FILED: (p) => ({
    zh: `purchaserId：采购商 ${p.id} 已有该经营者的档案`,
    en: `purchaserId: purchaser ${p.id} already has a file with this operator`,
  }),
  PURCHASER_BLOCKED: (p) => ({
    zh: `purchaserId：采购商 ${p.id} 在不良采购商名单中，不能使用`,
    en: `purchaserId: purchaser ${p.id} is on the bad-purchaser list and cannot be used`,
  }),
  BAD_PURCHASER_STATE: (p) => ({
    zh: `purchaserId：采购商 ${p.id} ${p.listed === 1 ? '已在' : '不在'}不良采购商名单中`,
    en: `purchaserId: purchaser ${p.id} is ${p.listed === 1 ? 'already' : 'not'} on the bad-purchaser list`,
  }),
  PRODUCT_NOT_OF_SUPPLIER: (p) => ({
    zh: `${p.field}：商品 ${p.id} 不属于该供货商的商品目录`,
    en: `${p.field}: product ${p.id} is not in this supplier's catalogue`,
  }),
  TRANSACTION_AMOUNT_MISMATCH: (p) => ({
    zh: `${p.field}：金额 ${p.amount} 不等于数量×单价 ${p.expected}`,
    en: `${p.field}: amount ${p.amount} is not quantity × unit price ${p.expected}`,
  }),
  HS_CODE_BLOCKED: (p) => ({
    zh: `${p.field}：商品编号 ${p.hsCode} 在禁止/限制类清单中（${p.rule}），不能以市场采购方式出口`,
    en: `${p.field}: HS code ${p.hsCode} is on the prohibited/restricted list (${p.rule}) and cannot be exported under 1039`,
  }),
  HS_RULE_STATE: (p) => ({
    zh: `hsPrefix：${p.hsPrefix} ${p.active === 1 ? '已在' : '不在'} ${p.rule} 清单中`,
    en: `hsPrefix: ${p.hsPrefix} is ${p.active === 1 ? 'already' : 'not'} on the ${p.rule} list`,
  }),
  PACKING_LINE_ALREADY_PACKED: (p) => ({
    zh: `${p.field}：交易商品行 ${p.id} 已全部装箱，不能重复装箱`,
    en: `${p.field}: transaction line ${p.id} is already fully packed and cannot be packed twice`,
  }),
  PACKING_QUANTITY_EXCEEDED: (p) => ({
    zh: `${p.field}：交易商品行 ${p.id} 剩余可装箱数量为 ${p.remaining}，不能装 ${p.quantity}`,
    en: `${p.field}: transaction line ${p.id} has ${p.remaining} left to pack, not ${p.quantity}`,
  }),
  PACKING_LINE_DUPLICATE: (p) => ({
    zh: `${p.field}：交易商品行 ${p.id} 在装箱单中出现多次`,
    en: `${p.field}: transaction line ${p.id} appears more than once in the packing list`,
  }),
  PACKING_OPERATOR_MISMATCH: (p) => ({
    zh: `${p.field}：交易 ${p.id} 的经营者不是该集装箱的经营者`,
    en: `${p.field}: transaction ${p.id} belongs to another operator than the container`,
  }),
  CONTAINER_IN_USE: (p) => ({
    zh: `containerNo：集装箱 ${p.containerNo} 已有未申报的装箱单`,
    en: `containerNo: container ${p.containerNo} already has a packing list not yet declared`,
  }),
  CONTAINER_ALREADY_DECLARED: (p) => ({
    zh: `集装箱 ${p.id} 已生成报关单`,
    en: `container ${p.id} has already been declared`,
  }),
  CONTAINER_WEIGHT_INVALID: () => ({
    zh: 'netWeightKg：净重不能大于毛重',
    en: 'netWeightKg: the net weight cannot exceed the gross weight',
  }),
  EXCHANGE_RATE_MISSING: (p) => ({
    zh: `没有币种 ${p.currency} 在 ${p.date} 适用的汇率，请先维护汇率参考数据`,
    en: `no exchange rate for ${p.currency} is in force on ${p.date}; add it to the reference data first`,
  }),
  TRANSACTION_STEP_OUT_OF_ORDER: (p) => ({
    zh: `交易 ${p.id} 当前状态为 ${p.from}，不能变为 ${p.to}（须按 登记→拼箱→申报→放行→收汇→免税申报 依次办理）`,
    en: `transaction ${p.id} is ${p.from} and cannot become ${p.to} (registered → consolidated → declared → cleared → fx_collected → vat_exemption_declared, in order)`,
  }),
  DECLARATION_STEP_OUT_OF_ORDER: (p) => ({
    zh: `报关单 ${p.id} 当前状态为 ${p.from}，不能记录 ${p.to}`,
    en: `declaration ${p.id} is ${p.from}; ${p.to} cannot be recorded now`,
  }),
  FX_TRANSACTION_ALREADY_COLLECTED: (p) => ({
    zh: `transactionId：交易 ${p.id} 已办理收汇，同一笔交易不能重复收汇`,
    en: `transactionId: FX has already been collected for transaction ${p.id}; a transaction is never used twice`,
  }),
  FX_BANK_REFERENCE_USED: (p) => ({
    zh: `bankReference：银行收汇流水 ${p.reference} 已被使用`,
    en: `bankReference: bank credit ${p.reference} has already been used`,
  }),
  FX_TRANSACTION_NOT_DECLARED: (p) => ({
    zh: `transactionId：交易 ${p.id} 不在报关单 ${p.declarationId} 中`,
    en: `transactionId: transaction ${p.id} is not on declaration ${p.declarationId}`,
  }),
  VAT_FILING_ALREADY_DECLARED: (p) => ({
    zh: `免税申报 ${p.id} 已申报`,
    en: `VAT-exemption filing ${p.id} has already been declared`,
  }),
  IDEMPOTENCY_KEY_REUSED: (p) => ({
    zh: `Idempotency-Key ${p.key} 已用于另一份不同的请求`,
    en: `Idempotency-Key ${p.key} was already used for a different request`,
  }),
  CUSTOMS_ENTRY_NO_USED: (p) => ({
    zh: `customsEntryNo：海关编号 ${p.number} 已用于另一份报关单`,
    en: `customsEntryNo: customs entry number ${p.number} is already used by another declaration`,
  }),
  ATTACHMENT_INVALID: (p) => ({
    zh: `${p.field}：附件不合法（${p.reasonZh}）`,
    en: `${p.field}: the attachment is invalid (${p.reason})`,
  }),
});

/** The domain engine's error (container number, split, simplification) as a DomainError. */
export function fromDomain(error: ProcurementError, details: ErrorDetails = {}): DomainError {
  return new DomainError(
    error.code,
    { zh: error.messageZh, en: error.messageEn },
    { ...(error.details as Record<string, unknown>), ...details },
  );
}

export type ProcurementFeatureError = DomainError<ProcurementFeatureErrorCode>;
