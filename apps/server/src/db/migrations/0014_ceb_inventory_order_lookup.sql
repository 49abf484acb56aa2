-- Inventories by order number alone: the set's read-ahead and the order view look them up by
-- orderNo, which the (ebp_code, order_no) index cannot serve, so each look-up scanned the table.
create index ceb_inventories_order_no_idx on ceb_inventories (order_no);
