-- The ledger's tables refused UPDATE, DELETE and TRUNCATE, but not every INSERT that breaks the log:
-- a bundle overlapping others (a second copy of an entry), a node beyond the tree (the append that
-- later completes it fails on the primary key, and with it every state change), or a checkpoint of a
-- size the tree does not have (checkpointing would stop). Each is refused here.

-- The number of entries: the end of the last bundle.
create function kouan_evidence_size() returns bigint language sql stable as $$
  select coalesce((select b.first_idx + b.entry_count from evidence_bundles b order by b.first_idx desc limit 1), 0)
$$;

-- A bundle starts exactly where the log ends: no gap, no overlap.
create function kouan_evidence_bundle_insert_guard() returns trigger language plpgsql as $$
declare
  size bigint := kouan_evidence_size();
begin
  if new.first_idx <> size then
    raise exception 'evidence bundle at % refused: the log ends at %', new.first_idx, size
      using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger evidence_bundles_insert_guard before insert on evidence_bundles
  for each row execute function kouan_evidence_bundle_insert_guard();

-- A node is a complete subtree of the log: node (level, idx) covers leaves
-- [idx * 2^level, (idx + 1) * 2^level), all of which must exist. Checked at commit, when the
-- bundles its transaction appends (in the same statement, recordEvidence) are there.
create function kouan_evidence_node_insert_guard() returns trigger language plpgsql as $$
declare
  size bigint := kouan_evidence_size();
begin
  if new.idx >= (size >> new.level) then
    raise exception 'evidence node (level %, index %) refused: the log has only % entries', new.level, new.idx, size
      using errcode = 'check_violation';
  end if;
  return null;
end;
$$;
create constraint trigger evidence_nodes_insert_guard after insert on evidence_nodes
  deferrable initially deferred
  for each row execute function kouan_evidence_node_insert_guard();

-- A checkpoint is of a size the log has.
create function kouan_evidence_checkpoint_insert_guard() returns trigger language plpgsql as $$
declare
  size bigint := kouan_evidence_size();
begin
  if new.tree_size > size then
    raise exception 'evidence checkpoint of size % refused: the log has only % entries', new.tree_size, size
      using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger evidence_checkpoints_insert_guard before insert on evidence_checkpoints
  for each row execute function kouan_evidence_checkpoint_insert_guard();
