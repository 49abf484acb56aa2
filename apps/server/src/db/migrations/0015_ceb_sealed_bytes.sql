-- Personal information kept as sealed bytes instead of encrypted base64 text.
--
-- A message body exactly as received is kept as bytes (`body`): deflate-raw compressed, then sealed
-- with AES-256-GCM (lib/pii.ts sealBody). `body_enc` (the base64 of the body, encrypted as text and
-- base64 again) took about 1.8 times the body's size; `body` takes 40–55% of it (a signed message
-- compresses less: its signature and certificate are base64 already). Rows written before
-- this migration keep `body_enc` as they are (history is not rewritten); every row has exactly one.
alter table ceb_messages add column body bytea;
alter table ceb_messages alter column body_enc drop not null;
alter table ceb_messages add constraint ceb_messages_one_body check ((body is null) <> (body_enc is null));
-- Compressed and encrypted: PostgreSQL's own compression would only spend time failing on it.
alter table ceb_messages alter column body set storage external;

-- The same for each document version's unit (head and lines, as JSON): `data` sealed like `body`,
-- `data_enc` kept on the rows written before.
alter table ceb_documents add column data bytea;
alter table ceb_documents alter column data_enc drop not null;
alter table ceb_documents add constraint ceb_documents_one_data check ((data is null) <> (data_enc is null));
alter table ceb_documents alter column data set storage external;
