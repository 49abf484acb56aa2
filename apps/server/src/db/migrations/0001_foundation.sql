-- Foundation: organisations, users, sessions, API keys, audit log, market zones, parties registry.
-- Append-only tables are protected by the kouan_refuse_change() trigger.

create function kouan_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'KOUAN_APPEND_ONLY: % on % is not allowed; history is appended, never edited', tg_op, tg_table_name
    using errcode = 'P0001';
end;
$$;

create table organisations (
  id text primary key,
  kind text not null check (kind in ('platform', 'regulator', 'enterprise')),
  department text check (department in ('commerce', 'customs', 'market', 'tax', 'fx', 'ip', 'district')),
  name text not null,
  jurisdiction_district_code text,
  party_id text,
  created_at timestamptz not null,
  check ((kind = 'regulator') = (department is not null))
);
create unique index organisations_name_key on organisations (name);

create table users (
  id text primary key,
  org_id text not null references organisations (id),
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  roles text[] not null,
  status text not null check (status in ('active', 'disabled')),
  created_at timestamptz not null
);

create table sessions (
  token_hash text primary key,
  user_id text not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table api_keys (
  id text primary key,
  org_id text not null references organisations (id),
  label text not null,
  key_prefix text not null,
  key_hash text not null unique,
  created_by text not null,
  created_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by text
);
create index api_keys_org_idx on api_keys (org_id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  request_id text not null,
  actor_type text not null check (actor_type in ('user', 'api_key', 'system')),
  actor_id text not null,
  org_id text,
  action text not null,
  target_type text not null,
  target_id text not null,
  details jsonb not null default '{}'::jsonb
);
create index audit_log_target_idx on audit_log (target_type, target_id);
create index audit_log_at_idx on audit_log (at);
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function kouan_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function kouan_refuse_change();

create table market_zones (
  id text primary key,
  code text not null unique,
  name text not null,
  district_code text not null,
  district_name text not null,
  description text not null,
  effective_from date not null,
  effective_to date,
  created_at timestamptz not null,
  created_by text not null,
  check (effective_to is null or effective_to >= effective_from)
);

create table parties (
  id text primary key,
  kind text not null check (kind in ('supplier', 'purchaser', 'trade_operator', 'customs_broker', 'manufacturer',
    'ebp', 'ebc', 'logistics', 'payment', 'bonded_warehouse', 'consumer')),
  legal_form text not null check (legal_form in ('organisation', 'individual')),
  name text,
  name_enc text,
  name_hash text,
  usci text,
  customs_code text,
  resident_id_enc text,
  resident_id_hash text,
  passport_enc text,
  passport_hash text,
  nationality text,
  phone_enc text,
  address_enc text,
  zone_id text references market_zones (id),
  stall_no text,
  district_code text,
  status text not null check (status in ('active', 'suspended', 'revoked')),
  recognition text check (recognition in ('pending', 'recognised', 'refused')),
  filed_by_org_id text not null references organisations (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null,
  check ((legal_form = 'organisation') = (name is not null)),
  check ((legal_form = 'individual') = (name_enc is not null))
);
create unique index parties_kind_usci_key on parties (kind, usci) where usci is not null;
create unique index parties_kind_customs_code_key on parties (kind, customs_code) where customs_code is not null;
create unique index parties_kind_resident_id_key on parties (kind, resident_id_hash) where resident_id_hash is not null;
create unique index parties_kind_passport_key on parties (kind, passport_hash) where passport_hash is not null;
create index parties_usci_idx on parties (usci);
create index parties_customs_code_idx on parties (customs_code);
create index parties_name_hash_idx on parties (name_hash);
create index parties_kind_status_idx on parties (kind, status);
create index parties_filed_by_idx on parties (filed_by_org_id);
create index parties_created_idx on parties (created_at, id);

alter table organisations add constraint organisations_party_fk foreign key (party_id) references parties (id);

create table party_history (
  id bigint generated always as identity primary key,
  party_id text not null references parties (id),
  at timestamptz not null,
  action text not null,
  actor_type text not null,
  actor_id text not null,
  org_id text,
  request_id text not null,
  reason text,
  before jsonb,
  after jsonb not null
);
create index party_history_party_idx on party_history (party_id, id);
create trigger party_history_append_only before update or delete on party_history
  for each row execute function kouan_refuse_change();

create table party_recognitions (
  id text primary key,
  party_id text not null references parties (id),
  status text not null check (status in ('pending', 'recognised', 'refused')),
  applied_at timestamptz not null,
  applied_by text not null,
  statement text not null,
  decided_at timestamptz,
  decided_by text,
  reason text
);
create index party_recognitions_party_idx on party_recognitions (party_id, applied_at);
create unique index party_recognitions_one_pending on party_recognitions (party_id) where status = 'pending';
