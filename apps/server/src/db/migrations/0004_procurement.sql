-- Market procurement trade (1039): goods catalogue, purchaser files, bad-purchaser list, transaction
-- registration with append-only status history, consolidation (containers, packing lines),
-- reference data (dated exchange rates, HS rules), declarations with clearance history, FX
-- collection, VAT-exemption filings. History tables refuse UPDATE/DELETE (kouan_refuse_change).
-- Quantities are numeric(19,5) (CEB decimal), amounts numeric(19,2), read back as exact strings.

create table procurement_attachments (
  id text primary key,
  owner_type text not null,
  owner_id text not null,
  file_name text not null,
  media_type text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes integer not null check (size_bytes >= 0),
  content bytea not null,
  created_at timestamptz not null,
  created_by text not null
);
create index procurement_attachments_owner_idx on procurement_attachments (owner_type, owner_id);
create trigger procurement_attachments_append_only before update or delete on procurement_attachments
  for each row execute function kouan_refuse_change();

create table procurement_products (
  id text primary key,
  supplier_id text not null references parties (id),
  name text not null,
  hs_code text not null check (hs_code ~ '^[0-9]{6,10}$'),
  unit text not null,
  reference_price numeric(19, 5) not null check (reference_price >= 0),
  currency text not null,
  brand text,
  brand_authorisation_ref text,
  brand_authorisation_sha256 text,
  manufacturer_id text references parties (id),
  created_at timestamptz not null,
  created_by text not null,
  check (brand is null or (brand_authorisation_ref is not null and brand_authorisation_sha256 is not null))
);
create index procurement_products_supplier_idx on procurement_products (supplier_id, created_at);

create table procurement_purchaser_files (
  id text primary key,
  purchaser_id text not null references parties (id),
  operator_id text not null references parties (id),
  agreement_no text not null,
  agreement_sha256 text not null check (agreement_sha256 ~ '^[0-9a-f]{64}$'),
  signed_on date not null,
  valid_until date,
  created_at timestamptz not null,
  created_by text not null
);
create unique index procurement_purchaser_files_key on procurement_purchaser_files (operator_id, purchaser_id);
create index procurement_purchaser_files_purchaser_idx on procurement_purchaser_files (purchaser_id);

-- 不良采购商: additions and removals are entries; the latest entry per purchaser is in force.
create table procurement_bad_purchasers (
  id bigint generated always as identity primary key,
  purchaser_id text not null references parties (id),
  action text not null check (action in ('add', 'remove')),
  reason text not null,
  at timestamptz not null,
  actor_id text not null,
  org_id text
);
create index procurement_bad_purchasers_purchaser_idx on procurement_bad_purchasers (purchaser_id, id);
create trigger procurement_bad_purchasers_append_only before update or delete on procurement_bad_purchasers
  for each row execute function kouan_refuse_change();

create table procurement_transactions (
  id text primary key,
  zone_id text not null references market_zones (id),
  stall_no text not null,
  supplier_id text not null references parties (id),
  purchaser_id text not null references parties (id),
  operator_id text not null references parties (id),
  currency text not null,
  total_amount numeric(19, 2) not null,
  payment_method text not null,
  trade_date date not null,
  status text not null check (status in ('registered', 'consolidated', 'declared', 'cleared', 'fx_collected',
    'vat_exemption_declared')),
  registered_at timestamptz not null,
  registered_by text not null,
  registered_by_org text,
  version integer not null
);
create index procurement_transactions_supplier_idx on procurement_transactions (supplier_id, registered_at);
create index procurement_transactions_operator_idx on procurement_transactions (operator_id, registered_at);
create index procurement_transactions_purchaser_idx on procurement_transactions (purchaser_id, registered_at);
create index procurement_transactions_registered_idx on procurement_transactions (registered_at, id);

create table procurement_transaction_lines (
  id text primary key,
  transaction_id text not null references procurement_transactions (id),
  line_no integer not null,
  product_id text not null references procurement_products (id),
  quantity numeric(19, 5) not null check (quantity > 0),
  unit_price numeric(19, 5) not null check (unit_price >= 0),
  amount numeric(19, 2) not null check (amount >= 0),
  packed_quantity numeric(19, 5) not null default 0,
  check (packed_quantity >= 0 and packed_quantity <= quantity),
  unique (transaction_id, line_no)
);

create table procurement_transaction_events (
  id bigint generated always as identity primary key,
  transaction_id text not null references procurement_transactions (id),
  from_status text,
  to_status text not null,
  at timestamptz not null,
  actor_id text not null,
  org_id text,
  reference text
);
create index procurement_transaction_events_tx_idx on procurement_transaction_events (transaction_id, id);
create trigger procurement_transaction_events_append_only before update or delete
  on procurement_transaction_events for each row execute function kouan_refuse_change();

create table procurement_containers (
  id text primary key,
  container_no text not null,
  seal_no text not null,
  operator_id text not null references parties (id),
  gross_weight_kg numeric(19, 3) not null check (gross_weight_kg > 0),
  net_weight_kg numeric(19, 3) not null check (net_weight_kg > 0),
  status text not null check (status in ('packed', 'declared')),
  created_at timestamptz not null,
  created_by text not null,
  check (net_weight_kg <= gross_weight_kg)
);
create unique index procurement_containers_open_key on procurement_containers (container_no) where status = 'packed';
create index procurement_containers_operator_idx on procurement_containers (operator_id, created_at);

create table procurement_packing_lines (
  id text primary key,
  container_id text not null references procurement_containers (id),
  transaction_line_id text not null references procurement_transaction_lines (id),
  transaction_id text not null references procurement_transactions (id),
  quantity numeric(19, 5) not null check (quantity > 0),
  unique (container_id, transaction_line_id)
);
create index procurement_packing_lines_tx_idx on procurement_packing_lines (transaction_id);
create index procurement_packing_lines_line_idx on procurement_packing_lines (transaction_line_id);

-- Reference data kept by regulators: rows are appended; the latest recorded row for a
-- (currency, effective_from) is in force from that day until the next effective_from.
create table procurement_exchange_rates (
  id bigint generated always as identity primary key,
  currency text not null,
  effective_from date not null,
  rate numeric(19, 6) not null check (rate > 0),
  rate_unit integer not null check (rate_unit in (1, 100)),
  recorded_at timestamptz not null,
  recorded_by text not null
);
create index procurement_exchange_rates_idx on procurement_exchange_rates (currency, effective_from, id);
create trigger procurement_exchange_rates_append_only before update or delete on procurement_exchange_rates
  for each row execute function kouan_refuse_change();

-- HS rules: prohibited/restricted (refused), export duty and legal inspection (never merged).
create table procurement_hs_rules (
  id bigint generated always as identity primary key,
  hs_prefix text not null check (hs_prefix ~ '^[0-9]{2,10}$'),
  rule text not null check (rule in ('prohibited', 'restricted', 'export_duty', 'legal_inspection')),
  action text not null check (action in ('add', 'remove')),
  reason text not null,
  at timestamptz not null,
  actor_id text not null
);
create index procurement_hs_rules_idx on procurement_hs_rules (hs_prefix, rule, id);
create trigger procurement_hs_rules_append_only before update or delete on procurement_hs_rules
  for each row execute function kouan_refuse_change();

create sequence procurement_declaration_seq;

create table procurement_declarations (
  id text primary key,
  declaration_no text not null unique,
  customs_entry_no text unique,
  container_id text not null references procurement_containers (id),
  operator_id text not null references parties (id),
  broker_id text not null references parties (id),
  purchaser_id text not null references parties (id),
  part_index integer not null,
  part_count integer not null,
  total_value_usd numeric(19, 2) not null check (total_value_usd >= 0),
  limit_usd numeric(19, 2) not null,
  rate_date date not null,
  simplified boolean not null,
  lines jsonb not null,
  status text not null check (status in ('generated', 'declared', 'released', 'inspected', 'rejected')),
  created_at timestamptz not null,
  created_by text not null,
  cleared_at timestamptz,
  version integer not null,
  check (total_value_usd <= limit_usd)
);
create index procurement_declarations_container_idx on procurement_declarations (container_id);
create index procurement_declarations_cleared_idx on procurement_declarations (cleared_at) where cleared_at is not null;

create table procurement_declaration_items (
  declaration_id text not null references procurement_declarations (id),
  packing_line_id text not null references procurement_packing_lines (id),
  transaction_id text not null references procurement_transactions (id),
  quantity numeric(19, 5) not null,
  value_usd numeric(19, 2) not null,
  part_index integer,
  part_count integer,
  primary key (declaration_id, packing_line_id)
);
create index procurement_declaration_items_tx_idx on procurement_declaration_items (transaction_id);

-- Everyone a declaration involves, for "all declarations of a party" in one index range.
create table procurement_declaration_parties (
  party_id text not null references parties (id),
  declaration_id text not null references procurement_declarations (id),
  role text not null check (role in ('operator', 'broker', 'purchaser', 'supplier', 'manufacturer')),
  primary key (party_id, declaration_id, role)
);
create index procurement_declaration_parties_decl_idx on procurement_declaration_parties (declaration_id);

create table procurement_declaration_events (
  id bigint generated always as identity primary key,
  declaration_id text not null references procurement_declarations (id),
  action text not null check (action in ('generated', 'declared', 'released', 'inspected', 'rejected')),
  at timestamptz not null,
  actor_id text not null,
  org_id text,
  customs_entry_no text,
  note text
);
create index procurement_declaration_events_decl_idx on procurement_declaration_events (declaration_id, id);
create trigger procurement_declaration_events_append_only before update or delete
  on procurement_declaration_events for each row execute function kouan_refuse_change();

create table procurement_fx_collections (
  id text primary key,
  declaration_id text not null references procurement_declarations (id),
  transaction_id text not null references procurement_transactions (id),
  bank_reference text not null,
  payer_role text not null check (payer_role in ('operator', 'supplier', 'purchaser')),
  recorded_for_party_id text not null references parties (id),
  amount numeric(19, 2) not null check (amount > 0),
  currency text not null,
  amount_usd numeric(19, 2) not null,
  expected_usd numeric(19, 2) not null,
  over_collected boolean not null,
  credited_on date not null,
  created_at timestamptz not null,
  created_by text not null
);
create unique index procurement_fx_collections_tx_key on procurement_fx_collections (transaction_id);
create unique index procurement_fx_collections_bank_key on procurement_fx_collections (bank_reference);
create index procurement_fx_collections_decl_idx on procurement_fx_collections (declaration_id);
create trigger procurement_fx_collections_append_only before update or delete on procurement_fx_collections
  for each row execute function kouan_refuse_change();

create table procurement_vat_filings (
  id text primary key,
  supplier_id text not null references parties (id),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  due_on date not null,
  transaction_count integer not null,
  total_amount_cny numeric(19, 2) not null,
  status text not null check (status in ('pending', 'declared')),
  generated_at timestamptz not null,
  declared_at timestamptz,
  declared_by text,
  version integer not null,
  unique (supplier_id, period)
);
create index procurement_vat_filings_period_idx on procurement_vat_filings (period, status);

create table procurement_vat_filing_items (
  filing_id text not null references procurement_vat_filings (id),
  transaction_id text not null references procurement_transactions (id) unique,
  primary key (filing_id, transaction_id)
);

-- Reference data shipped with the platform (customs monthly rates, CNY per 100 units, 2026) and
-- the first HS rules; regulators append corrections and new months while running.
insert into procurement_exchange_rates (currency, effective_from, rate, rate_unit, recorded_at, recorded_by) values
  ('USD', '2026-01-01', 709.87, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-02-01', 710.12, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-03-01', 711.05, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-04-01', 712.4, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-05-01', 713.2, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-06-01', 714.51, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-07-01', 716.02, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-08-01', 715.33, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-09-01', 713.8, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-10-01', 712.95, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-11-01', 711.6, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('USD', '2026-12-01', 710.88, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-01-01', 771.2, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-02-01', 775.43, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-03-01', 779.88, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-04-01', 784.1, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-05-01', 790.35, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-06-01', 795.02, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-07-01', 801.44, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-08-01', 806.71, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-09-01', 812.03, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-10-01', 815.27, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-11-01', 818.4, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('EUR', '2026-12-01', 820.15, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-01-01', 902.11, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-02-01', 905.6, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-03-01', 910.42, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-04-01', 913.77, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-05-01', 918.05, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-06-01', 921.64, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-07-01', 925.3, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-08-01', 928.91, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-09-01', 931.48, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-10-01', 934.2, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-11-01', 936.02, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('GBP', '2026-12-01', 937.55, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-01-01', 4.8123, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-02-01', 4.796, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-03-01', 4.8455, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-04-01', 4.883, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-05-01', 4.9102, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-06-01', 4.8871, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-07-01', 4.854, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-08-01', 4.8309, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-09-01', 4.8012, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-10-01', 4.7785, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-11-01', 4.755, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('JPY', '2026-12-01', 4.7402, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-01-01', 91.1, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-02-01', 91.15, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-03-01', 91.27, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-04-01', 91.43, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-05-01', 91.52, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-06-01', 91.7, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-07-01', 91.9, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-08-01', 91.84, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-09-01', 91.63, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-10-01', 91.52, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-11-01', 91.38, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('HKD', '2026-12-01', 91.3, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-01-01', 8.612, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-02-01', 8.7054, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-03-01', 8.8211, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-04-01', 8.9402, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-05-01', 9.0115, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-06-01', 9.0833, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-07-01', 9.122, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-08-01', 9.0514, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-09-01', 8.9877, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-10-01', 8.912, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-11-01', 8.8502, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('RUB', '2026-12-01', 8.7935, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-01-01', 193.28, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-02-01', 193.35, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-03-01', 193.61, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-04-01', 193.98, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-05-01', 194.19, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-06-01', 194.55, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-07-01', 194.97, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-08-01', 194.78, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-09-01', 194.36, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-10-01', 194.13, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-11-01', 193.77, 100, '2026-01-01T00:00:00Z', 'reference-data'),
  ('AED', '2026-12-01', 193.57, 100, '2026-01-01T00:00:00Z', 'reference-data');

insert into procurement_hs_rules (hs_prefix, rule, action, reason, at, actor_id) values
  ('9301', 'prohibited', 'add', '军用武器，禁止以市场采购方式出口 / military weapons', '2026-01-01T00:00:00Z', 'reference-data'),
  ('9303', 'prohibited', 'add', '枪支，禁止以市场采购方式出口 / firearms', '2026-01-01T00:00:00Z', 'reference-data'),
  ('3601', 'prohibited', 'add', '发射药，危险品 / propellent powders', '2026-01-01T00:00:00Z', 'reference-data'),
  ('3602', 'prohibited', 'add', '炸药，危险品 / prepared explosives', '2026-01-01T00:00:00Z', 'reference-data'),
  ('2903', 'restricted', 'add', '消耗臭氧层物质，出口许可管理 / ozone-depleting substances', '2026-01-01T00:00:00Z', 'reference-data'),
  ('9613', 'legal_inspection', 'add', '打火机，出口法定检验 / lighters: legal inspection', '2026-01-01T00:00:00Z', 'reference-data'),
  ('7202', 'export_duty', 'add', '铁合金，征收出口关税 / ferro-alloys: export duty', '2026-01-01T00:00:00Z', 'reference-data');
