import { HASH_SIZE_BYTES, nodesFromStored, storedRangesFor } from '@kouan/domain/evidence';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { MAX_BUNDLE_ENTRIES } from './bundles.repository';

export interface NodeRow {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

export interface CheckpointRow {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly note: string;
  readonly keyId: string;
  readonly algorithm: string;
  readonly issuedAt: Date;
}

function toCheckpoint(row: Database['evidence_checkpoints']): CheckpointRow {
  return {
    treeSize: row.tree_size,
    rootHash: Buffer.from(row.root_hash),
    note: row.note,
    keyId: row.key_id,
    algorithm: row.algorithm,
    issuedAt: row.issued_at,
  };
}

/** The Merkle tree: its stored nodes (level 0 from the bundles) and the signed checkpoints of its roots. */
export function createEvidenceTreeRepository(db: Kysely<Database>) {
  return {
    /**
     * Hashes of the given complete subtrees, keyed `level:index`. Only levels that are multiples
     * of STORED_LEVEL_STEP are stored (level 0 is the bundles' leaf hashes); the others are
     * recomputed from the run of stored hashes below them (at most 8 each).
     */
    async getNodes(addresses: readonly { level: number; index: number }[]): Promise<Map<string, Buffer>> {
      const stored = new Map<string, Buffer>();
      const ranges = storedRangesFor(addresses);
      if (ranges.length === 0) return new Map();
      // One round trip, one row per run: the run's hashes concatenated in index order, each run an
      // index range scan (level 0 cuts the leaf hashes out of the one or two bundles holding them).
      const rows = await sql<{ level: number; lo: number; hi: number; hashes: Uint8Array | null }>`
        select w.level, w.lo, w.hi, case when w.level = 0
          then (select string_agg(substring(b.leaf_hashes from 32 * (greatest(w.lo, b.first_idx) - b.first_idx)::int + 1
              for 32 * (least(w.hi, b.first_idx + b.entry_count) - greatest(w.lo, b.first_idx))::int), ''::bytea
              order by b.first_idx)
            from evidence_bundles b
            where b.first_idx < w.hi and b.first_idx > w.lo - ${MAX_BUNDLE_ENTRIES} and b.first_idx + b.entry_count > w.lo)
          else (select string_agg(n.hash, ''::bytea order by n.idx) from evidence_nodes n
            where n.level = w.level and n.idx >= w.lo and n.idx < w.hi) end as hashes
        from unnest(${ranges.map((r) => r.level)}::smallint[], ${ranges.map((r) => r.start)}::bigint[],
          ${ranges.map((r) => r.end)}::bigint[]) as w(level, lo, hi)`.execute(db);
      for (const row of rows.rows) {
        const [level, lo, hi] = [Number(row.level), Number(row.lo), Number(row.hi)];
        const hashes = row.hashes ? Buffer.from(row.hashes) : Buffer.alloc(0);
        // A run with a missing row is left out whole: the nodes above it are then reported missing.
        if (hashes.length !== (hi - lo) * HASH_SIZE_BYTES) continue;
        for (let i = 0; i < hi - lo; i += 1) {
          stored.set(`${level}:${lo + i}`, hashes.subarray(i * HASH_SIZE_BYTES, (i + 1) * HASH_SIZE_BYTES));
        }
      }
      return nodesFromStored(addresses, stored);
    },

    async nodesInRange(level: number, from: number, to: number): Promise<NodeRow[]> {
      const rows = await db
        .selectFrom('evidence_nodes')
        .select(['level', 'idx', 'hash'])
        .where('level', '=', level)
        .where('idx', '>=', from)
        .where('idx', '<', to)
        .orderBy('idx')
        .execute();
      return rows.map((r) => ({ level: r.level, index: r.idx, hash: Buffer.from(r.hash) }));
    },

    async latestCheckpoint(): Promise<CheckpointRow | undefined> {
      const row = await db
        .selectFrom('evidence_checkpoints')
        .selectAll()
        .orderBy('tree_size', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toCheckpoint(row);
    },

    /** The stored checkpoints of sizes in (from, to], smallest first (re-verification reads them by batch). */
    async checkpointsBetween(from: number, to: number): Promise<CheckpointRow[]> {
      const rows = await db
        .selectFrom('evidence_checkpoints')
        .selectAll()
        .where('tree_size', '>', from)
        .where('tree_size', '<=', to)
        .orderBy('tree_size', 'asc')
        .execute();
      return rows.map(toCheckpoint);
    },

    /** A stored node whose leaves reach beyond a log of `size` entries, if there is one. */
    async firstNodeBeyond(size: number): Promise<{ level: number; index: number } | undefined> {
      const row = await sql<{ level: number; idx: string | number }>`select level, idx from evidence_nodes
        where idx >= (${size}::bigint >> level) order by level, idx limit 1`.execute(db);
      const first = row.rows[0];
      return first && { level: Number(first.level), index: Number(first.idx) };
    },

    /** The smallest checkpoint that covers `size` entries. */
    async checkpointCovering(size: number): Promise<CheckpointRow | undefined> {
      const row = await db
        .selectFrom('evidence_checkpoints')
        .selectAll()
        .where('tree_size', '>=', size)
        .orderBy('tree_size', 'asc')
        .limit(1)
        .executeTakeFirst();
      return row && toCheckpoint(row);
    },

    async getCheckpoint(treeSize: number): Promise<CheckpointRow | undefined> {
      const row = await db
        .selectFrom('evidence_checkpoints')
        .selectAll()
        .where('tree_size', '=', treeSize)
        .executeTakeFirst();
      return row && toCheckpoint(row);
    },

    async insertCheckpoint(row: CheckpointRow): Promise<void> {
      await db
        .insertInto('evidence_checkpoints')
        .values({
          tree_size: row.treeSize,
          root_hash: row.rootHash,
          note: row.note,
          key_id: row.keyId,
          algorithm: row.algorithm,
          issued_at: row.issuedAt,
        })
        .onConflict((oc) => oc.column('tree_size').doNothing())
        .execute();
    },
  };
}
