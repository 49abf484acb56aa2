-- A document version's unit (head and lines) is no longer stored a second time.
--
-- Until now every version kept its unit as sealed JSON (`data`, or `data_enc` before 0015) beside
-- the sealed message it came from (ceb_messages.body), which holds the same unit exactly as the
-- enterprise sent it. From now on a version names the unit's place in its message instead
-- (`unit_index`, 0-based, in the order the units appear), and the unit is read from the message
-- body: one copy of the personal information at rest instead of two, and a third fewer bytes per
-- import set. Rows written before keep `data` or `data_enc` as they are (history is not rewritten);
-- every row has exactly one of the three.
alter table ceb_documents add column unit_index smallint;
alter table ceb_documents drop constraint ceb_documents_one_data;
alter table ceb_documents add constraint ceb_documents_one_data
  check (num_nonnulls(data, data_enc, unit_index) = 1 and (unit_index is null or unit_index between 0 and 99));
