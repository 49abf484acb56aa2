import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { HOLDS, MAX_BUNDLE_ENTRIES } from './bundles.repository';

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

/** Entries read out of their bundles: one, a filtered page, or a range for re-verification. */
export function createEvidenceEntriesRepository(db: Kysely<Database>) {
  return {
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

    /**
     * The first bundle whose party index (party_ids, which the GIN index looks parties up by) is not
     * exactly the parties its entries name: a party removed from it would hide entries from that
     * party's list, though every entry still verifies. Undefined when every bundle agrees.
     */
    async firstBundleWithWrongPartyIndex(): Promise<{ firstIdx: number; entryCount: number } | undefined> {
      const rows = await sql<{ first_idx: number | string; entry_count: number }>`
        select b.first_idx, b.entry_count from evidence_bundles b
        where coalesce((select array_agg(distinct p order by p) from unnest(b.parties) as e(ps),
            unnest(string_to_array(nullif(e.ps, ''), ',')) as p), '{}'::text[])
          is distinct from coalesce((select array_agg(distinct p order by p) from unnest(b.party_ids) as p), '{}'::text[])
        order by b.first_idx limit 1`.execute(db);
      const row = rows.rows[0];
      return row && { firstIdx: Number(row.first_idx), entryCount: row.entry_count };
    },
  };
}
