import type { Repositories } from '../../db/store';
import { cebError } from './ceb.errors';
import type { CebInventoryRow } from './ceb.repository';

/**
 * Inventories as one transaction sees them (read, or written by it), each with the version it has
 * in the database; changes are checked against that version when written at flush.
 */
export class BatchInventories {
  /** Inventories as this transaction sees them (read or written), by doc_key. */
  private readonly inventories = new Map<string, CebInventoryRow>();
  /** Version each inventory has in the database (null: inserted by this batch). */
  private readonly inventoryBase = new Map<string, number | null>();
  /** Orders whose inventories are all in `inventories`. */
  private readonly inventoryOrders = new Set<string>();

  constructor(private readonly repos: Repositories) {}

  /** Of these orders, those whose inventories are not all known yet. */
  unknownOrders(orderNos: readonly string[]): string[] {
    return [...new Set(orderNos)].filter((o) => !this.inventoryOrders.has(o));
  }

  /** Takes the inventories read ahead for these orders (all of theirs). */
  readAhead(orderNos: readonly string[], rows: readonly CebInventoryRow[]): void {
    for (const inv of rows) this.remember(inv);
    for (const o of orderNos) this.inventoryOrders.add(o);
  }

  /** Inventories read or written so far. */
  values(): IterableIterator<CebInventoryRow> {
    return this.inventories.values();
  }

  private remember(row: CebInventoryRow): CebInventoryRow {
    const known = this.inventories.get(row.doc_key);
    if (known) return known;
    this.inventories.set(row.doc_key, row);
    this.inventoryBase.set(row.doc_key, row.version);
    return row;
  }

  /** The inventory under this key as the transaction sees it. */
  async get(key: string, orderNo: string): Promise<CebInventoryRow | undefined> {
    const known = this.inventories.get(key);
    if (known || this.inventoryOrders.has(orderNo)) return known;
    const row = await this.repos.ceb.getInventory(key);
    return row ? this.remember(row) : undefined;
  }

  async getByInvtNo(invtNo: string): Promise<CebInventoryRow | undefined> {
    for (const inv of this.inventories.values()) if (inv.invt_no === invtNo) return inv;
    const row = await this.repos.ceb.getInventoryByInvtNo(invtNo);
    return row ? this.remember(row) : undefined;
  }

  /** Every inventory naming this order, as the transaction sees them. */
  async forOrder(orderNo: string): Promise<CebInventoryRow[]> {
    if (!this.inventoryOrders.has(orderNo)) {
      for (const row of await this.repos.ceb.inventoriesForOrder(orderNo)) this.remember(row);
      this.inventoryOrders.add(orderNo);
    }
    return [...this.inventories.values()].filter((i) => i.order_no === orderNo);
  }

  /** Queues a new inventory (inserted at flush). */
  insert(row: CebInventoryRow): void {
    this.inventories.set(row.doc_key, row);
    this.inventoryBase.set(row.doc_key, null);
  }

  /**
   * Optimistic change of an inventory the caller read at `inv.version`: false when the transaction
   * already changed it since. The database row is checked against the version read at flush.
   */
  update(inv: CebInventoryRow, changes: Partial<CebInventoryRow>): CebInventoryRow | null {
    const current = this.remember(inv);
    if (current.version !== inv.version) return null;
    const next: CebInventoryRow = { ...current, ...changes, version: current.version + 1 };
    this.inventories.set(inv.doc_key, next);
    return next;
  }

  /** Writes the changed inventories (version-checked) and inserts the new ones. */
  async flush(): Promise<void> {
    const repo = this.repos.ceb;
    const inserted: CebInventoryRow[] = [];
    for (const [key, base] of this.inventoryBase) {
      const row = this.inventories.get(key) as CebInventoryRow;
      if (base === null) inserted.push(row);
      else if (row.version !== base) {
        const { doc_key: _k, version: _v, ...changes } = row;
        const ok = await repo.updateInventory(key, base, changes, row.version);
        if (!ok) throw cebError('CEB_CONCURRENT_CHANGE', { invtNo: row.invt_no });
      }
    }
    await repo.insertInventories(inserted);
  }
}
