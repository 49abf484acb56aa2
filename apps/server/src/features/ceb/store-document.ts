/**
 * Appends one business unit as a document version, following appType: 1 new (its number must be
 * unique for its owner), 2 change and 3 delete (the document must exist; for order, payment and
 * waybill no longer once an inventory was declared for the order).
 */
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { BatchContext } from './batch-context';
import type { CebDocumentRow, CebInventoryRow } from './ceb.repository';
import { type Head, str, type UnitSpec } from './ceb-units';
import type { Finding, SetUnit } from './checks';
import { unitInMessage } from './documents';

/** logisticsNo may be reused by its logistics enterprise after six months. */
const NUMBER_REUSE_MONTHS = 6;
/** Inventory statuses that no longer lock the documents of their set. */
const RELEASING_STATUSES = new Set(['100', 'cancelled']);

export interface StoredDocument {
  readonly row: CebDocumentRow;
}

export function finding(code: string, field: string, zh: string, en: string): Finding {
  return { code, severity: 'error', field, zh, en };
}

function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export function buyerHashOf(ctx: BatchContext, h: Head): string | null {
  const id = str(h, 'buyerIdNumber');
  return id ? ctx.deps.vault.blindIndex('resident_id', id) : null;
}

export async function storeDocument(
  ctx: BatchContext,
  input: {
    spec: UnitSpec;
    unit: SetUnit;
    messageId: string;
    unitIndex: number;
    copCode: string;
    actor: Actor;
    invtNo?: string | undefined;
    /** The e-port's number the version is answered with (kept with it: a change reuses it). */
    preNo?: string | undefined;
    /** Skip the lock check (the inventory itself, cancels and refunds have their own rules). */
    lockedBySet?: boolean;
  },
): Promise<{ ok: true; row: CebDocumentRow } | { ok: false; finding: Finding }> {
  const { spec, unit } = input;
  const h = unit.head;
  const key = spec.key(h);
  const appType = str(h, 'appType') as '1' | '2' | '3';
  const latest = await ctx.latestDocument(key);
  const what = `${spec.kind} ${key.slice(spec.kind.length + 1)}`;
  if (appType === '1') {
    const claim = spec.claim?.(h);
    if (claim) {
      const claimed = await ctx.claimNumber(
        claim,
        key,
        claim.windowed ? monthsBefore(ctx.now, NUMBER_REUSE_MONTHS) : null,
      );
      if (!claimed) {
        return {
          ok: false,
          finding: finding(
            spec.codes.duplicate,
            `${spec.kind}.${claim.kind === 'waybill' ? 'logisticsNo' : claim.kind === 'payment' ? 'payTransactionId' : 'orderNo'}`,
            `已存在相同编号的单证：${claim.number}（${claim.ownerCode}）`,
            `a document with number ${claim.number} of ${claim.ownerCode} already exists`,
          ),
        };
      }
    } else if (latest && latest.app_type !== '3') {
      return {
        ok: false,
        finding: finding(
          spec.codes.duplicate,
          `${spec.kind}`,
          `单证已存在：${what}`,
          `already exists: ${what}`,
        ),
      };
    }
  } else {
    if (!latest || latest.app_type === '3') {
      return {
        ok: false,
        finding: finding(
          spec.codes.notFound,
          `${spec.kind}.appType`,
          `appType=${appType}，但未找到要变更/删除的单证 ${what}`,
          `appType=${appType} but ${what} does not exist`,
        ),
      };
    }
    const orderNo = spec.orderNo(h);
    if (input.lockedBySet !== false && orderNo) {
      // orderNo is unique per platform only: the inventories of this platform's order (a waybill:
      // those carrying this waybill), not another platform's order of the same number.
      const ours =
        spec.kind === 'waybill'
          ? (i: CebInventoryRow) =>
              i.logistics_code === str(h, 'logisticsCode') && i.logistics_no === str(h, 'logisticsNo')
          : (i: CebInventoryRow) => i.ebp_code === str(h, 'ebpCode');
      const inventories = (await ctx.inventoriesForOrder(orderNo)).filter(ours);
      const declared = inventories.find((i) => !RELEASING_STATUSES.has(i.status));
      if (declared) {
        if (!spec.codes.locked)
          throw new Error(`${spec.kind} belongs to an import set but has no locked code`);
        return {
          ok: false,
          finding: finding(
            spec.codes.locked,
            `${spec.kind}.appType`,
            `订单 ${orderNo} 已申报清单 ${declared.invt_no}（状态 ${declared.status}），不能再变更或删除`,
            `inventory ${declared.invt_no} (status ${declared.status}) was declared for order ${orderNo}; the ${spec.kind} can no longer change`,
          ),
        };
      }
    }
  }
  const row = await appendDocument(ctx, { ...input, version: (latest?.version ?? 0) + 1 });
  return { ok: true, row };
}

/** Writes the next version of a unit's document (checks done by the caller). */
export async function appendDocument(
  ctx: BatchContext,
  input: {
    spec: UnitSpec;
    unit: SetUnit;
    messageId: string;
    /** 0-based place of the unit in its message: the stored version reads its unit from there. */
    unitIndex: number;
    copCode: string;
    version: number;
    invtNo?: string | undefined;
    preNo?: string | undefined;
  },
): Promise<CebDocumentRow> {
  const { spec, unit } = input;
  const h = unit.head;
  const key = spec.key(h);
  const appType = str(h, 'appType') as '1' | '2' | '3';
  const sealed = unitInMessage(unit, input.unitIndex);
  const row: CebDocumentRow = {
    id: newId('cebdoc', ctx.now.getTime()),
    doc_key: key,
    version: input.version,
    kind: spec.kind,
    message_id: input.messageId,
    unit_guid: str(h, 'guid'),
    app_type: appType,
    order_no: str(h, 'orderNo') || null,
    ebp_code: str(h, 'ebpCode') || null,
    ebc_code: str(h, 'ebcCode') || null,
    logistics_code: str(h, 'logisticsCode') || null,
    logistics_no: str(h, 'logisticsNo') || null,
    pay_code: str(h, 'payCode') || null,
    pay_transaction_id: str(h, 'payTransactionId') || null,
    cop_no: str(h, 'copNo') || null,
    invt_no: input.invtNo ?? (str(h, 'invtNo') || null),
    pre_no: input.preNo ?? null,
    buyer_hash: buyerHashOf(ctx, h),
    party_codes: [...new Set([...spec.parties(h), input.copCode])],
    ...sealed.columns,
    received_at: ctx.now,
  };
  sealed.remember(row);
  ctx.addDocument(row);
  return row;
}
