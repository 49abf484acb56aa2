/**
 * The shape of a unit spec (what Kouan needs to know about one accepted declaration type) and the
 * helpers the spec tables (import-units.ts, export-units.ts) are written with.
 */
import type { CebBusinessReceiptType, CebDeclarationType, CebRefusalCode } from '@kouan/domain/ceb';
import { CEB_RECEIPT_TYPE_FOR } from '@kouan/domain/ceb';
import type { PartyKind } from '../parties';

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
  /** 汇总申请编号 of an accepted summary application (CEB702). */
  readonly sumNo?: string | undefined;
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
  /** Every party the unit names, by role: each must be filed, active and of a kind the role allows. */
  roles(h: Head): PartyRole[];
  /** The codes of `roles` (each once). */
  parties(h: Head): string[];
  claim?(h: Head): NumberClaim;
  /** Accepted status for units that are stored only (no lifecycle). */
  readonly acceptedStatus: string;
  /** The spec's codes for the type, or Kouan's own where table 7-2 has none (KOUAN_CEB_ERROR_CODES). */
  readonly codes: {
    readonly duplicate: CebRefusalCode;
    readonly notFound: CebRefusalCode;
    /** A change refused because of a later state (an import set's declared inventory, a cancelled one). */
    readonly locked?: CebRefusalCode;
    readonly noPermission: CebRefusalCode;
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

/** The order's codes (CEB311, and the export order CEB303). */
export const ORDER_CODES = {
  duplicate: '-301010',
  notFound: '-301009',
  locked: '-301011',
  noPermission: '-10102',
} as const satisfies UnitSpec['codes'];

/**
 * Kouan's own codes (not customs') for an export message type table 7-2 has no codes for: `-9`, the
 * message number, then 001 (a number already used) or 002 (appType 2/3 of nothing).
 */
export const kouanCodes = (type: '507' | '509' | '607' | '701') =>
  ({
    duplicate: `-9${type}001`,
    notFound: `-9${type}002`,
    noPermission: '-10102',
  }) as const satisfies UnitSpec['codes'];

/** A number of the message's own, when it has the 18 characters the receipts require. */
const own18 = (h: Head, field: string): string | undefined => {
  const value = str(h, field);
  return [...value].length === 18 ? value : undefined;
};

/** The message's own preNo, when it has the 18 characters the receipts require. */
export const ownPreNo = (h: Head): string | undefined => own18(h, 'preNo');

/**
 * The invtNo an import cancel (CEB624) or return (CEB626) answers with: the inventory's, or the
 * message's own when it has the 18 characters those receipts require (none otherwise: it names no
 * inventory Kouan issued).
 */
export const answeredInvtNo = (h: Head, o: UnitOutcome): string | undefined => o.invtNo ?? own18(h, 'invtNo');

export function spec(type: CebDeclarationType, s: Omit<UnitSpec, 'receiptType' | 'parties'>): UnitSpec {
  return {
    ...s,
    receiptType: CEB_RECEIPT_TYPE_FOR[type],
    parties: (h) => codes(...s.roles(h).map((r) => r.code)),
  };
}

/**
 * The kinds of filed party that may stand in each role a CEB head names; a code filed only as another
 * kind is refused -10101 无效企业类型 (a logistics enterprise's code given as ebpCode, say). One
 * enterprise filed as several kinds (a platform selling on its own account: ebp and ebc) has a row
 * for each under the same customs code.
 */
export const ROLE_KINDS = {
  ebpCode: ['ebp'],
  ebcCode: ['ebc'],
  payCode: ['payment'],
  logisticsCode: ['logistics'],
  // 申报企业: a customs broker, or a party of the chain declaring for itself.
  agentCode: ['customs_broker', 'ebc', 'ebp', 'logistics'],
  // 担保企业: the enterprise or platform, or the broker, that guarantees the duty.
  assureCode: ['ebc', 'ebp', 'customs_broker', 'logistics'],
  // 监管场所经营人 / 仓库经营人 (CEB507 arrival, CEB711 warehouse entry).
  operatorCode: ['bonded_warehouse'],
  // 申报企业 of a summary declaration (CEB701).
  declAgentCode: ['customs_broker', 'ebc', 'logistics'],
} as const satisfies Record<string, readonly PartyKind[]>;

export type RoleField = keyof typeof ROLE_KINDS;

export interface PartyRole {
  readonly field: RoleField;
  readonly code: string;
}

/** The roles a head fills, in the order given; empty fields and 无 are skipped. */
export const named = (h: Head, ...fields: RoleField[]): PartyRole[] => {
  const out: PartyRole[] = [];
  for (const field of fields) {
    const code = str(h, field);
    if (code !== '' && code !== '无') out.push({ field, code });
  }
  return out;
};

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
