import { HASH_SIZE_BYTES, nodesFromStored, storedRangesFor } from '@kouan/domain/evidence';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/** One advisory lock serialises appends, so entry numbers are gap-free and the tree is consistent. */
const APPEND_LOCK_KEY = 7_301_002;
/** Entries per insert statement (recordEvidence sends slices of 250). */
const INSERT_CHUNK_ROWS = 1000;

export interface EntryRow {
  readonly idx: number;
  readonly kind: string;
  readonly leaf: Uint8Array;
  readonly leafHash: Uint8Array;
  readonly contentHash: Uint8Array;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly orgId: string | null;
  readonly partyIds: readonly string[];
  readonly recordedAt: Date;
  readonly softwareVersion: string;
}

export interface NodeRow {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

/** An entry as recordEvidence writes it: the leaf as its (UTF-8) text, hashes in hex. */
export interface NewEntryRow {
  readonly idx: number;
  readonly kind: string;
  readonly leafText: string;
  readonly leafHashHex: string;
  readonly contentHashHex: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly orgId: string | null;
  readonly partyIds: readonly string[];
  /** ISO 8601 (the same string as the leaf's `time`). */
  readonly recordedAtIso: string;
  readonly softwareVersion: string;
}

export interface DocumentRow {
  readonly contentHashHex: string;
  readonly bodyEnc: string;
  readonly createdAtIso: string;
}

export interface CheckpointRow {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly note: string;
  readonly keyId: string;
  readonly algorithm: string;
  readonly issuedAt: Date;
}

/** U+001E (record separator) joins values that cannot contain it; the server splits them again. */
const SEPARATOR = '\u001e';

function joined(values: readonly string[]): string {
  for (const value of values) {
    if (value.includes(SEPARATOR) || value === '') throw new Error('value cannot travel in a joined column');
  }
  return values.join(SEPARATOR);
}

function toEntry(row: Database['evidence_entries']): EntryRow {
  return {
    idx: row.idx,
    kind: row.kind,
    leaf: Buffer.from(row.leaf),
    leafHash: Buffer.from(row.leaf_hash),
    contentHash: Buffer.from(row.content_hash),
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    actorType: row.actor_type,
    actorId: row.actor_id,
    orgId: row.org_id,
    partyIds: row.party_ids,
    recordedAt: row.recorded_at,
    softwareVersion: row.software_version,
  };
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

export function createEvidenceRepository(db: Kysely<Database>) {
  return {
    /** Must run inside a transaction; held until it commits or rolls back. */
    async lockForAppend(): Promise<void> {
      await sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`.execute(db);
    },

    async treeSize(): Promise<number> {
      const row = await db
        .selectFrom('evidence_entries')
        .select('idx')
        .orderBy('idx', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? row.idx + 1 : 0;
    },

    /**
     * Hashes of the given complete subtrees, keyed `level:index`. Only levels that are multiples
     * of STORED_LEVEL_STEP are stored (level 0 is the entries' leaf hashes); the others are
     * recomputed from the run of stored hashes below them (at most 8 each).
     */
    async getNodes(addresses: readonly { level: number; index: number }[]): Promise<Map<string, Buffer>> {
      const stored = new Map<string, Buffer>();
      const ranges = storedRangesFor(addresses);
      if (ranges.length === 0) return new Map();
      // One round trip, one row per run: the run's hashes concatenated in index order, each run an
      // index range scan (level 0 reads the entries' leaf hashes).
      const rows = await sql<{ level: number; lo: number; hi: number; hashes: Uint8Array | null }>`
        select w.level, w.lo, w.hi, case when w.level = 0
          then (select string_agg(e.leaf_hash, ''::bytea order by e.idx) from evidence_entries e
            where e.idx >= w.lo and e.idx < w.hi)
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

    /**
     * Bulk inserts pass one array per column and `unnest` them: a handful of parameters per
     * statement instead of one per value, which is what makes batched appends fast.
     */
    /**
     * Writes one slice of an append — its entries, the stored nodes it completed and its documents —
     * as ONE statement (data-modifying CTEs): one round trip, so while the server inserts it the
     * caller hashes the next slice. Columns travel as arrays (`unnest`): a handful of parameters
     * instead of one per value. Columns that cannot contain U+001E (canonical JSON escapes every
     * control character; hex, base64 and ISO times have none) travel as one string joined by it
     * and split by the server, which spares the driver escaping every element of a text array;
     * leaves as text and hashes as hex are also far cheaper to pass than bytea arrays.
     * Identical documents share one row (the key is their hash).
     */
    async insertSlice(slice: {
      entries: readonly NewEntryRow[];
      nodes: readonly NodeRow[];
      documents: readonly DocumentRow[];
    }): Promise<void> {
      const { entries, nodes, documents } = slice;
      if (entries.length > INSERT_CHUNK_ROWS)
        throw new Error(`at most ${INSERT_CHUNK_ROWS} entries per slice`);
      const leaves = joined(entries.map((e) => e.leafText));
      await sql`with new_nodes as (
          insert into evidence_nodes (level, idx, hash)
          select level, idx, decode(hash, 'hex') from unnest(${nodes.map((n) => n.level)}::smallint[],
            ${nodes.map((n) => n.index)}::bigint[], ${nodes.map((n) => Buffer.from(n.hash).toString('hex'))}::text[])
            as t(level, idx, hash)
        ), new_documents as (
          insert into evidence_documents (content_hash, body_enc, created_at)
          select decode(content_hash, 'hex'), body_enc, created_at
          from unnest(string_to_array(${joined(documents.map((d) => d.contentHashHex))}::text, chr(30)),
            string_to_array(${joined(documents.map((d) => d.bodyEnc))}::text, chr(30)),
            string_to_array(${joined(documents.map((d) => d.createdAtIso))}::text, chr(30))::timestamptz[])
            as t(content_hash, body_enc, created_at)
          on conflict (content_hash) do nothing
        )
        insert into evidence_entries (idx, kind, leaf, leaf_hash, content_hash, subject_type, subject_id,
          actor_type, actor_id, org_id, party_ids, recorded_at, software_version)
        select idx, kind, convert_to(leaf, 'UTF8'), decode(leaf_hash, 'hex'), decode(content_hash, 'hex'),
          subject_type, subject_id, actor_type, actor_id, org_id, string_to_array(party_ids, ','), recorded_at,
          software_version
        from unnest(${entries.map((e) => e.idx)}::bigint[], ${entries.map((e) => e.kind)}::text[],
          string_to_array(${leaves}::text, chr(30)),
          string_to_array(${joined(entries.map((e) => e.leafHashHex))}::text, chr(30)),
          string_to_array(${joined(entries.map((e) => e.contentHashHex))}::text, chr(30)),
          ${entries.map((e) => e.subjectType)}::text[], ${entries.map((e) => e.subjectId)}::text[],
          ${entries.map((e) => e.actorType)}::text[], ${entries.map((e) => e.actorId)}::text[],
          ${entries.map((e) => e.orgId)}::text[], ${entries.map((e) => e.partyIds.join(','))}::text[],
          string_to_array(${joined(entries.map((e) => e.recordedAtIso))}::text, chr(30))::timestamptz[],
          ${entries.map((e) => e.softwareVersion)}::text[])
          as t(idx, kind, leaf, leaf_hash, content_hash, subject_type, subject_id, actor_type, actor_id, org_id,
            party_ids, recorded_at, software_version)`.execute(db);
    },

    async getEntry(idx: number): Promise<EntryRow | undefined> {
      const row = await db
        .selectFrom('evidence_entries')
        .selectAll()
        .where('idx', '=', idx)
        .executeTakeFirst();
      return row && toEntry(row);
    },

    async getDocument(contentHash: Uint8Array): Promise<string | undefined> {
      const row = await db
        .selectFrom('evidence_documents')
        .select('body_enc')
        .where('content_hash', '=', contentHash)
        .executeTakeFirst();
      return row?.body_enc;
    },

    /** Encrypted documents by content hash (hex keys); purged ones are simply absent. */
    async getDocuments(contentHashes: readonly Uint8Array[]): Promise<Map<string, string>> {
      if (contentHashes.length === 0) return new Map();
      const rows = await db
        .selectFrom('evidence_documents')
        .select(['content_hash', 'body_enc'])
        .where('content_hash', 'in', [...contentHashes])
        .execute();
      return new Map(rows.map((r) => [Buffer.from(r.content_hash).toString('hex'), r.body_enc]));
    },

    async findEntries(input: {
      subjectType?: string | undefined;
      subjectId?: string | undefined;
      kind?: string | undefined;
      partyId?: string | undefined;
      orgId?: string | undefined;
      beforeIdx?: number | undefined;
      limit: number;
    }): Promise<EntryRow[]> {
      let q = db.selectFrom('evidence_entries').selectAll();
      if (input.subjectType) q = q.where('subject_type', '=', input.subjectType);
      if (input.subjectId) q = q.where('subject_id', '=', input.subjectId);
      if (input.kind) q = q.where('kind', '=', input.kind);
      if (input.beforeIdx !== undefined) q = q.where('idx', '<', input.beforeIdx);
      const partyId = input.partyId;
      const orgId = input.orgId;
      if (partyId !== undefined || orgId !== undefined) {
        q = q.where((eb) =>
          eb.or([
            ...(partyId ? [eb(sql.val(partyId), '=', eb.fn.any('party_ids'))] : []),
            ...(orgId ? [eb('org_id', '=', orgId)] : []),
          ]),
        );
      }
      const rows = await q.orderBy('idx', 'desc').limit(input.limit).execute();
      return rows.map(toEntry);
    },

    /** Entries in [from, to), in order, for re-verification. */
    async entriesInRange(from: number, to: number): Promise<EntryRow[]> {
      const rows = await db
        .selectFrom('evidence_entries')
        .selectAll()
        .where('idx', '>=', from)
        .where('idx', '<', to)
        .orderBy('idx')
        .execute();
      return rows.map(toEntry);
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

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
