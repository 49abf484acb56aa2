-- Signing certificates enterprises register for their CEB message signatures (spec section 6).
-- Both tables are append-only: a revocation is a new row, never an edit of the certificate.

create table party_certificates (
  id text primary key,
  party_id text not null references parties (id),
  serial text not null,
  subject text not null,
  issuer text not null,
  algorithm text not null check (algorithm in ('rsa-sha1', 'sm2-sm3')),
  pem text not null,
  fingerprint text not null unique,
  not_before timestamptz not null,
  not_after timestamptz not null,
  registered_by text not null,
  registered_at timestamptz not null
);
create index party_certificates_party_idx on party_certificates (party_id, registered_at);

create table party_certificate_revocations (
  certificate_id text primary key references party_certificates (id),
  revoked_at timestamptz not null,
  revoked_by text not null,
  reason text not null
);

create trigger party_certificates_append_only before update or delete on party_certificates
  for each row execute function kouan_refuse_change();
create trigger party_certificates_no_truncate before truncate on party_certificates
  for each statement execute function kouan_refuse_change();
create trigger party_certificate_revocations_append_only before update or delete on party_certificate_revocations
  for each row execute function kouan_refuse_change();
create trigger party_certificate_revocations_no_truncate before truncate on party_certificate_revocations
  for each statement execute function kouan_refuse_change();
