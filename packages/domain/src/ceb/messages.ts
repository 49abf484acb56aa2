/**
 * Typed accessors: a validated element tree → plain objects in the JSON shape of generated-types.ts
 * (decimals stay exact strings, xs:int becomes number), plus a uniform head/lists view of every accepted
 * declaration for the server's matching, limits and tax code.
 */
import { normaliseWhiteSpace } from './facets';
import type { CebDeclarationType, CebMessageType } from './message-types';
import { schemaFor } from './message-types';
import type * as G from './schema/generated-types';
import type { CebMessageDataMap } from './schema/generated-types';
import type { XsdParticle, XsdSchema } from './schema/schema-types';
import type { CebElement } from './tree';
import type { ValidCebMessage } from './validate';

function simpleValue(schema: XsdSchema, p: XsdParticle, el: CebElement): string | number {
  const type = schema.simpleTypes[p.type];
  if (!type) throw new Error(`no simple type ${p.type}`);
  const text = normaliseWhiteSpace(el.text, type);
  return type.base === 'int' ? Number(text) : text;
}

function toData(schema: XsdSchema, key: string, el: CebElement): Record<string, unknown> {
  const ct = schema.complexTypes[key];
  if (!ct) throw new Error(`no complex type ${key}`);
  const out: Record<string, unknown> = {};
  for (const a of ct.attributes ?? []) {
    const value = el.attributes[a.name];
    if (value !== undefined) out[a.name] = value;
  }
  for (const p of ct.children) {
    const matches = el.children.filter((c) => c.name === p.name);
    const values = matches.map((c) =>
      p.kind === 'simple' ? simpleValue(schema, p, c) : p.kind === 'complex' ? toData(schema, p.type, c) : c,
    );
    const repeated = p.max === 'unbounded' || (p.max ?? 1) > 1;
    if (repeated) out[p.name] = values;
    else if (values[0] !== undefined) out[p.name] = values[0];
  }
  return out;
}

export type CebMessageData = {
  readonly [K in CebMessageType]: { readonly type: K; readonly data: CebMessageDataMap[K] };
}[CebMessageType];

/** The whole message as data, discriminated by `type`. Only validated messages are accepted. */
export function readCebMessage(message: ValidCebMessage): CebMessageData {
  const data = toData(schemaFor(message.schema), message.messageType, message.root);
  return { type: message.messageType, data } as unknown as CebMessageData;
}

/** Head and line types of each accepted declaration (`never` lines: the message has no line list). */
export interface CebDeclarationUnitMap {
  readonly CEB311Message: { readonly head: G.ImportOrderHead; readonly list: G.ImportOrderList };
  readonly CEB411Message: { readonly head: G.ImportPaymentHead; readonly list: never };
  readonly CEB511Message: { readonly head: G.ImportLogisticsHead; readonly list: never };
  readonly CEB513Message: { readonly head: G.ImportLogisticsStatus; readonly list: never };
  readonly CEB621Message: { readonly head: G.ImportInventoryHead; readonly list: G.ImportInventoryList };
  readonly CEB623Message: { readonly head: G.ImportInvtCancel; readonly list: never };
  readonly CEB625Message: { readonly head: G.ImportInvtRefundHead; readonly list: G.ImportInvtRefundList };
  readonly CEB711Message: { readonly head: G.ImportDeliveryHead; readonly list: G.ImportDeliveryList };
  readonly CEB303Message: { readonly head: G.ExportOrderHead; readonly list: G.ExportOrderList };
  readonly CEB403Message: { readonly head: G.ExportReceipts; readonly list: never };
  readonly CEB505Message: { readonly head: G.ExportLogistics; readonly list: never };
  readonly CEB507Message: { readonly head: G.ExportArrivalHead; readonly list: G.ExportArrivalList };
  readonly CEB509Message: { readonly head: G.ExportDepartureHead; readonly list: G.ExportDepartureList };
  readonly CEB603Message: { readonly head: G.ExportInventoryHead; readonly list: G.ExportInventoryList };
  readonly CEB605Message: { readonly head: G.ExportInvtCancel; readonly list: never };
  readonly CEB607Message: { readonly head: G.ExportWayBillHead; readonly list: G.ExportWayBillList };
  readonly CEB701Message: {
    readonly head: G.ExportSummaryApplyHead;
    readonly list: G.ExportSummaryApplyList;
  };
}

/** Where head and lines sit in each declaration: `head: null` means the unit element is the head. */
const LAYOUT: Readonly<
  Record<CebDeclarationType, { unit: string; head: string | null; list: string | null }>
> = {
  CEB311Message: { unit: 'Order', head: 'OrderHead', list: 'OrderList' },
  CEB411Message: { unit: 'Payment', head: 'PaymentHead', list: null },
  CEB511Message: { unit: 'Logistics', head: 'LogisticsHead', list: null },
  CEB513Message: { unit: 'LogisticsStatus', head: null, list: null },
  CEB621Message: { unit: 'Inventory', head: 'InventoryHead', list: 'InventoryList' },
  CEB623Message: { unit: 'InvtCancel', head: null, list: null },
  CEB625Message: { unit: 'InvtRefund', head: 'InvtRefundHead', list: 'InvtRefundList' },
  CEB711Message: { unit: 'Delivery', head: 'DeliveryHead', list: 'DeliveryList' },
  CEB303Message: { unit: 'Order', head: 'OrderHead', list: 'OrderList' },
  CEB403Message: { unit: 'Receipts', head: null, list: null },
  CEB505Message: { unit: 'Logistics', head: null, list: null },
  CEB507Message: { unit: 'Arrival', head: 'ArrivalHead', list: 'ArrivalList' },
  CEB509Message: { unit: 'Departure', head: 'DepartureHead', list: 'DepartureList' },
  CEB603Message: { unit: 'Inventory', head: 'InventoryHead', list: 'InventoryList' },
  CEB605Message: { unit: 'InvtCancel', head: null, list: null },
  CEB607Message: { unit: 'WayBill', head: 'WayBillHead', list: 'WayBillList' },
  CEB701Message: { unit: 'SummaryApply', head: 'SummaryApplyHead', list: 'SummaryApplyList' },
};

export interface CebDeclarationUnit<T extends CebDeclarationType> {
  readonly head: CebDeclarationUnitMap[T]['head'];
  readonly lists: readonly CebDeclarationUnitMap[T]['list'][];
}

export interface CebDeclarationView<T extends CebDeclarationType> {
  readonly type: T;
  /** Root attributes. */
  readonly guid: string;
  readonly version: string;
  /** 1..100 business units (order, payment, inventory …), each a head and its lines. */
  readonly units: readonly CebDeclarationUnit<T>[];
  readonly baseTransfer: G.ImportBaseTransfer | G.ExportBaseTransfer;
  readonly baseSubscribes: readonly (G.ImportBaseSubscribe | G.ExportBaseSubscribe)[];
  /** The ds:Signature element when present (verification is not done here). */
  readonly signature: CebElement | undefined;
  /** The complete message data (also ExtendMessage). */
  readonly data: CebMessageDataMap[T];
}

type Loose = Record<string, unknown>;

/** Head/lines view of a validated declaration; undefined when the message is of another type. */
export function readCebDeclaration<T extends CebDeclarationType>(
  message: ValidCebMessage,
  type: T,
): CebDeclarationView<T> | undefined {
  if (message.messageType !== type) return undefined;
  const layout = LAYOUT[type];
  const data = readCebMessage(message).data as unknown as Loose;
  const raw = data[layout.unit];
  // CEB711 has a single Delivery (maxOccurs 1); every other declaration repeats its unit 1..100 times.
  const rawUnits = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Loose[];
  const units = rawUnits.map((u) => ({
    head: layout.head === null ? u : u[layout.head],
    lists: layout.list === null ? [] : ((u[layout.list] ?? []) as unknown[]),
  })) as unknown as CebDeclarationUnit<T>[];
  return {
    type,
    guid: String(data.guid),
    version: String(data.version),
    units,
    baseTransfer: data.BaseTransfer as G.ImportBaseTransfer,
    baseSubscribes: (data.BaseSubscribe ?? []) as G.ImportBaseSubscribe[],
    signature: data.Signature as CebElement | undefined,
    data: data as unknown as CebMessageDataMap[T],
  };
}
