import { HASH_SIZE_BYTES, nodesFromStored, storedRangesFor } from '@kouan/domain/evidence';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/** One advisory lock serialises appends, so entry numbers are gap-free and the tree is consistent. */
const APPEND_LOCK_KEY = 7_301_002;
/** Entries per bundle at most (the table's check constraint; recordEvidence writes slices of 250). */
export const MAX_BUNDLE_ENTRIES = 1000;

export interface EntryRow {
  readonly idx: number;
  readonly kind: string;
  readonly leaf: Uint8Array;
  readonly leafHash: Uint8Array;
  /** From the leaf (`contentHash`); empty when the stored leaf is not readable JSON. */
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

/** One append slice as recordEvidence writes it: a bundle of consecutive entries. */
export interface NewBundle {
  readonly firstIdx: number;
  /** The leaves concatenated (UTF-8 bytes). */
  readonly leaves: Uint8Array;
  /** Cumulative UTF-8 end offset of each leaf in `leaves`. */
  readonly leafEnds: readonly number[];
  /** The leaf hashes concatenated. */
  readonly leafHashes: Uint8Array;
  readonly kinds: readonly string[];
  readonly subjectTypes: readonly string[];
  readonly subjectIds: readonly string[];
  /** '' for none. */
  readonly orgIds: readonly string[];
  /** Each entry's parties joined by ','. */
  readonly parties: readonly string[];
  /** The encrypted documents joined by U+001E (base64 payloads cannot contain it). */
  readonly documents: string;
  readonly recordedAtIso: string;
}

export interface CheckpointRow {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly note: string;
  readonly keyId: string;
  readonly algorithm: string;
  readonly issuedAt: Date;
}

/** A stored entry as read (one element of a bundle), before its metadata is taken from the leaf. */
interface RawEntry {
  idx: number | string;
  kind: string;
  leaf: Uint8Array;
  leaf_hash: Uint8Array;
  subject_type: string;
  subject_id: string;
  org_id: string;
  parties: string;
  recorded_at: Date;
}

interface LeafFields {
  actor?: unknown;
  contentHash?: unknown;
  time?: unknown;
  softwareVersion?: unknown;
}

/**
 * The entry's metadata: lookup columns from the bundle's per-entry arrays, the rest from its leaf
 * (which holds every field). A leaf that is not readable JSON (tampered) still yields a row, so
 * the entry can be shown and evidence:verify can name it.
 */
export function toEntry(row: RawEntry): EntryRow {
  const leaf = Buffer.from(row.leaf);
  let fields: LeafFields = {};
  try {
    fields = JSON.parse(leaf.toString('utf8')) as LeafFields;
  } catch {
    fields = {};
  }
  const actor = typeof fields.actor === 'string' ? fields.actor : ':';
  const split = actor.indexOf(':');
  const time = typeof fields.time === 'string' ? new Date(fields.time) : row.recorded_at;
  return {
    idx: Number(row.idx),
    kind: row.kind,
    leaf,
    leafHash: Buffer.from(row.leaf_hash),
    contentHash:
      typeof fields.contentHash === 'string' ? Buffer.from(fields.contentHash, 'hex') : Buffer.alloc(0),
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    actorType: actor.slice(0, split),
    actorId: actor.slice(split + 1),
    orgId: row.org_id === '' ? null : row.org_id,
    partyIds: row.parties === '' ? [] : row.parties.split(','),
    recordedAt: Number.isNaN(time.getTime()) ? row.recorded_at : time,
    softwareVersion: typeof fields.softwareVersion === 'string' ? fields.softwareVersion : '',
  };
}

/** Entry `i` (1-based, an SQL expression) of bundle `b`: the columns toEntry reads. */
const ENTRY_COLUMNS = (i: string) =>
  sql.raw(`b.first_idx + ${i} - 1 as idx, b.kinds[${i}] as kind,
    substring(b.leaves from coalesce(b.leaf_ends[${i} - 1], 0) + 1
      for b.leaf_ends[${i}] - coalesce(b.leaf_ends[${i} - 1], 0)) as leaf,
    substring(b.leaf_hashes from 32 * (${i} - 1) + 1 for 32) as leaf_hash,
    b.subject_types[${i}] as subject_type, b.subject_ids[${i}] as subject_id, b.org_ids[${i}] as org_id,
    b.parties[${i}] as parties, b.recorded_at`);

/** The bundle holding entry `idx` (bundles hold at most MAX_BUNDLE_ENTRIES, so this is an index range). */
const HOLDS = (idx: number) =>
  sql`b.first_idx <= ${idx} and b.first_idx > ${idx - MAX_BUNDLE_ENTRIES} and b.first_idx + b.entry_count > ${idx}`;

/** A Buffer over the same memory: the driver sends Buffers as binary parameters, without hex. */
const binary = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const UNIT_SEPARATOR = '\u001f';

/**
 * A text[] parameter sent as one string split by the server: joining is far cheaper than the
 * driver's per-element array quoting, and these columns hold identifiers, which never contain
 * U+001F (refused here rather than split wrongly).
 */
function units(values: readonly string[]) {
  if (values.some((value) => value.includes(UNIT_SEPARATOR)))
    throw new Error('evidence lookup values must not contain U+001F');
  // A leading separator, sliced off again, keeps one empty value one element (not an empty array).
  return sql`(string_to_array(${UNIT_SEPARATOR + values.join(UNIT_SEPARATOR)}::text, chr(31)))[2:]`;
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
        .selectFrom('evidence_bundles')
        .select(['first_idx', 'entry_count'])
        .orderBy('first_idx', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? Number(row.first_idx) + row.entry_count : 0;
    },

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

    /**
     * Writes one slice of an append — one bundle row holding its entries and documents, and the
     * stored nodes it completed — as ONE statement: one round trip, so while the server inserts it
     * the caller hashes the next slice. The leaves travel as one text and the hashes as one hex
     * string; per-entry lookup columns as arrays.
     */
    async insertBundle(bundle: NewBundle, nodes: readonly NodeRow[]): Promise<void> {
      const count = bundle.leafEnds.length;
      if (count === 0 || count > MAX_BUNDLE_ENTRIES)
        throw new Error(`1..${MAX_BUNDLE_ENTRIES} entries per bundle`);
      const partyIds = [...new Set(bundle.parties.flatMap((p) => (p === '' ? [] : p.split(','))))];
      await sql`with new_nodes as (
          insert into evidence_nodes (level, idx, hash)
          select level, idx, decode(hash, 'hex') from unnest(${nodes.map((n) => n.level)}::smallint[],
            ${nodes.map((n) => n.index)}::bigint[], ${nodes.map((n) => Buffer.from(n.hash).toString('hex'))}::text[])
            as t(level, idx, hash)
        )
        insert into evidence_bundles (first_idx, entry_count, leaves, leaf_ends, leaf_hashes, kinds, subject_types,
          subject_ids, org_ids, parties, party_ids, documents, recorded_at)
        values (${bundle.firstIdx}, ${count}, ${binary(bundle.leaves)}::bytea,
          string_to_array(${bundle.leafEnds.join(',')}::text, ',')::int[], ${binary(bundle.leafHashes)}::bytea,
          ${units(bundle.kinds)}, ${units(bundle.subjectTypes)}, ${units(bundle.subjectIds)},
          ${units(bundle.orgIds)}, ${units(bundle.parties)}, ${partyIds}::text[], ${bundle.documents}::text,
          ${bundle.recordedAtIso}::timestamptz)`.execute(db);
    },

    async getEntry(idx: number): Promise<EntryRow | undefined> {
      if (!Number.isSafeInteger(idx) || idx < 0) return undefined;
      const rows = await sql<RawEntry>`select ${ENTRY_COLUMNS('b.i')}
        from (select *, (${idx} - first_idx + 1)::int as i from evidence_bundles b where ${HOLDS(idx)}) b`.execute(
        db,
      );
      const row = rows.rows[0];
      return row && toEntry(row);
    },

    /** The encrypted document of entry `idx`; undefined once purged. */
    async getDocumentOf(idx: number): Promise<string | undefined> {
      const rows = await sql<{ document: string }>`select split_part(b.documents, chr(30),
          (${idx} - b.first_idx + 1)::int) as document
        from evidence_bundles b where ${HOLDS(idx)}`.execute(db);
      const document = rows.rows[0]?.document;
      return document === undefined || document === '' ? undefined : document;
    },

    /**
     * Purges the document of entry `idx` at the end of its retention period: the bundle is
     * rewritten with that document blanked, under kouan.allow_document_purge for this statement's
     * transaction (the bundle trigger allows nothing else). The leaf commits only to the document's
     * SHA-256, so the log still verifies. Returns whether the entry exists.
     */
    async purgeDocument(idx: number): Promise<boolean> {
      const result =
        await sql`with allow as (select set_config('kouan.allow_document_purge', 'on', true) as on)
        update evidence_bundles b set documents = (
          select string_agg(case when d.i = ${idx} - b.first_idx + 1 then '' else d.doc end, chr(30) order by d.i)
          from unnest(string_to_array(b.documents || chr(30), chr(30))) with ordinality as d(doc, i)
          where d.i <= b.entry_count)
        from allow where allow.on = 'on' and ${HOLDS(idx)}`.execute(db);
      return Number(result.numAffectedRows ?? 0) > 0;
    },

    /**
     * Newest first. Bundles are found by the GIN indexes (subject, party, organisation) and the
     * primary key (beforeIdx), then their entries are filtered one by one.
     */
    async findEntries(input: {
      subjectType?: string | undefined;
      subjectId?: string | undefined;
      kind?: string | undefined;
      partyId?: string | undefined;
      orgId?: string | undefined;
      beforeIdx?: number | undefined;
      limit: number;
    }): Promise<EntryRow[]> {
      const bundle = [sql`true`];
      const entry = [sql`true`];
      if (input.subjectId) {
        bundle.push(sql`b.subject_ids @> array[${input.subjectId}::text]`);
        entry.push(sql`e.subject_id = ${input.subjectId}`);
      }
      if (input.subjectType) entry.push(sql`e.subject_type = ${input.subjectType}`);
      if (input.kind) entry.push(sql`e.kind = ${input.kind}`);
      if (input.beforeIdx !== undefined) {
        bundle.push(sql`b.first_idx < ${input.beforeIdx}`);
        entry.push(sql`b.first_idx + e.i - 1 < ${input.beforeIdx}`);
      }
      const { partyId, orgId } = input;
      if (partyId !== undefined || orgId !== undefined) {
        bundle.push(
          sql`(${sql.join(
            [
              ...(partyId ? [sql`b.party_ids @> array[${partyId}::text]`] : []),
              ...(orgId ? [sql`b.org_ids @> array[${orgId}::text]`] : []),
            ],
            sql` or `,
          )})`,
        );
        entry.push(
          sql`(${sql.join(
            [
              ...(partyId ? [sql`${partyId}::text = any(string_to_array(e.parties, ','))`] : []),
              ...(orgId ? [sql`e.org_id = ${orgId}`] : []),
            ],
            sql` or `,
          )})`,
        );
      }
      // Bundles are walked newest first a few at a time (doubling), so a page costs the bundles it
      // needs, not every bundle that matches. Within them, first the matching (bundle, position)
      // pairs — no leaf is read for the entries left out — then the page's entries.
      const found: RawEntry[] = [];
      let below: number | undefined;
      for (let take = 4; found.length < input.limit; take = Math.min(take * 2, 256)) {
        const cursor = below === undefined ? sql`true` : sql`b.first_idx < ${below}`;
        const ids = await sql<{ first_idx: number }>`select b.first_idx from evidence_bundles b
          where ${sql.join(bundle, sql` and `)} and ${cursor} order by b.first_idx desc limit ${take}`.execute(
          db,
        );
        if (ids.rows.length === 0) break;
        const firsts = ids.rows.map((r) => Number(r.first_idx));
        const rows = await sql<RawEntry>`select ${ENTRY_COLUMNS('m.i')}
          from (select b.first_idx, e.i::int as i from evidence_bundles b
              cross join lateral unnest(b.kinds, b.subject_types, b.subject_ids, b.org_ids, b.parties)
                with ordinality as e(kind, subject_type, subject_id, org_id, parties, i)
              where b.first_idx = any(${firsts}::bigint[]) and ${sql.join(entry, sql` and `)}
              order by b.first_idx desc, e.i desc limit ${input.limit - found.length}) m
            join evidence_bundles b on b.first_idx = m.first_idx
          order by m.first_idx desc, m.i desc`.execute(db);
        found.push(...rows.rows);
        if (ids.rows.length < take) break;
        below = firsts[firsts.length - 1];
      }
      return found.map(toEntry);
    },

    /**
     * Entries in [from, to), in order, each with its encrypted document (undefined once purged),
     * for re-verification: whole bundles are read and cut here.
     */
    async entriesInRange(
      from: number,
      to: number,
    ): Promise<{ entry: EntryRow; document: string | undefined }[]> {
      const bundles = await db
        .selectFrom('evidence_bundles')
        .selectAll()
        .where('first_idx', '<', to)
        .where('first_idx', '>', from - MAX_BUNDLE_ENTRIES)
        .orderBy('first_idx')
        .execute();
      const out: { entry: EntryRow; document: string | undefined }[] = [];
      for (const b of bundles) {
        const first = Number(b.first_idx);
        const leaves = Buffer.from(b.leaves);
        const hashes = Buffer.from(b.leaf_hashes);
        const documents = b.documents.split('\u001e');
        for (let i = 0; i < b.entry_count; i += 1) {
          const idx = first + i;
          if (idx < from || idx >= to) continue;
          const entry = toEntry({
            idx,
            kind: b.kinds[i] ?? '',
            leaf: leaves.subarray(i === 0 ? 0 : (b.leaf_ends[i - 1] ?? 0), b.leaf_ends[i] ?? 0),
            leaf_hash: hashes.subarray(32 * i, 32 * (i + 1)),
            subject_type: b.subject_types[i] ?? '',
            subject_id: b.subject_ids[i] ?? '',
            org_id: b.org_ids[i] ?? '',
            parties: b.parties[i] ?? '',
            recorded_at: b.recorded_at,
          });
          const document = documents[i];
          out.push({ entry, document: document === undefined || document === '' ? undefined : document });
        }
      }
      return out;
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
