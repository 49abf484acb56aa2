/**
 * The four-document view of one import order (三单 + 清单): every version of the order, payment,
 * waybill and inventory (and its cancel/return), with the receipts issued and the status history.
 * Personal information is masked unless the caller holds pii:unmasked.
 */
import { cebReceiptJson } from '@kouan/domain/ceb';
import { maskAddress, maskIdNumber, maskName, maskPassport, maskPhone } from '@kouan/domain/privacy';
import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { PiiVault } from '../../lib/pii';
import { type InventoryView, inventoryView } from './act-on-inventory';
import { cebError } from './ceb.errors';
import type { Head } from './ceb-units';
import type { SetUnit } from './checks';
import { UnitReader } from './documents';
import { mayReadOriginal } from './get-original-message';
import { visibleCode } from './visibility';

const MASKS: Readonly<Record<string, (v: string) => string>> = {
  buyerName: maskName,
  payerName: maskName,
  consignee: maskName,
  buyerIdNumber: maskIdNumber,
  // 订购人的交易平台注册号: an account name, often the buyer's phone number.
  buyerRegNo: maskPassport,
  payerIdNumber: maskIdNumber,
  buyerTelephone: maskPhone,
  consigneeTelephone: maskPhone,
  telephone: maskPhone,
  consigneeAddress: maskAddress,
};

function masked(head: Head, unmasked: boolean): Head {
  if (unmasked) return head;
  const out: Record<string, unknown> = { ...head };
  for (const [field, mask] of Object.entries(MASKS)) {
    const v = out[field];
    if (typeof v === 'string' && v !== '') out[field] = mask(v);
  }
  return out;
}

export interface OrderView {
  readonly orderNo: string;
  readonly ebpCode: string;
  readonly documents: {
    kind: string;
    docKey: string;
    version: number;
    appType: string;
    /** The message that carried this version; its original is at /api/ceb/messages/{id}/original. */
    messageId: string;
    /** Whether the caller may download that original (its sender, or an unmasked regulator). */
    originalAvailable: boolean;
    receivedAt: string;
    head: Head;
    lists: readonly Head[];
  }[];
  readonly inventory: InventoryView | null;
  readonly statusHistory: {
    status: string;
    previousStatus: string | null;
    at: string;
    actor: string;
    reason: string | null;
  }[];
  readonly receipts: {
    id: string;
    receiptType: string;
    returnStatus: string;
    issuedAt: string;
    json: unknown;
  }[];
}

export async function getOrderView(
  deps: { store: Store; vault: PiiVault },
  actor: Actor,
  input: { ebpCode: string; orderNo: string },
): Promise<OrderView> {
  const repos = deps.store.repos;
  const code = await visibleCode(repos, actor);
  const inventory = await repos.ceb.getInventory(`inventory:${input.ebpCode}:${input.orderNo}`);
  const [orders, payments, waybills] = await Promise.all([
    repos.ceb.documentHistory([`order:${input.ebpCode}:${input.orderNo}`]),
    repos.ceb.latestByOrder('payment', input.orderNo),
    repos.ceb.latestByOrder('waybill', input.orderNo),
  ]);
  const keys = new Set<string>([
    ...orders.map((d) => d.doc_key),
    ...payments.filter((p) => p.ebp_code === input.ebpCode).map((p) => p.doc_key),
    ...waybills.map((w) => w.doc_key),
  ]);
  if (inventory) {
    keys.add(inventory.doc_key);
    keys.add(`cancel:${inventory.invt_no}`);
    keys.add(`refund:${inventory.invt_no}`);
  }
  const docs = await repos.ceb.documentHistory([...keys]);
  if (docs.length === 0)
    throw cebError('CEB_NOT_FOUND', { what: 'order', whatZh: '订单', id: input.orderNo });
  if (code !== undefined && !docs.some((d) => d.party_codes.includes(code))) {
    throw cebError('CEB_NOT_FOUND', { what: 'order', whatZh: '订单', id: input.orderNo });
  }
  const unmasked = can(actor, 'pii:unmasked');
  const visible = code === undefined ? docs : docs.filter((d) => d.party_codes.includes(code));
  const invKeys = inventory ? [inventory.doc_key] : [];
  const messageIds = [...new Set(visible.map((d) => d.message_id))];
  const [history, receipts, senders] = await Promise.all([
    repos.ceb.statusHistory(invKeys),
    repos.ceb.receiptsFor(invKeys, messageIds),
    repos.ceb.messageSenders(messageIds),
  ]);
  const reader = new UnitReader({ vault: deps.vault, messageBodies: repos.ceb.messageBodies });
  const opened = await reader.readAll(visible);
  const units = new Map(visible.map((d, i) => [d, opened[i] as SetUnit]));
  return {
    orderNo: input.orderNo,
    ebpCode: input.ebpCode,
    documents: visible.map((d) => {
      const unit = units.get(d) as SetUnit;
      return {
        kind: d.kind,
        docKey: d.doc_key,
        version: d.version,
        appType: d.app_type,
        messageId: d.message_id,
        originalAvailable: mayReadOriginal(actor, senders.get(d.message_id) ?? ''),
        receivedAt: d.received_at.toISOString(),
        head: masked(unit.head, unmasked),
        lists: unit.lists,
      };
    }),
    inventory:
      inventory && (code === undefined || inventory.party_codes.includes(code))
        ? inventoryView(inventory)
        : null,
    statusHistory: history.map((h) => ({
      status: h.status,
      previousStatus: h.previous_status,
      at: h.at.toISOString(),
      actor: `${h.actor_type}:${h.actor_id}`,
      reason: h.reason,
    })),
    receipts: receipts
      .filter((r) => code === undefined || r.recipient_codes.includes(code))
      .map((r) => ({
        id: r.id,
        receiptType: r.receipt_type,
        returnStatus: r.return_status,
        issuedAt: r.issued_at.toISOString(),
        json: r.json ?? cebReceiptJson(r.xml),
      })),
  };
}
