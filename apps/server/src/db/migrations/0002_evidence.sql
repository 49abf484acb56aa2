-- Evidence ledger: append-only entries, the RFC 9162 Merkle tree's complete subtrees, the
-- documents the entries commit to, and signed checkpoints. The database itself refuses edits.

create table evidence_entries (
  idx bigint primary key check (idx >= 0),
  kind text not null,
  leaf bytea not null,
  leaf_hash bytea not null,
  content_hash bytea not null,
  subject_type text not null,
  subject_id text not null,
  actor_type text not null,
  actor_id text not null,
  org_id text,
  party_ids text[] not null,
  recorded_at timestamptz not null,
  software_version text not null
);
create index evidence_entries_subject_idx on evidence_entries (subject_type, subject_id);
create index evidence_entries_parties_idx on evidence_entries using gin (party_ids);

-- Complete subtrees of level >= 1: node (level, idx) covers leaves [idx * 2^level, (idx + 1) * 2^level).
-- Level 0 (the leaf hashes) lives in evidence_entries.leaf_hash.
create table evidence_nodes (
  level smallint not null check (level between 1 and 62),
  idx bigint not null check (idx >= 0),
  hash bytea not null,
  primary key (level, idx)
);

create table evidence_documents (
  content_hash bytea primary key,
  body_enc text not null,
  created_at timestamptz not null
);

create table evidence_checkpoints (
  tree_size bigint primary key check (tree_size >= 0),
  root_hash bytea not null,
  note text not null,
  key_id text not null,
  algorithm text not null,
  issued_at timestamptz not null
);

create trigger evidence_entries_append_only before update or delete on evidence_entries
  for each row execute function kouan_refuse_change();
create trigger evidence_nodes_append_only before update or delete on evidence_nodes
  for each row execute function kouan_refuse_change();
create trigger evidence_checkpoints_append_only before update or delete on evidence_checkpoints
  for each row execute function kouan_refuse_change();
create trigger evidence_entries_no_truncate before truncate on evidence_entries
  for each statement execute function kouan_refuse_change();
create trigger evidence_nodes_no_truncate before truncate on evidence_nodes
  for each statement execute function kouan_refuse_change();
create trigger evidence_checkpoints_no_truncate before truncate on evidence_checkpoints
  for each statement execute function kouan_refuse_change();

-- Documents may only be purged at the end of their retention period, by the purge job, which
-- sets kouan.allow_document_purge for its own transaction. They are never updated.
create function kouan_evidence_document_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('kouan.allow_document_purge', true) = 'on' then
    return old;
  end if;
  raise exception 'KOUAN_APPEND_ONLY: % on % is not allowed; history is appended, never edited', tg_op, tg_table_name
    using errcode = 'P0001';
end;
$$;
create trigger evidence_documents_guard before update or delete on evidence_documents
  for each row execute function kouan_evidence_document_guard();
