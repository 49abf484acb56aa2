-- Evidence ledger: the entries and documents of one append slice (at most 1,000 consecutive
-- entries) are stored in ONE row, a bundle, instead of one entry row and one document row each.
-- A batched append wrote ~2 rows and ~4 index entries per entry; it now writes 1/250 of a row,
-- which cut the database's CPU per entry by about 3-4x (see docs/evidence.md).
--
-- Entry i of a bundle (0-based, its index is first_idx + i):
--   leaf bytes       substring(leaves from leaf_ends[i] + 1 for leaf_ends[i + 1] - leaf_ends[i])
--                    (leaf_ends[0] = 0 is implied; leaf_ends holds the cumulative end offsets)
--   leaf hash        substring(leaf_hashes from 32 * i + 1 for 32)
--   document         element i + 1 of documents split on U+001E ('' once purged)
--   kind, subject, organisation ('' for none), parties (joined by ',') from the per-entry arrays,
--   which exist for lookups; the leaf itself stays the committed record.
-- leaves, leaf_hashes and documents are stored uncompressed out of line (storage external), so a
-- proof or an entry read fetches only the chunks it needs. Nodes stay in evidence_nodes.

create table evidence_bundles (
  first_idx bigint primary key check (first_idx >= 0),
  entry_count int not null check (entry_count between 1 and 1000),
  leaves bytea not null,
  leaf_ends int[] not null check (cardinality(leaf_ends) = entry_count),
  leaf_hashes bytea not null check (octet_length(leaf_hashes) = 32 * entry_count),
  kinds text[] not null check (cardinality(kinds) = entry_count),
  subject_types text[] not null check (cardinality(subject_types) = entry_count),
  subject_ids text[] not null check (cardinality(subject_ids) = entry_count),
  org_ids text[] not null check (cardinality(org_ids) = entry_count),
  parties text[] not null check (cardinality(parties) = entry_count),
  -- Every party of the bundle once: what the GIN index looks parties up by.
  party_ids text[] not null,
  documents text not null,
  recorded_at timestamptz not null
);
alter table evidence_bundles
  alter column leaves set storage external,
  alter column leaf_hashes set storage external,
  alter column documents set storage external;
-- fastupdate off: a lookup does not scan a pending list of recent keys (up to 4 MB by default);
-- a bundle's keys go into the index as it is inserted.
create index evidence_bundles_subjects_idx on evidence_bundles using gin (subject_ids) with (fastupdate = off);
create index evidence_bundles_parties_idx on evidence_bundles using gin (party_ids) with (fastupdate = off);
create index evidence_bundles_orgs_idx on evidence_bundles using gin (org_ids) with (fastupdate = off);

-- Convert the rows of 0002/0006: consecutive runs of 250 entries become one bundle each, with the
-- documents they commit to (a purged document becomes '').
insert into evidence_bundles (first_idx, entry_count, leaves, leaf_ends, leaf_hashes, kinds, subject_types,
  subject_ids, org_ids, parties, party_ids, documents, recorded_at)
select min(e.idx), count(*)::int, string_agg(e.leaf, ''::bytea order by e.idx),
  array_agg(e.leaf_end::int order by e.idx), string_agg(e.leaf_hash, ''::bytea order by e.idx),
  array_agg(e.kind order by e.idx), array_agg(e.subject_type order by e.idx),
  array_agg(e.subject_id order by e.idx), array_agg(coalesce(e.org_id, '') order by e.idx),
  array_agg(array_to_string(e.party_ids, ',') order by e.idx),
  array(select distinct p from evidence_entries x, unnest(x.party_ids) as p where x.idx / 250 = e.bundle order by p),
  string_agg(e.document, chr(30) order by e.idx), min(e.recorded_at)
from (
  select e.*, e.idx / 250 as bundle, coalesce(d.body_enc, '') as document,
    sum(octet_length(e.leaf)) over (partition by e.idx / 250 order by e.idx) as leaf_end
  from evidence_entries e left join evidence_documents d on d.content_hash = e.content_hash
) e
group by e.bundle;

do $$
begin
  if (select coalesce(sum(entry_count), 0) from evidence_bundles) <> (select count(*) from evidence_entries) then
    raise exception 'evidence bundles do not hold every entry';
  end if;
end;
$$;

drop table evidence_entries;
drop table evidence_documents;
drop function kouan_evidence_document_guard();

-- The one change allowed: the purge job, under kouan.allow_document_purge for its own
-- transaction, blanks documents (element by element) at the end of their retention period. The
-- leaves commit only to each document's SHA-256, so the log still verifies. Everything else in a
-- bundle is refused, and bundles are never deleted.
create function kouan_evidence_bundle_guard() returns trigger language plpgsql as $$
declare
  old_docs text[];
  new_docs text[];
begin
  if tg_op = 'UPDATE' and current_setting('kouan.allow_document_purge', true) = 'on'
    and (new.first_idx, new.entry_count, new.leaves, new.leaf_ends, new.leaf_hashes, new.kinds,
      new.subject_types, new.subject_ids, new.org_ids, new.parties, new.party_ids, new.recorded_at)
      is not distinct from (old.first_idx, old.entry_count, old.leaves, old.leaf_ends, old.leaf_hashes,
      old.kinds, old.subject_types, old.subject_ids, old.org_ids, old.parties, old.party_ids, old.recorded_at)
  then
    -- The trailing separator keeps a lone purged document ('') an element rather than no array.
    old_docs := string_to_array(old.documents || chr(30), chr(30));
    new_docs := string_to_array(new.documents || chr(30), chr(30));
    if cardinality(old_docs) = cardinality(new_docs) and not exists (
      select 1 from unnest(old_docs, new_docs) as d(was, now) where d.now <> d.was and d.now <> ''
    ) then
      return new;
    end if;
  end if;
  raise exception 'KOUAN_APPEND_ONLY: % on % is not allowed; history is appended, never edited', tg_op, tg_table_name
    using errcode = 'P0001';
end;
$$;
create trigger evidence_bundles_guard before update or delete on evidence_bundles
  for each row execute function kouan_evidence_bundle_guard();
create trigger evidence_bundles_no_truncate before truncate on evidence_bundles
  for each statement execute function kouan_refuse_change();

-- One row per entry with the columns of the former table, for reading and counting in SQL (the
-- append path and the API read the bundles directly). The columns the bundle does not keep
-- (content hash, actor, time, software version) are read from the leaf, only when selected.
-- Edits through the view are refused like edits of the old table.
create view evidence_entries as
select x.idx, x.kind, x.leaf, x.leaf_hash,
  decode(convert_from(x.leaf, 'UTF8')::jsonb ->> 'contentHash', 'hex') as content_hash,
  x.subject_type, x.subject_id,
  split_part(convert_from(x.leaf, 'UTF8')::jsonb ->> 'actor', ':', 1) as actor_type,
  substr(convert_from(x.leaf, 'UTF8')::jsonb ->> 'actor',
    strpos(convert_from(x.leaf, 'UTF8')::jsonb ->> 'actor', ':') + 1) as actor_id,
  x.org_id, x.party_ids,
  (convert_from(x.leaf, 'UTF8')::jsonb ->> 'time')::timestamptz as recorded_at,
  convert_from(x.leaf, 'UTF8')::jsonb ->> 'softwareVersion' as software_version
from (
  select b.first_idx + e.i - 1 as idx, e.kind,
    substring(b.leaves from coalesce(b.leaf_ends[e.i::int - 1], 0) + 1
      for b.leaf_ends[e.i::int] - coalesce(b.leaf_ends[e.i::int - 1], 0)) as leaf,
    substring(b.leaf_hashes from 32 * (e.i::int - 1) + 1 for 32) as leaf_hash,
    e.subject_type, e.subject_id, nullif(e.org_id, '') as org_id,
    string_to_array(e.parties, ',') as party_ids
  from evidence_bundles b
    cross join lateral unnest(b.kinds, b.subject_types, b.subject_ids, b.org_ids, b.parties)
      with ordinality as e(kind, subject_type, subject_id, org_id, parties, i)
) x;
create trigger evidence_entries_append_only instead of update or delete on evidence_entries
  for each row execute function kouan_refuse_change();
