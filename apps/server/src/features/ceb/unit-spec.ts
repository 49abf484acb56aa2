/**
 * The shape of a unit spec (what Kouan needs to know about one accepted declaration type) and the
 * helpers the spec tables (import-units.ts, export-units.ts) are written with.
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
export const opt = (h: Head, field: string): string | undefined => {
  const v = str(h, field);
  return v === '' ? undefined : v;
};
export const codes = (...values: (string | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== undefined && v !== '' && v !== '无')),
];

export const base = (h: Head, o: UnitOutcome) => ({
  guid: str(h, 'guid'),
  returnStatus: o.returnStatus,
  returnTime: o.returnTime,
  returnInfo: o.returnInfo,
});

export const GENERIC = {
  duplicate: '-301010',
  notFound: '-301009',
  locked: '-301011',
  noPermission: '-10102',
} as const satisfies UnitSpec['codes'];

export function spec(type: CebDeclarationType, s: Omit<UnitSpec, 'receiptType'>): UnitSpec {
  return { ...s, receiptType: CEB_RECEIPT_TYPE_FOR[type] };
}

/** copNo of a receipt (1..20 required on some): the enterprise's own number, else the preNo. */
export const copNoOf = (h: Head, o: UnitOutcome) => opt(h, 'copNo') ?? o.preNo ?? str(h, 'guid').slice(0, 20);

/** The receipt unit of an inventory and of its cancel (CEB624) and return (CEB626): the same fields. */
export const inventoryReceiptUnit = (h: Head, o: UnitOutcome, invtNo: string | null | undefined) => ({
  ...base(h, o),
  customsCode: str(h, 'customsCode'),
  ebpCode: str(h, 'ebpCode'),
  ebcCode: str(h, 'ebcCode'),
  agentCode: str(h, 'agentCode'),
  copNo: copNoOf(h, o),
  preNo: o.preNo,
  invtNo,
});
