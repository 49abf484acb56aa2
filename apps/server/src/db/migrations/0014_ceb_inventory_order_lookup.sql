-- Inventories are looked up by order number alone (the batch read-ahead, the order view, queries)
-- and by logistics number alone (queries), which the (ebp_code, order_no) and (logistics_code,
-- logistics_no) indexes cannot serve: each such look-up scanned the table, longer as it grew. No
-- query filters on the platform or logistics code first, so those two indexes are replaced.
drop index ceb_inventories_order_idx;
drop index ceb_inventories_waybill_idx;
create index ceb_inventories_order_no_idx on ceb_inventories (order_no);
create index ceb_inventories_logistics_no_idx on ceb_inventories (logistics_no);
-- The inventory list's order (newest first), so a page need not sort the table.
create index ceb_inventories_declared_idx on ceb_inventories (declared_at, doc_key);
