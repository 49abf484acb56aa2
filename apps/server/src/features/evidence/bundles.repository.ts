import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { NodeRow } from './tree.repository';

/** One advisory lock serialises appends, so entry numbers are gap-free and the tree is consistent. */
const APPEND_LOCK_KEY = 7_301_002;
/** Entries per bundle at most (the table's check constraint; recordEvidence writes slices of 250). */
export const MAX_BUNDLE_ENTRIES = 1000;

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
  /** Every party of the bundle once. */
  readonly partyIds: readonly string[];
  /** The encrypted documents joined by U+001E (base64 payloads cannot contain it). */
  readonly documents: string;
  readonly recordedAtIso: string;
}

/** The bundle holding entry `idx` (bundles hold at most MAX_BUNDLE_ENTRIES, so this is an index range). */
export const HOLDS = (idx: number) =>
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

/** Appends: the lock that serialises them, the tree size, the bundle rows, and document purges. */
export function createEvidenceBundlesRepository(db: Kysely<Database>) {
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
     * Writes one slice of an append — one bundle row holding its entries and documents, and the
     * stored nodes it completed — as ONE statement: one round trip, so while the server inserts it
     * the caller hashes the next slice. The leaves travel as one text and the hashes as one hex
     * string; per-entry lookup columns as arrays.
     */
    async insertBundle(bundle: NewBundle, nodes: readonly NodeRow[]): Promise<void> {
      const count = bundle.leafEnds.length;
      if (count === 0 || count > MAX_BUNDLE_ENTRIES)
        throw new Error(`1..${MAX_BUNDLE_ENTRIES} entries per bundle`);
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
          ${units(bundle.orgIds)}, ${units(bundle.parties)}, ${bundle.partyIds}::text[], ${bundle.documents}::text,
          ${bundle.recordedAtIso}::timestamptz)`.execute(db);
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
  };
}
