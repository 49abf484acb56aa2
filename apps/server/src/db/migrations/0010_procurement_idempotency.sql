-- Idempotent transaction registration: a retried request with the same Idempotency-Key (per
-- organisation) returns the transactions the first request registered instead of registering twice.
create table procurement_idempotency_keys (
  org_id text not null,
  idempotency_key text not null,
  request_sha256 text not null,
  transaction_ids text[] not null,
  created_at timestamptz not null,
  primary key (org_id, idempotency_key)
);
