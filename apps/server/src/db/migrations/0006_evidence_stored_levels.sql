-- Evidence ledger: keep the Merkle nodes of every 4th level only (levels 4, 8, 12, …; level 0 is
-- evidence_entries.leaf_hash). The levels in between are recomputed from at most 8 stored hashes
-- each (see packages/domain/src/evidence/stored-levels.ts), which cuts the node rows written per
-- entry from about 1 to about 1/15 — the batched append rate was bounded by rows per entry.
--
-- The removed rows are derived data: each is SHA-256 of stored children and is recomputed, and
-- checked against the stored levels, by every proof and by `npm run evidence:verify`. The
-- append-only trigger is lifted for this one statement inside the migration's transaction only.

alter table evidence_nodes disable trigger evidence_nodes_append_only;
delete from evidence_nodes where level % 4 <> 0;
alter table evidence_nodes enable trigger evidence_nodes_append_only;

-- The database now refuses a node at a level that is not stored.
alter table evidence_nodes add constraint evidence_nodes_stored_level check (level % 4 = 0);
