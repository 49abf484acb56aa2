/**
 * What Kouan needs to know about each accepted declaration type: the business key of a unit, which
 * parties it names, who may send it (BaseTransfer.copCode must be one of them), the document number
 * that must be unique, the spec's error codes for duplicates and changes, and its receipt unit.
 */
import type { CebBusinessReceiptType, CebDeclarationType, CebErrorCode } from '@kouan/domain/ceb';
import { CEB_RECEIPT_TYPE_FOR } from '@kouan/domain/ceb';

export type Head = Readonly<Record<string, unknown>>;

export type UnitKind =
  | 'order'
  | 'payment'
  | 'waybill'
  | 'waybill_status'
  | 'inventory'
  | 'cancel'
  | 'refund'
  | 'delivery'
  | 'export_order'
  | 'export_receipts'
  | 'export_waybill'
  | 'export_arrival'
  | 'export_departure'
  | 'export_inventory'
  | 'export_cancel'
  | 'export_waybill_list'
  | 'export_summary';

export interface UnitOutcome {
  readonly returnStatus: string;
  readonly returnInfo: string;
  readonly returnTime: Date;
  readonly preNo?: string | undefined;
  readonly invtNo?: string | undefined;
}

export interface NumberClaim {
  readonly kind: 'order' | 'waybill' | 'payment' | 'inventory';
  readonly ownerCode: string;
  readonly number: string;
  /** Numbers that may be reused after six months (logisticsNo). */
  readonly windowed: boolean;
}

export interface UnitSpec {
  readonly kind: UnitKind;
  readonly direction: 'import' | 'export';
  readonly receiptType: CebBusinessReceiptType;
  key(h: Head): string;
  /** The order whose import set this unit belongs to (set lock and matching), or null. */
  orderNo(h: Head): string | null;
  /** Codes the sender (copCode) may be, as the spec assigns the message to its declarant. */
  senders(h: Head): string[];
  /** Every party the unit names: each must be filed and active. */
  parties(h: Head): string[];
  claim?(h: Head): NumberClaim;
  /** Accepted status for units that are stored only (no lifecycle). */
  readonly acceptedStatus: string;
  readonly codes: {
    readonly duplicate: CebErrorCode;
    readonly notFound: CebErrorCode;
    readonly locked: CebErrorCode;
    readonly noPermission: CebErrorCode;
  };
  receiptUnit(h: Head, outcome: UnitOutcome): Record<string, unknown>;
}

export const str = (h: Head, field: string): string => {
  const v = h[field];
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
};
const opt = (h: Head, field: string): string | undefined => {
  const v = str(h, field);
  return v === '' ? undefined : v;
};
const codes = (...values: (string | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== undefined && v !== '' && v !== '无')),
];

const base = (h: Head, o: UnitOutcome) => ({
  guid: str(h, 'guid'),
  returnStatus: o.returnStatus,
  returnTime: o.returnTime,
  returnInfo: o.returnInfo,
});

const GENERIC = {
  duplicate: '-301010',
  notFound: '-301009',
  locked: '-301011',
  noPermission: '-10102',
} as const satisfies UnitSpec['codes'];

function spec(type: CebDeclarationType, s: Omit<UnitSpec, 'receiptType'>): UnitSpec {
  return { ...s, receiptType: CEB_RECEIPT_TYPE_FOR[type] };
}

/** copNo of a receipt (1..20 required on some): the enterprise's own number, else the preNo. */
const copNoOf = (h: Head, o: UnitOutcome) => opt(h, 'copNo') ?? o.preNo ?? str(h, 'guid').slice(0, 20);

/** The receipt unit of an inventory and of its cancel (CEB624) and return (CEB626): the same fields. */
const inventoryReceiptUnit = (h: Head, o: UnitOutcome, invtNo: string | null | undefined) => ({
  ...base(h, o),
  customsCode: str(h, 'customsCode'),
  ebpCode: str(h, 'ebpCode'),
  ebcCode: str(h, 'ebcCode'),
  agentCode: str(h, 'agentCode'),
  copNo: copNoOf(h, o),
  preNo: o.preNo,
  invtNo,
});

export const UNIT_SPECS: Readonly<Record<CebDeclarationType, UnitSpec>> = {
  CEB311Message: spec('CEB311Message', {
    kind: 'order',
    direction: 'import',
    key: (h) => `order:${str(h, 'ebpCode')}:${str(h, 'orderNo')}`,
    orderNo: (h) => str(h, 'orderNo'),
    senders: (h) => codes(str(h, 'ebpCode'), str(h, 'ebcCode')),
    parties: (h) => codes(str(h, 'ebpCode'), str(h, 'ebcCode'), opt(h, 'payCode')),
    claim: (h) => ({
      kind: 'order',
      ownerCode: str(h, 'ebpCode'),
      number: str(h, 'orderNo'),
      windowed: false,
    }),
    acceptedStatus: '120',
    codes: GENERIC,
    receiptUnit: (h, o) => ({
      ...base(h, o),
      ebpCode: str(h, 'ebpCode'),
      ebcCode: str(h, 'ebcCode'),
      orderNo: str(h, 'orderNo'),
    }),
  }),
  CEB411Message: spec('CEB411Message', {
    kind: 'payment',
    direction: 'import',
    key: (h) => `payment:${str(h, 'payCode')}:${str(h, 'payTransactionId')}`,
    orderNo: (h) => str(h, 'orderNo'),
    senders: (h) => codes(str(h, 'payCode')),
    parties: (h) => codes(str(h, 'payCode'), str(h, 'ebpCode')),
    claim: (h) => ({
      kind: 'payment',
      ownerCode: str(h, 'payCode'),
      number: str(h, 'payTransactionId'),
      windowed: false,
    }),
    acceptedStatus: '120',
    codes: { duplicate: '-401007', notFound: '-401006', locked: '-401008', noPermission: '-10102' },
    receiptUnit: (h, o) => ({
      ...base(h, o),
      payCode: str(h, 'payCode'),
      payTransactionId: str(h, 'payTransactionId'),
    }),
  }),
  CEB511Message: spec('CEB511Message', {
    kind: 'waybill',
    direction: 'import',
    key: (h) => `waybill:${str(h, 'logisticsCode')}:${str(h, 'logisticsNo')}`,
    orderNo: (h) => str(h, 'orderNo'),
    senders: (h) => codes(str(h, 'logisticsCode')),
    parties: (h) => codes(str(h, 'logisticsCode')),
    claim: (h) => ({
      kind: 'waybill',
      ownerCode: str(h, 'logisticsCode'),
      number: str(h, 'logisticsNo'),
      windowed: true,
    }),
    acceptedStatus: '120',
    codes: { duplicate: '-504015', notFound: '-504014', locked: '-504016', noPermission: '-10102' },
    receiptUnit: (h, o) => ({
      ...base(h, o),
      logisticsCode: str(h, 'logisticsCode'),
      logisticsNo: str(h, 'logisticsNo'),
    }),
  }),
  CEB513Message: spec('CEB513Message', {
    kind: 'waybill_status',
    direction: 'import',
    key: (h) =>
      `waybill_status:${str(h, 'logisticsCode')}:${str(h, 'logisticsNo')}:${str(h, 'logisticsStatus')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'logisticsCode')),
    parties: (h) => codes(str(h, 'logisticsCode')),
    acceptedStatus: '399',
    codes: { duplicate: '-505012', notFound: '-505014', locked: '-505014', noPermission: '-10102' },
    receiptUnit: (h, o) => ({
      ...base(h, o),
      logisticsCode: str(h, 'logisticsCode'),
      logisticsNo: str(h, 'logisticsNo'),
      logisticsStatus: str(h, 'logisticsStatus'),
    }),
  }),
  CEB621Message: spec('CEB621Message', {
    kind: 'inventory',
    direction: 'import',
    key: (h) => `inventory:${str(h, 'ebpCode')}:${str(h, 'orderNo')}`,
    orderNo: (h) => str(h, 'orderNo'),
    senders: (h) => codes(str(h, 'agentCode'), str(h, 'ebcCode')),
    parties: (h) =>
      codes(
        str(h, 'ebpCode'),
        str(h, 'ebcCode'),
        str(h, 'logisticsCode'),
        str(h, 'agentCode'),
        opt(h, 'assureCode'),
      ),
    acceptedStatus: '120',
    codes: { duplicate: '-621004', notFound: '-621011', locked: '-621012', noPermission: '-621016' },
    receiptUnit: (h, o) => inventoryReceiptUnit(h, o, o.invtNo),
  }),
  CEB623Message: spec('CEB623Message', {
    kind: 'cancel',
    direction: 'import',
    key: (h) => `cancel:${str(h, 'invtNo')}`,
    orderNo: (h) => str(h, 'orderNo'),
    senders: (h) => codes(str(h, 'agentCode'), str(h, 'ebcCode')),
    parties: (h) => codes(str(h, 'ebpCode'), str(h, 'ebcCode'), str(h, 'logisticsCode'), str(h, 'agentCode')),
    acceptedStatus: '399',
    codes: { duplicate: '-623009', notFound: '-623003', locked: '-623005', noPermission: '-623026' },
    receiptUnit: (h, o) => inventoryReceiptUnit(h, o, str(h, 'invtNo')),
  }),
  CEB625Message: spec('CEB625Message', {
    kind: 'refund',
    direction: 'import',
    key: (h) => `refund:${str(h, 'invtNo')}`,
    orderNo: (h) => str(h, 'orderNo'),
    senders: (h) => codes(str(h, 'agentCode'), str(h, 'ebcCode')),
    parties: (h) => codes(str(h, 'ebpCode'), str(h, 'ebcCode'), str(h, 'logisticsCode'), str(h, 'agentCode')),
    acceptedStatus: '120',
    codes: { duplicate: '-625033', notFound: '-625016', locked: '-625022', noPermission: '-625021' },
    receiptUnit: (h, o) => inventoryReceiptUnit(h, o, str(h, 'invtNo')),
  }),
  CEB711Message: spec('CEB711Message', {
    kind: 'delivery',
    direction: 'import',
    key: (h) => `delivery:${str(h, 'operatorCode')}:${opt(h, 'copNo') ?? str(h, 'guid')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'operatorCode')),
    parties: (h) => codes(str(h, 'operatorCode'), str(h, 'logisticsCode')),
    acceptedStatus: '120',
    codes: { duplicate: '-800003', notFound: '-800001', locked: '-800001', noPermission: '-10102' },
    receiptUnit: (h, o) => ({
      ...base(h, o),
      customsCode: str(h, 'customsCode'),
      operatorCode: str(h, 'operatorCode'),
      copNo: opt(h, 'copNo'),
      preNo: o.preNo,
    }),
  }),
  CEB303Message: spec('CEB303Message', {
    kind: 'export_order',
    direction: 'export',
    key: (h) => `export_order:${str(h, 'ebpCode')}:${str(h, 'ebcCode')}:${str(h, 'orderNo')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'ebpCode'), str(h, 'ebcCode')),
    parties: (h) => codes(str(h, 'ebpCode'), str(h, 'ebcCode')),
    acceptedStatus: '399',
    codes: GENERIC,
    receiptUnit: (h, o) => ({
      ...base(h, o),
      ebpCode: str(h, 'ebpCode'),
      ebcCode: str(h, 'ebcCode'),
      orderNo: str(h, 'orderNo'),
    }),
  }),
  CEB403Message: spec('CEB403Message', {
    kind: 'export_receipts',
    direction: 'export',
    key: (h) => `export_receipts:${str(h, 'ebcCode')}:${str(h, 'orderNo')}`,
    orderNo: () => null,
    senders: (h) => codes(opt(h, 'payCode'), str(h, 'ebcCode'), str(h, 'ebpCode')),
    parties: (h) => codes(opt(h, 'payCode'), str(h, 'ebcCode'), str(h, 'ebpCode')),
    acceptedStatus: '399',
    codes: { ...GENERIC, duplicate: '-401007', notFound: '-401006', locked: '-401008' },
    receiptUnit: (h, o) => ({
      ...base(h, o),
      ebcCode: str(h, 'ebcCode'),
      orderNo: str(h, 'orderNo'),
      payNo: opt(h, 'payNo'),
    }),
  }),
  CEB505Message: spec('CEB505Message', {
    kind: 'export_waybill',
    direction: 'export',
    key: (h) => `export_waybill:${str(h, 'logisticsCode')}:${str(h, 'logisticsNo')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'logisticsCode')),
    parties: (h) => codes(str(h, 'logisticsCode')),
    acceptedStatus: '399',
    codes: { ...GENERIC, duplicate: '-504015', notFound: '-504014', locked: '-504016' },
    receiptUnit: (h, o) => ({
      ...base(h, o),
      logisticsCode: str(h, 'logisticsCode'),
      logisticsNo: str(h, 'logisticsNo'),
    }),
  }),
  CEB507Message: spec('CEB507Message', {
    kind: 'export_arrival',
    direction: 'export',
    key: (h) => `export_arrival:${str(h, 'operatorCode')}:${str(h, 'copNo')}:${str(h, 'msgSeqNo')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'operatorCode')),
    parties: (h) => codes(str(h, 'operatorCode'), str(h, 'logisticsCode')),
    acceptedStatus: '399',
    codes: GENERIC,
    receiptUnit: (h, o) => ({
      ...base(h, o),
      operatorCode: str(h, 'operatorCode'),
      logisticsCode: str(h, 'logisticsCode'),
      preNo: o.preNo,
      copNo: str(h, 'copNo'),
      billNo: str(h, 'billNo') || '无',
      msgSeqNo: Number(h.msgSeqNo),
    }),
  }),
  CEB509Message: spec('CEB509Message', {
    kind: 'export_departure',
    direction: 'export',
    key: (h) => `export_departure:${str(h, 'logisticsCode')}:${str(h, 'copNo')}:${str(h, 'msgSeqNo')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'logisticsCode')),
    parties: (h) => codes(str(h, 'logisticsCode')),
    acceptedStatus: '399',
    codes: GENERIC,
    receiptUnit: (h, o) => ({
      ...base(h, o),
      logisticsCode: str(h, 'logisticsCode'),
      copNo: str(h, 'copNo'),
      preNo: o.preNo,
      msgSeqNo: Number(h.msgSeqNo),
    }),
  }),
  CEB603Message: spec('CEB603Message', {
    kind: 'export_inventory',
    direction: 'export',
    key: (h) => `export_inventory:${str(h, 'agentCode')}:${str(h, 'copNo')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'agentCode'), str(h, 'ebcCode')),
    parties: (h) => codes(str(h, 'ebpCode'), str(h, 'ebcCode'), str(h, 'logisticsCode'), str(h, 'agentCode')),
    acceptedStatus: '120',
    codes: { ...GENERIC, duplicate: '-621004', notFound: '-621011', locked: '-621012' },
    receiptUnit: (h, o) => ({
      ...base(h, o),
      agentCode: str(h, 'agentCode'),
      copNo: str(h, 'copNo'),
      preNo: o.preNo,
      invtNo: o.invtNo,
      ebcCode: str(h, 'ebcCode'),
      ebpCode: str(h, 'ebpCode'),
      orderNo: str(h, 'orderNo'),
      statisticsFlag: str(h, 'statisticsFlag'),
    }),
  }),
  CEB605Message: spec('CEB605Message', {
    kind: 'export_cancel',
    direction: 'export',
    key: (h) => `export_cancel:${str(h, 'agentCode')}:${str(h, 'copNo')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'agentCode'), str(h, 'ebcCode')),
    parties: (h) => codes(str(h, 'agentCode'), str(h, 'ebcCode')),
    acceptedStatus: '399',
    codes: { ...GENERIC, duplicate: '-623009', notFound: '-623003', locked: '-623005' },
    receiptUnit: (h, o) => ({
      ...base(h, o),
      agentCode: str(h, 'agentCode'),
      copNo: str(h, 'copNo'),
      preNo: o.preNo,
      invtNo: str(h, 'invtNo'),
    }),
  }),
  CEB607Message: spec('CEB607Message', {
    kind: 'export_waybill_list',
    direction: 'export',
    key: (h) => `export_waybill_list:${str(h, 'agentCode')}:${str(h, 'copNo')}:${str(h, 'msgSeqNo')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'agentCode')),
    parties: (h) => codes(str(h, 'agentCode'), str(h, 'logisticsCode')),
    acceptedStatus: '399',
    codes: GENERIC,
    receiptUnit: (h, o) => ({
      ...base(h, o),
      agentCode: str(h, 'agentCode'),
      logisticsCode: str(h, 'logisticsCode'),
      copNo: str(h, 'copNo'),
      preNo: o.preNo,
      billNo: str(h, 'billNo'),
      msgSeqNo: Number(h.msgSeqNo),
    }),
  }),
  CEB701Message: spec('CEB701Message', {
    kind: 'export_summary',
    direction: 'export',
    key: (h) => `export_summary:${str(h, 'agentCode')}:${str(h, 'copNo')}:${str(h, 'msgSeqNo')}`,
    orderNo: () => null,
    senders: (h) => codes(str(h, 'agentCode'), str(h, 'ebcCode')),
    parties: (h) => codes(str(h, 'agentCode'), str(h, 'ebcCode'), str(h, 'declAgentCode')),
    acceptedStatus: '399',
    codes: GENERIC,
    receiptUnit: (h, o) => ({
      ...base(h, o),
      agentCode: str(h, 'agentCode'),
      ebcCode: str(h, 'ebcCode'),
      copNo: str(h, 'copNo'),
      preNo: o.preNo,
      sumNo: opt(h, 'sumNo'),
      msgSeqNo: Number(h.msgSeqNo),
    }),
  }),
};
