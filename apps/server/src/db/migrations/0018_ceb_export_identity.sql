-- Export documents keep their numbers across versions, and an export inventory (CEB603) has a state
-- the export cross-checks read.
--
-- The e-port's number (preNo, 电子口岸标识唯一编号) each document version was answered with. A change
-- (appType 2) or a delete (3) is answered with the number its document was given, not a new one.
-- Written for the documents whose receipts carry a preNo (inventories and their cancels and returns,
-- warehouse entries, the export arrival, departure, waybill list and summary); rows written before
-- this migration have none (history is not rewritten) and their next version gets one.
alter table ceb_documents add column pre_no text;

-- The current state of each export inventory: declared (120, as its CEB604 answered), deleted by its
-- own appType 3, or cancelled by an accepted CEB605. Its invtNo is issued once and kept through
-- changes; a cancel (CEB605), a waybill list (CEB607) or a summary (CEB701) naming it is checked
-- against this row. Only what those checks need: the document itself is in ceb_documents, every
-- change of state appends a row to ceb_status_history (with who, when and why) and `version` guards
-- concurrent changes (export units take no set locks).
create table ceb_export_inventories (
  doc_key text primary key,
  invt_no text not null unique,
  status text not null check (status in ('120', 'deleted', 'cancelled')),
  party_codes text[] not null,
  updated_at timestamptz not null,
  version integer not null check (version >= 1)
);

-- Before this migration a CEB603 could keep the invtNo its message gave, so two documents may share
-- one. Kouan could then not tell which inventory a cancel names: the migration stops and names them,
-- rather than keeping one and dropping the other's state (nothing is changed until they are resolved).
do $$
declare
  shared text;
begin
  select string_agg(format('%s (%s)', l.invt_no, l.keys), '; ') into shared
  from (
    select invt_no, string_agg(doc_key, ', ' order by doc_key) as keys
    from (select distinct on (doc_key) doc_key, invt_no from ceb_documents
          where kind = 'export_inventory' and invt_no is not null order by doc_key, version desc) as latest
    group by invt_no having count(*) > 1) as l;
  if shared is not null then
    raise exception 'migration 0018: export inventories share an invtNo: %', shared
      using hint = 'each export inventory needs its own invtNo before its state can be kept; see docs/ceb.md';
  end if;
end;
$$;

-- Export inventories stored before this migration take their state from their documents: deleted
-- when the latest version is a delete, cancelled when a cancel (CEB605) that was not deleted names
-- them, declared otherwise. Their history rows start with their next change.
insert into ceb_export_inventories (doc_key, invt_no, status, party_codes, updated_at, version)
select d.doc_key, d.invt_no,
  case
    when d.app_type = '3' then 'deleted'
    when exists (
      select 1 from (
        select distinct on (c.doc_key) c.app_type from ceb_documents c
        where c.invt_no = d.invt_no and c.kind = 'export_cancel'
        order by c.doc_key, c.version desc) as cancel
      where cancel.app_type <> '3') then 'cancelled'
    else '120'
  end,
  d.party_codes, d.received_at, 1
from (
  select distinct on (doc_key) * from ceb_documents
  where kind = 'export_inventory' and invt_no is not null
  order by doc_key, version desc) as d
order by d.received_at, d.doc_key;
