import { CEB_RETURN_STATUSES, cebErrorEntries } from '@kouan/domain/ceb/error-codes';
import { CEB_RECEIPT_NAMES, cebCodedValue, cebFieldLabel } from '@kouan/domain/ceb/field-labels';
import type { Lang } from '../../app/i18n';

/** The complex type whose fields each document kind's head and lines carry (the order view's `kind`). */
export const OWNERS: Record<string, { head: string; list?: string }> = {
  order: { head: 'OrderHead', list: 'OrderList' },
  payment: { head: 'PaymentHead' },
  waybill: { head: 'LogisticsHead' },
  inventory: { head: 'InventoryHead', list: 'InventoryList' },
};

/** A field's label: the spec's Chinese name in Chinese, the XML name in English (what integrators know). */
export function fieldLabel(owner: string | undefined, field: string, lang: Lang): string {
  if (lang === 'en' || !owner) return field;
  return cebFieldLabel(owner, field) ?? field;
}

/** `20261122031525` → `2026-11-22 03:15:25`, `20261122` → `2026-11-22`; anything else unchanged. */
export function cebTime(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})(\d{3})?)?$/.exec(value);
  if (!m) return value;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return m[4] === undefined ? day : `${day} ${m[4]}:${m[5]}:${m[6]}`;
}

const TIME_FIELDS = new Set(['appTime', 'payTime', 'returnTime', 'declTime', 'ieDate']);

/** A field's value as a reader wants it: coded values with their meaning, spec times as dates. */
export function fieldValue(field: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  const coded = cebCodedValue(field, text);
  if (coded) return `${text} ${coded[lang]}`;
  return TIME_FIELDS.has(field) ? cebTime(text) : text;
}

/** `CEB622Message` → `进口清单回执 CEB622` (English: the message number only). */
export function receiptName(type: string, lang: Lang): string {
  const number = type.replace(/Message$/, '');
  const name = CEB_RECEIPT_NAMES[type];
  return lang === 'zh' && name ? `${name} ${number}` : number;
}

/** What a returnStatus means: a state of the spec (120 海关入库) or a negative error code's text. */
export function returnStatusText(status: string, lang: Lang): string | undefined {
  const state = CEB_RETURN_STATUSES[status as keyof typeof CEB_RETURN_STATUSES];
  if (state) return state[lang];
  // The spec's placeholders ([*], a trailing *) stand for details the receipt's returnInfo gives;
  // Kouan's own codes (-9…, for the export messages the spec has none for) read the same way.
  return cebErrorEntries(status)[0]
    ?.[lang].replaceAll('[[*]]', '')
    .replaceAll('[*]', '')
    .replace(/[\s，,:：]*\*?[\s，,:：]*$/u, '');
}

/** A returnStatus with its meaning, for lists and chart axes: `120 海关入库`, `-621005 …`. */
export function returnStatusLabel(status: string, lang: Lang): string {
  const text = returnStatusText(status, lang);
  return text ? `${status} ${text}` : status;
}

/** The business units of a receipt's JSON (`{CEB622Message: {InventoryReturn: [...]}}`). */
export function receiptUnits(json: unknown): Record<string, unknown>[] {
  if (!json || typeof json !== 'object') return [];
  const message = Object.values(json as Record<string, unknown>)[0];
  if (!message || typeof message !== 'object') return [];
  const units: Record<string, unknown>[] = [];
  for (const value of Object.values(message as Record<string, unknown>)) {
    if (Array.isArray(value)) units.push(...value.filter((u) => u && typeof u === 'object'));
    else if (value && typeof value === 'object') units.push(value as Record<string, unknown>);
  }
  return units;
}

/** The number a receipt is about — the inventory, order, waybill or message it answers. */
export function receiptSubject(json: unknown): string {
  const unit = receiptUnits(json)[0];
  if (!unit) return '';
  for (const key of ['invtNo', 'orderNo', 'logisticsNo', 'payTransactionId', 'copNo', 'guid']) {
    const value = unit[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

/** returnInfo of every unit of a receipt, one per line. */
export function receiptInfo(json: unknown): string {
  return receiptUnits(json)
    .map((u) => u.returnInfo)
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join('\n');
}
