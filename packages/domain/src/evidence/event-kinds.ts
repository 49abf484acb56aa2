/**
 * The closed vocabulary of evidence events. Features add kinds here as they come; a kind is never
 * renamed or removed once entries of it exist (the name is inside the signed leaf bytes).
 */
export const EVIDENCE_KINDS = [
  'party.filed',
  'party.recognition.applied',
  'party.recognised',
  'party.recognition.refused',
  'party.suspended',
  'party.reinstated',
  'party.revoked',
  'zone.published',
  'message.accepted',
  'receipt.issued',
  'status.changed',
  'list.entry.added',
  'list.entry.removed',
  'decision.taken',
  'procurement.product.listed',
  'procurement.purchaser.filed',
  'procurement.bad_purchaser.added',
  'procurement.bad_purchaser.removed',
  'procurement.transaction.registered',
  'procurement.transaction.status_changed',
  'procurement.container.packed',
  'procurement.exchange_rate.recorded',
  'procurement.hs_rule.changed',
  'procurement.declaration.generated',
  'procurement.declaration.clearance_recorded',
  'procurement.fx.collected',
  'procurement.vat.filing_generated',
  'procurement.vat.filing_declared',
  'party.certificate.registered',
  'party.certificate.revoked',
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Kinds whose committed document holds personal information in clear (a filed party's name, ID
 * numbers, phone, address): the document is given, in an entry's package, only to readers allowed
 * to see personal information unmasked. The entry, its proof and checkpoint still verify without it.
 */
export const EVIDENCE_KINDS_WITH_PERSONAL_DATA: ReadonlySet<EvidenceKind> = new Set(['party.filed']);

/** What each kind is called on screens (the ledger stores the kind, never these names). */
export const EVIDENCE_KIND_NAMES = {
  'party.filed': { zh: '主体备案', en: 'Party filed' },
  'party.recognition.applied': { zh: '申请认定', en: 'Recognition applied for' },
  'party.recognised': { zh: '认定通过', en: 'Party recognised' },
  'party.recognition.refused': { zh: '不予认定', en: 'Recognition refused' },
  'party.suspended': { zh: '主体暂停', en: 'Party suspended' },
  'party.reinstated': { zh: '主体恢复', en: 'Party reinstated' },
  'party.revoked': { zh: '主体撤销', en: 'Party revoked' },
  'zone.published': { zh: '集聚区发布', en: 'Zone published' },
  'message.accepted': { zh: '报文接收', en: 'Message accepted' },
  'receipt.issued': { zh: '回执签发', en: 'Receipt issued' },
  'status.changed': { zh: '状态变更', en: 'Status changed' },
  'list.entry.added': { zh: '名单列入', en: 'List entry added' },
  'list.entry.removed': { zh: '名单移出', en: 'List entry removed' },
  'decision.taken': { zh: '监管决定', en: 'Decision taken' },
  'procurement.product.listed': { zh: '商品登记', en: 'Product listed' },
  'procurement.purchaser.filed': { zh: '采购商建档', en: 'Purchaser filed' },
  'procurement.bad_purchaser.added': { zh: '列入不良采购商', en: 'Bad purchaser added' },
  'procurement.bad_purchaser.removed': { zh: '移出不良采购商', en: 'Bad purchaser removed' },
  'procurement.transaction.registered': { zh: '交易登记', en: 'Transaction registered' },
  'procurement.transaction.status_changed': { zh: '交易状态变更', en: 'Transaction status changed' },
  'procurement.container.packed': { zh: '组柜装箱', en: 'Container packed' },
  'procurement.exchange_rate.recorded': { zh: '汇率登记', en: 'Exchange rate recorded' },
  'procurement.hs_rule.changed': { zh: '商品编码规则变更', en: 'HS rule changed' },
  'procurement.declaration.generated': { zh: '报关单生成', en: 'Declaration generated' },
  'procurement.declaration.clearance_recorded': { zh: '通关结果登记', en: 'Clearance recorded' },
  'procurement.fx.collected': { zh: '收汇登记', en: 'FX collected' },
  'procurement.vat.filing_generated': { zh: '免税申报生成', en: 'VAT filing generated' },
  'procurement.vat.filing_declared': { zh: '免税申报提交', en: 'VAT filing declared' },
  'party.certificate.registered': { zh: '证书登记', en: 'Certificate registered' },
  'party.certificate.revoked': { zh: '证书吊销', en: 'Certificate revoked' },
} as const satisfies Record<EvidenceKind, { zh: string; en: string }>;

/** What the ledger's subject types are called on screens. */
export const EVIDENCE_SUBJECT_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  party: { zh: '主体', en: 'Party' },
  party_certificate: { zh: '签名证书', en: 'Signing certificate' },
  zone: { zh: '集聚区', en: 'Zone' },
  ceb_message: { zh: '跨境电商报文', en: 'CEB message' },
  ceb_inventory: { zh: '跨境电商清单', en: 'CEB inventory' },
  ceb_receipt: { zh: '跨境电商回执', en: 'CEB receipt' },
  ceb_bonded_entry: { zh: '保税入库', en: 'Bonded entry' },
  ceb_reference: { zh: '跨境电商参数', en: 'CEB reference data' },
  exchange_rate: { zh: '汇率', en: 'Exchange rate' },
  hs_rule: { zh: '商品编码规则', en: 'HS rule' },
  procurement_product: { zh: '采购商品', en: 'Catalogue product' },
  procurement_purchaser_file: { zh: '采购商档案', en: 'Purchaser file' },
  procurement_transaction: { zh: '采购交易', en: 'Transaction' },
  procurement_container: { zh: '集装箱', en: 'Container' },
  procurement_declaration: { zh: '报关单', en: 'Declaration' },
  procurement_fx_collection: { zh: '收汇', en: 'FX collection' },
  procurement_vat_filing: { zh: '免税申报', en: 'VAT filing' },
};
