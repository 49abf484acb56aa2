import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { PiiVault } from '../../lib/pii';
import { type InventoryView, inventoryView } from './act-on-inventory';
import { visibleCode } from './visibility';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface FindInventoriesInput {
  readonly orderNo?: string | undefined;
  readonly logisticsNo?: string | undefined;
  readonly invtNo?: string | undefined;
  /** The buyer's resident ID number: searched through its blind index, never stored or logged. */
  readonly buyerIdNumber?: string | undefined;
  readonly status?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
}

export async function findInventories(
  deps: { store: Store; vault: PiiVault },
  actor: Actor,
  input: FindInventoriesInput,
): Promise<{ items: InventoryView[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(input.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = Math.max(1, input.page ?? 1);
  const limit = pageSize;
  const offset = (page - 1) * pageSize;
  const partyCode = await visibleCode(deps.store.repos, actor);
  const { rows, total } = await deps.store.repos.ceb.findInventories({
    orderNo: input.orderNo,
    logisticsNo: input.logisticsNo,
    invtNo: input.invtNo,
    buyerHash: input.buyerIdNumber ? deps.vault.blindIndex('resident_id', input.buyerIdNumber) : undefined,
    status: input.status,
    from: input.from ? new Date(input.from) : undefined,
    to: input.to ? new Date(input.to) : undefined,
    partyCode,
    offset,
    limit,
  });
  return { items: rows.map(inventoryView), total, page, pageSize };
}
