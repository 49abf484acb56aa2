-- Smaller indexes for the CEB tables' look-ups by keys that come in no order. Each insert into such an
-- index lands on a page of its own; once these indexes outgrow shared buffers, every insert reads and
-- writes a page the cache has lost, and a sustained intake slows down (bench:ceb on a server with the
-- default 128 MB of shared buffers: from 450 to 140 sets/s over 20 minutes). Sizes after about 40,000
-- import sets:
--
-- * A document's receipts and status history were indexed by (doc_key, id): every entry distinct,
--   at the fill random inserts leave, 20 and 23 MB. Indexed by doc_key alone, the entries of one
--   document (three to six, written in one transaction) are deduplicated into one: 4-6 MB. Their
--   readers filter by doc_key and sort the few rows by id.
-- * Buyer hashes are 64 characters and nearly all distinct, so a B-tree entry takes about 120 bytes
--   (4.5 MB per table); a hash index stores a 4-byte hash and takes half of that. Buyers are only
--   ever looked up by equality.
--
-- Unique keys, ranges and orderings stay B-trees. The other look-up indexes (order, waybill and
-- invoice numbers) are deduplicated B-trees already as small as a hash index.
-- On a large existing database this migration rebuilds these indexes and blocks writes meanwhile.
drop index ceb_status_history_doc_idx;
drop index ceb_receipts_doc_idx;
create index ceb_status_history_doc_idx on ceb_status_history (doc_key);
create index ceb_receipts_doc_idx on ceb_receipts (doc_key);

drop index ceb_documents_buyer_idx;
drop index ceb_inventories_buyer_idx;
drop index ceb_buyer_usage_entries_buyer_idx;
create index ceb_documents_buyer_idx on ceb_documents using hash (buyer_hash);
create index ceb_inventories_buyer_idx on ceb_inventories using hash (buyer_hash);
create index ceb_buyer_usage_entries_buyer_idx on ceb_buyer_usage_entries using hash (buyer_hash);
