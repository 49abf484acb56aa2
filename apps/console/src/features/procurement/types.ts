/** Shapes of the market-procurement (1039) API, as its schemas define them (features/procurement/*.schemas.ts). */
export type Transaction = {
  id: string;
  zoneId: string;
  stallNo: string;
  supplierId: string;
  purchaserId: string;
  operatorId: string;
  supplierName?: string;
  purchaserName?: string;
  operatorName?: string;
  currency: string;
  totalAmount: string;
  paymentMethod: string;
  tradeDate: string;
  status: string;
  registeredAt: string;
};

export type TransactionDetail = Transaction & {
  lines: {
    id: string;
    lineNo: number;
    productId: string;
    productName: string;
    hsCode: string;
    unit: string;
    quantity: string;
    unitPrice: string;
    amount: string;
    packedQuantity: string;
  }[];
  attachments: { id: string; fileName: string; mediaType: string; sha256: string; sizeBytes: number }[];
  history: { from: string | null; to: string; at: string; actorId: string; reference: string | null }[];
  declarations: { id: string; declarationNo: string; status: string }[];
};

export type Container = {
  id: string;
  containerNo: string;
  sealNo: string;
  operatorId: string;
  operatorName?: string;
  grossWeightKg: string;
  netWeightKg: string;
  status: string;
  createdAt: string;
  lines: { id: string; transactionLineId: string; transactionId: string; quantity: string }[];
};

export type PartyRef = {
  id: string;
  kind: string;
  name: string;
  usci: string | null;
  customsCode: string | null;
  nationality: string | null;
  passport: string | null;
  masked: boolean;
};

export type DeclarationSummary = {
  id: string;
  declarationNo: string;
  customsEntryNo: string | null;
  containerId: string;
  operatorId: string;
  brokerId: string;
  purchaserId: string;
  operatorName?: string;
  brokerName?: string;
  purchaserName?: string;
  totalValueUsd: string;
  simplified: boolean;
  status: string;
  createdAt: string;
};

export type Declaration = {
  id: string;
  declarationNo: string;
  customsEntryNo: string | null;
  tradeMode: '1039';
  status: string;
  container: { id: string; containerNo: string; sealNo: string; grossWeightKg: string; netWeightKg: string };
  consignor: PartyRef;
  broker: PartyRef;
  purchaser: PartyRef;
  remarks: string;
  part: { index: number; count: number };
  totalValueUsd: string;
  limitUsd: string;
  rateDate: string;
  simplified: boolean;
  lines: {
    no: number;
    basis: string;
    hsCode: string;
    name: string;
    quantities: { unit: string; quantity: string }[];
    valueUsd: string;
    sourceLineIds: string[];
  }[];
  items: { packingLineId: string; transactionId: string; quantity: string; valueUsd: string }[];
  events: {
    action: string;
    at: string;
    actorId: string;
    customsEntryNo: string | null;
    note: string | null;
  }[];
  createdAt: string;
};

export type Trace = {
  declaration: {
    id: string;
    declarationNo: string;
    customsEntryNo: string | null;
    status: string;
    totalValueUsd: string;
    createdAt: string;
  };
  container: { id: string; containerNo: string; sealNo: string; status: string } | null;
  transactions: unknown[];
  broker: PartyRef | null;
  operator: PartyRef | null;
  purchasers: PartyRef[];
  suppliers: PartyRef[];
  manufacturers: PartyRef[];
};

export type Product = {
  id: string;
  supplierId: string;
  supplierName?: string;
  name: string;
  hsCode: string;
  unit: string;
  referencePrice: string;
  currency: string;
  brand: string | null;
  brandAuthorisationRef: string | null;
  manufacturerId: string | null;
  manufacturerName?: string;
  createdAt: string;
};

export type PurchaserFile = {
  id: string;
  purchaserId: string;
  operatorId: string;
  purchaserName?: string;
  operatorName?: string;
  agreementNo: string;
  agreementSha256: string;
  signedOn: string;
  validUntil: string | null;
  createdAt: string;
};

export type BadPurchaser = {
  purchaserId: string;
  purchaserName?: string;
  reason: string;
  listedAt: string;
  listedBy: string;
};

export const TRANSACTION_STATUS = {
  registered: { zh: '已登记', en: 'Registered' },
  consolidated: { zh: '已拼箱', en: 'Consolidated' },
  declared: { zh: '已申报', en: 'Declared' },
  cleared: { zh: '已放行', en: 'Cleared' },
  fx_collected: { zh: '已收汇', en: 'FX collected' },
  vat_exemption_declared: { zh: '已免税申报', en: 'VAT exemption declared' },
};

export const DECLARATION_STATUS = {
  generated: { zh: '已生成', en: 'Generated' },
  declared: { zh: '已申报', en: 'Declared' },
  released: { zh: '已放行', en: 'Released' },
  inspected: { zh: '查验', en: 'Inspected' },
  rejected: { zh: '退单', en: 'Rejected' },
};

export const PAYMENT_METHODS = {
  bank_transfer: { zh: '银行转账', en: 'Bank transfer' },
  letter_of_credit: { zh: '信用证', en: 'Letter of credit' },
  online_payment: { zh: '在线支付', en: 'Online payment' },
  card: { zh: '银行卡', en: 'Card' },
  cash: { zh: '现金（不适用 1039）', en: 'Cash (not eligible for 1039)' },
};
