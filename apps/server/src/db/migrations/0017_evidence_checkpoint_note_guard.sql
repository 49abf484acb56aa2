-- A checkpoint row's columns must say what its signed note says, and checkpoints only grow. Before,
-- a row with tree_size 35 could carry the genuine note of size 25: the public route then served the
-- older checkpoint as the latest, packages of the newest entries failed offline, and checkpointing
-- stopped until the next append. Only the note's text is compared here (its size and root lines);
-- its signature is checked by the server before it signs the next one and by evidence:verify.
create or replace function kouan_evidence_checkpoint_insert_guard() returns trigger language plpgsql as $$
declare
  size bigint := kouan_evidence_size();
  latest bigint := (select max(c.tree_size) from evidence_checkpoints c);
begin
  if new.tree_size > size then
    raise exception 'evidence checkpoint of size % refused: the log has only % entries', new.tree_size, size
      using errcode = 'check_violation';
  end if;
  if latest is not null and new.tree_size <= latest then
    raise exception 'evidence checkpoint of size % refused: a checkpoint of size % exists', new.tree_size, latest
      using errcode = 'check_violation';
  end if;
  if split_part(new.note, E'\n', 2) <> new.tree_size::text
    or split_part(new.note, E'\n', 3) <> encode(new.root_hash, 'base64') then
    raise exception 'evidence checkpoint of size % refused: its note is of another size or root', new.tree_size
      using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
