-- Cross-border e-commerce (CEB) messages: intake, business documents (append-only versions), the
-- inventory state machine with its history, receipts, buyer annual usage, document-number uniqueness,
-- reference data (positive list, tax rates) and the bonded account book.

-- Every accepted message; guid is unique per sending organisation (idempotency). The body holds buyers'
-- personal information and is stored encrypted (PiiVault). The first receipt is kept for replays.
create table ceb_messages (
  id text primary key,
  guid text not null,
  sender_org_id text not null references organisations (id),
  sender_party_id text references parties (id),
  cop_code text not null,
  message_type text not null,
  direction text not null check (direction in ('import', 'export')),
  format text not null check (format in ('xml', 'json')),
  unit_count integer not null check (unit_count between 1 and 100),
  received_at timestamptz not null,
  body_enc text not null,
  body_sha256 text not null,
  receipt_id text not null
);
create unique index ceb_messages_sender_guid_key on ceb_messages (sender_org_id, guid);
create index ceb_messages_received_idx on ceb_messages (received_at);
create trigger ceb_messages_append_only before update or delete on ceb_messages
  for each row execute function kouan_refuse_change();

-- One row per business unit and version: appType 1 creates version 1, 2 (change) and 3 (delete) append
-- the next version. Never updated: the current state of a document is its latest version.
create table ceb_documents (
  id text primary key,
  doc_key text not null,
  version integer not null check (version >= 1),
  kind text not null,
  message_id text not null references ceb_messages (id),
  unit_guid text not null,
  app_type text not null check (app_type in ('1', '2', '3')),
  order_no text,
  ebp_code text,
  ebc_code text,
  logistics_code text,
  logistics_no text,
  pay_code text,
  pay_transaction_id text,
  cop_no text,
  invt_no text,
  buyer_hash text,
  party_codes text[] not null,
  data_enc text not null,
  received_at timestamptz not null
);
create unique index ceb_documents_key_version_key on ceb_documents (doc_key, version);
create index ceb_documents_order_idx on ceb_documents (order_no);
create index ceb_documents_logistics_idx on ceb_documents (logistics_no);
create index ceb_documents_invt_idx on ceb_documents (invt_no) where invt_no is not null;
create index ceb_documents_buyer_idx on ceb_documents (buyer_hash) where buyer_hash is not null;
create index ceb_documents_received_idx on ceb_documents (received_at, id);
create trigger ceb_documents_append_only before update or delete on ceb_documents
  for each row execute function kouan_refuse_change();

-- Current state of each import inventory (清单): the matching set it waits for and its customs status.
-- Changes are guarded by `version` and every change appends a row to ceb_status_history.
create table ceb_inventories (
  doc_key text primary key,
  invt_no text not null unique,
  pre_no text not null unique,
  cop_no text not null,
  unit_guid text not null,
  order_no text not null,
  ebp_code text not null,
  ebc_code text not null,
  agent_code text not null,
  logistics_code text not null,
  logistics_no text not null,
  customs_code text not null,
  trade_mode text not null,
  ems_no text,
  buyer_hash text not null,
  usage_year integer,
  usage_amount numeric(19, 5),
  status text not null,
  hold boolean not null default false,
  findings jsonb not null default '[]'::jsonb,
  tax jsonb,
  party_codes text[] not null,
  declared_at timestamptz not null,
  wait_deadline timestamptz,
  updated_at timestamptz not null,
  version integer not null
);
create index ceb_inventories_order_idx on ceb_inventories (ebp_code, order_no);
create index ceb_inventories_waybill_idx on ceb_inventories (logistics_code, logistics_no);
create index ceb_inventories_waiting_idx on ceb_inventories (wait_deadline) where status = '2';
create index ceb_inventories_status_idx on ceb_inventories (status, declared_at);
create index ceb_inventories_buyer_idx on ceb_inventories (buyer_hash);

create table ceb_status_history (
  id text primary key,
  doc_key text not null,
  status text not null,
  previous_status text,
  at timestamptz not null,
  actor_type text not null,
  actor_id text not null,
  request_id text not null,
  reason text,
  receipt_id text
);
create index ceb_status_history_doc_idx on ceb_status_history (doc_key, id);
create trigger ceb_status_history_append_only before update or delete on ceb_status_history
  for each row execute function kouan_refuse_change();

-- Every receipt issued (the first answer to a message and each later status change), XML and JSON.
create table ceb_receipts (
  id text primary key,
  receipt_type text not null,
  guid text not null,
  message_id text,
  doc_key text,
  return_status text not null,
  recipient_codes text[] not null,
  xml text not null,
  json jsonb not null,
  issued_at timestamptz not null
);
create index ceb_receipts_doc_idx on ceb_receipts (doc_key, id);
create index ceb_receipts_recipients_idx on ceb_receipts using gin (recipient_codes);
create trigger ceb_receipts_append_only before update or delete on ceb_receipts
  for each row execute function kouan_refuse_change();

-- Document numbers that must be unique per owner: orderNo per platform, logisticsNo per logistics
-- enterprise within six months (first_seen_at moves only when a number is reused after the window).
create table ceb_doc_numbers (
  kind text not null check (kind in ('order', 'waybill', 'payment', 'inventory')),
  owner_code text not null,
  number text not null,
  doc_key text not null,
  first_seen_at timestamptz not null,
  primary key (kind, owner_code, number)
);

-- Buyer annual usage keyed by the blind index of the buyer's ID number, per calendar year (China time).
-- Changed only by a conditional update that keeps used <= the limit (exact under concurrency).
create table ceb_buyer_usage (
  buyer_hash text not null,
  year integer not null,
  used numeric(19, 5) not null check (used >= 0),
  primary key (buyer_hash, year)
);

create table ceb_buyer_usage_entries (
  id text primary key,
  buyer_hash text not null,
  year integer not null,
  delta numeric(19, 5) not null,
  doc_key text not null,
  reason text not null,
  at timestamptz not null
);
create index ceb_buyer_usage_entries_buyer_idx on ceb_buyer_usage_entries (buyer_hash, year);
create trigger ceb_buyer_usage_entries_append_only before update or delete on ceb_buyer_usage_entries
  for each row execute function kouan_refuse_change();

-- Reference data: the positive list (正面清单) and tax rates by HS code (10-digit code or 8-digit tariff
-- line), with effective dates. An edit
-- is a new row; a withdrawn entry gets effective_to on a new row version (rows are never deleted).
create table ceb_positive_list (
  id text primary key,
  hs_code text not null check (hs_code ~ '^([0-9]{8}|[0-9]{10})$'),
  name text not null,
  note text not null default '',
  effective_from date not null,
  effective_to date,
  created_at timestamptz not null,
  created_by text not null,
  check (effective_to is null or effective_to >= effective_from)
);
create index ceb_positive_list_hs_idx on ceb_positive_list (hs_code, effective_from);

create table ceb_tax_rates (
  id text primary key,
  hs_code text not null check (hs_code ~ '^([0-9]{8}|[0-9]{10})$'),
  name text not null default '',
  vat_rate numeric(9, 6) not null check (vat_rate >= 0 and vat_rate < 1),
  consumption_rate numeric(9, 6) not null check (consumption_rate >= 0 and consumption_rate < 1),
  tariff_rate numeric(9, 6) not null default 0 check (tariff_rate >= 0),
  effective_from date not null,
  effective_to date,
  created_at timestamptz not null,
  created_by text not null,
  check (effective_to is null or effective_to >= effective_from)
);
create index ceb_tax_rates_hs_idx on ceb_tax_rates (hs_code, effective_from);
create trigger ceb_positive_list_append_only before update or delete on ceb_positive_list
  for each row execute function kouan_refuse_change();
create trigger ceb_tax_rates_append_only before update or delete on ceb_tax_rates
  for each row execute function kouan_refuse_change();

-- Bonded account book (保税账册): stock per (emsNo, itemRecordNo), never negative; movements appended.
create table ceb_bonded_stock (
  ems_no text not null,
  item_record_no text not null,
  quantity numeric(19, 5) not null check (quantity >= 0),
  primary key (ems_no, item_record_no)
);

create table ceb_bonded_movements (
  id text primary key,
  ems_no text not null,
  item_record_no text not null,
  delta numeric(19, 5) not null,
  reason text not null,
  doc_key text,
  at timestamptz not null,
  actor_id text not null
);
create index ceb_bonded_movements_item_idx on ceb_bonded_movements (ems_no, item_record_no, id);
create trigger ceb_bonded_movements_append_only before update or delete on ceb_bonded_movements
  for each row execute function kouan_refuse_change();

-- Serial numbers customs assigns: preNo (B + yyyyMMdd + 9 digits) and invtNo (customs area + year + I + 9).
create sequence ceb_serial_seq;
