/**
 * Test support: an ImportSet from the four CEB fixture messages (parse → format check → read), so tests
 * start from documents that really pass the intake. Not exported from index.ts.
 */
import type { CebDeclarationType, CebDeclarationUnit } from '../ceb';
import { parseCebXml, readCebDeclaration, validateCebMessage } from '../ceb';
import type { ImportSet } from './import-set';

export function readUnit<T extends CebDeclarationType>(
  xml: Uint8Array,
  type: T,
  index = 0,
): CebDeclarationUnit<T> {
  const parsed = parseCebXml(xml);
  if (!parsed.ok) throw new Error(`${type}: ${parsed.error.code}`);
  const report = validateCebMessage(parsed.value);
  if (!report.valid) throw new Error(`${type}: ${JSON.stringify(report.violations)}`);
  const unit = readCebDeclaration(report.message, type)?.units[index];
  if (unit === undefined) throw new Error(`${type}: no unit ${index}`);
  return unit;
}

export function importSetFromXml(xml: {
  order: Uint8Array;
  payment: Uint8Array;
  waybill: Uint8Array;
  inventory: Uint8Array;
}): ImportSet {
  return {
    order: readUnit(xml.order, 'CEB311Message'),
    payment: readUnit(xml.payment, 'CEB411Message'),
    waybill: readUnit(xml.waybill, 'CEB511Message'),
    inventory: readUnit(xml.inventory, 'CEB621Message'),
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A copy of the set with head fields or lines replaced (tests mutate a consistent set). */
export function withChanges(
  set: ImportSet,
  changes: {
    order?: Partial<Mutable<ImportSet['order']['head']>>;
    orderLines?: ImportSet['order']['lists'];
    payment?: Partial<Mutable<ImportSet['payment']['head']>>;
    waybill?: Partial<Mutable<ImportSet['waybill']['head']>>;
    inventory?: Partial<Mutable<ImportSet['inventory']['head']>>;
    inventoryLines?: ImportSet['inventory']['lists'];
  },
): ImportSet {
  return {
    order: { head: { ...set.order.head, ...changes.order }, lists: changes.orderLines ?? set.order.lists },
    payment: { head: { ...set.payment.head, ...changes.payment }, lists: [] },
    waybill: { head: { ...set.waybill.head, ...changes.waybill }, lists: [] },
    inventory: {
      head: { ...set.inventory.head, ...changes.inventory },
      lists: changes.inventoryLines ?? set.inventory.lists,
    },
  };
}
