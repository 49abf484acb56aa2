import type { Repositories } from '../../db/store';
import type { CebExportInventoryRow } from './ceb.repository';
import { LostRace } from './lost-race';

/**
 * Export inventories as one transaction sees them (read ahead, read, or written by it), each with
 * the version it has in the database. Export units take no set locks, so a row changed or inserted
 * meanwhile by a concurrent batch makes the flush fail as a lost race and the batch is retried.
 */
export class BatchExportInventories {
  private readonly byKey = new Map<string, CebExportInventoryRow | null>();
  private readonly byInvtNo = new Map<string, CebExportInventoryRow | null>();
  /** Version each row has in the database (null: inserted by this batch). */
  private readonly base = new Map<string, number | null>();

  constructor(private readonly repos: Repositories) {}

  private remember(row: CebExportInventoryRow): CebExportInventoryRow {
    const known = this.byKey.get(row.doc_key);
    if (known) return known;
    this.byKey.set(row.doc_key, row);
    this.byInvtNo.set(row.invt_no, row);
    this.base.set(row.doc_key, row.version);
    return row;
  }

  /** Reads, in one statement each, the rows under these keys and invtNos not known yet. */
  async readAhead(input: { docKeys: readonly string[]; invtNos: readonly string[] }): Promise<void> {
    const docKeys = [...new Set(input.docKeys)].filter((k) => !this.byKey.has(k));
    const invtNos = [...new Set(input.invtNos)].filter((n) => !this.byInvtNo.has(n));
    if (docKeys.length === 0 && invtNos.length === 0) return;
    const rows = await this.repos.ceb.findExportInventories({ docKeys, invtNos });
    for (const row of rows) this.remember(row);
    for (const k of docKeys) if (!this.byKey.has(k)) this.byKey.set(k, null);
    for (const n of invtNos) if (!this.byInvtNo.has(n)) this.byInvtNo.set(n, null);
  }

  async get(docKey: string): Promise<CebExportInventoryRow | undefined> {
    if (!this.byKey.has(docKey)) await this.readAhead({ docKeys: [docKey], invtNos: [] });
    return this.byKey.get(docKey) ?? undefined;
  }

  async getByInvtNo(invtNo: string): Promise<CebExportInventoryRow | undefined> {
    if (!this.byInvtNo.has(invtNo)) await this.readAhead({ docKeys: [], invtNos: [invtNo] });
    return this.byInvtNo.get(invtNo) ?? undefined;
  }

  /** Queues a new export inventory (inserted at flush). */
  insert(row: CebExportInventoryRow): void {
    this.byKey.set(row.doc_key, row);
    this.byInvtNo.set(row.invt_no, row);
    this.base.set(row.doc_key, null);
  }

  /** Changes a row as the transaction sees it; null when the caller's copy is out of date. */
  update(row: CebExportInventoryRow, changes: Partial<CebExportInventoryRow>): CebExportInventoryRow | null {
    const current = this.byKey.get(row.doc_key);
    if (!current || current.version !== row.version) return null;
    const next: CebExportInventoryRow = { ...current, ...changes, version: current.version + 1 };
    this.byKey.set(next.doc_key, next);
    this.byInvtNo.set(next.invt_no, next);
    return next;
  }

  /** Inserts the new rows and writes the changed ones, each checked against the version read. */
  async flush(): Promise<void> {
    const repo = this.repos.ceb;
    const inserted: CebExportInventoryRow[] = [];
    // In key order, as the set locks are taken: two batches never wait on each other's rows in turn.
    for (const [key, base] of [...this.base].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const row = this.byKey.get(key) as CebExportInventoryRow;
      if (base === null) inserted.push(row);
      else if (row.version !== base) {
        const { doc_key: _k, version: _v, ...changes } = row;
        if (!(await repo.updateExportInventory(key, base, changes, row.version)))
          throw new LostRace(`export inventory ${row.invt_no}`);
      }
    }
    try {
      await repo.insertExportInventories(inserted);
    } catch (error) {
      // Another transaction inserted the same document's row: retried. The same invtNo under another
      // document is no race but a broken invariant, and fails as itself.
      const e = error as { code?: string; constraint?: string };
      if (e.code === '23505' && e.constraint !== 'ceb_export_inventories_invt_no_key')
        throw new LostRace('an export inventory');
      throw error;
    }
  }
}
