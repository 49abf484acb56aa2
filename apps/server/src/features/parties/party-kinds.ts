/** Kinds of party in the registry (主体库). */
export const PARTY_KINDS = [
  'supplier',
  'purchaser',
  'trade_operator',
  'customs_broker',
  'manufacturer',
  'ebp',
  'ebc',
  'logistics',
  'payment',
  'bonded_warehouse',
  'consumer',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const PARTY_KIND_NAMES: Record<PartyKind, { zh: string; en: string }> = {
  supplier: { zh: '供货商（市场经营户）', en: 'supplier (market stall)' },
  purchaser: { zh: '采购商', en: 'purchaser' },
  trade_operator: { zh: '市场采购贸易经营者', en: 'market-procurement trade operator' },
  customs_broker: { zh: '报关企业', en: 'customs broker' },
  manufacturer: { zh: '生产企业', en: 'manufacturer' },
  ebp: { zh: '电商平台', en: 'e-commerce platform' },
  ebc: { zh: '电商企业', en: 'e-commerce enterprise' },
  logistics: { zh: '物流企业', en: 'logistics enterprise' },
  payment: { zh: '支付企业', en: 'payment enterprise' },
  bonded_warehouse: { zh: '保税仓库/监管场所经营人', en: 'bonded warehouse / supervised-site operator' },
  consumer: { zh: '订购人', en: 'consumer (buyer)' },
};

/** Kinds that exchange CEB messages with customs and so must carry a customs registration code. */
export const KINDS_REQUIRING_CUSTOMS_CODE: readonly PartyKind[] = [
  'customs_broker',
  'ebp',
  'ebc',
  'logistics',
  'payment',
  'bonded_warehouse',
];

/** Kinds that are always organisations; consumers are always individuals; the rest may be either. */
export const ORGANISATION_ONLY: readonly PartyKind[] = [
  'trade_operator',
  'customs_broker',
  'manufacturer',
  'ebp',
  'ebc',
  'logistics',
  'payment',
  'bonded_warehouse',
];

export type PartyStatus = 'active' | 'suspended' | 'revoked';
export type RecognitionStatus = 'pending' | 'recognised' | 'refused';
