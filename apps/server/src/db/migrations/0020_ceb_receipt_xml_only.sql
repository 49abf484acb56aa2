-- A receipt is stored once, as the XML Kouan sent (`xml`).
--
-- Its JSON form (`json`) was a second copy of the same content: it is read back from the XML when
-- asked for (`cebReceiptJson`, which the domain tests against the JSON built with every receipt
-- type). New rows leave `json` null; rows written before keep theirs (history is not rewritten).
alter table ceb_receipts alter column json drop not null;
