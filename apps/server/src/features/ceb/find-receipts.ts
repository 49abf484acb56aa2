import { cebReceiptJson } from '@kouan/domain/ceb';
import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { visibleCode } from './visibility';

export const MAX_RECEIPTS_PER_PAGE = 200;

export interface ReceiptView {
  readonly id: string;
  readonly receiptType: string;
  readonly guid: string;
  readonly returnStatus: string;
  readonly issuedAt: string;
  readonly xml: string;
  readonly json: unknown;
}

/**
 * Receipts addressed to the caller's enterprise (regulators: all), after `after` (a receipt id;
 * ids are time-ordered) in `order`: enterprise systems poll oldest first with the last id they
 * saw; people read newest first. Optionally of one receipt type, or only errors.
 */
export async function findReceipts(
  deps: { store: Store },
  actor: Actor,
  input: {
    after?: string | undefined;
    limit?: number | undefined;
    order?: 'asc' | 'desc' | undefined;
    receiptType?: string | undefined;
    errorsOnly?: boolean | undefined;
  },
): Promise<{ items: ReceiptView[]; next: string | null }> {
  const limit = Math.min(input.limit ?? 50, MAX_RECEIPTS_PER_PAGE);
  const code = await visibleCode(deps.store.repos, actor);
  const rows = await deps.store.repos.ceb.findReceipts({
    afterId: input.after,
    order: input.order ?? 'asc',
    recipientCode: code,
    receiptType: input.receiptType,
    errorsOnly: input.errorsOnly,
    limit,
  });
  const items = rows.map((r) => ({
    id: r.id,
    receiptType: r.receipt_type,
    guid: r.guid,
    returnStatus: r.return_status,
    issuedAt: r.issued_at.toISOString(),
    xml: r.xml,
    json: r.json ?? cebReceiptJson(r.xml),
  }));
  return { items, next: items.length === limit ? (items.at(-1)?.id ?? null) : null };
}
