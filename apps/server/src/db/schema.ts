import type { Generated } from 'kysely';
import type { ProcurementDatabase } from './schema-procurement';

/** Table types for Kysely. Keep in step with db/migrations. */
export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  market_zones: MarketZonesTable;
  parties: PartiesTable;
  party_history: PartyHistoryTable;
  party_recognitions: PartyRecognitionsTable;
  evidence_entries: EvidenceEntriesTable;
  evidence_nodes: EvidenceNodesTable;
  evidence_checkpoints: EvidenceCheckpointsTable;
  ceb_messages: CebMessagesTable;
  ceb_documents: CebDocumentsTable;
  ceb_inventories: CebInventoriesTable;
  ceb_export_inventories: CebExportInventoriesTable;
  ceb_status_history: CebStatusHistoryTable;
  ceb_receipts: CebReceiptsTable;
  ceb_doc_numbers: CebDocNumbersTable;
  ceb_buyer_usage: CebBuyerUsageTable;
  ceb_buyer_usage_entries: CebBuyerUsageEntriesTable;
  ceb_positive_list: CebPositiveListTable;
  ceb_tax_rates: CebTaxRatesTable;
  ceb_bonded_stock: CebBondedStockTable;
  ceb_bonded_movements: CebBondedMovementsTable;
  evidence_bundles: EvidenceBundlesTable;
  party_certificates: PartyCertificatesTable;
  party_certificate_revocations: PartyCertificateRevocationsTable;
}

export interface OrganisationsTable {
  id: string;
  kind: 'platform' | 'regulator' | 'enterprise';
  department: string | null;
  name: string;
  jurisdiction_district_code: string | null;
  party_id: string | null;
  created_at: Date;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  status: 'active' | 'disabled';
  created_at: Date;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ApiKeysTable {
  id: string;
  org_id: string;
  label: string;
  key_prefix: string;
  key_hash: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Date;
  request_id: string;
  actor_type: 'user' | 'api_key' | 'system';
  actor_id: string;
  org_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  details: string;
}

export interface MarketZonesTable {
  id: string;
  code: string;
  name: string;
  district_code: string;
  district_name: string;
  description: string;
  effective_from: string;
  effective_to: string | null;
  created_at: Date;
  created_by: string;
}

export interface PartiesTable {
  id: string;
  kind: string;
  legal_form: 'organisation' | 'individual';
  name: string | null;
  name_enc: string | null;
  name_hash: string | null;
  usci: string | null;
  customs_code: string | null;
  resident_id_enc: string | null;
  resident_id_hash: string | null;
  passport_enc: string | null;
  passport_hash: string | null;
  nationality: string | null;
  phone_enc: string | null;
  address_enc: string | null;
  zone_id: string | null;
  stall_no: string | null;
  district_code: string | null;
  status: 'active' | 'suspended' | 'revoked';
  recognition: 'pending' | 'recognised' | 'refused' | null;
  filed_by_org_id: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface PartyHistoryTable {
  id: Generated<number>;
  party_id: string;
  at: Date;
  action: string;
  actor_type: string;
  actor_id: string;
  org_id: string | null;
  request_id: string;
  reason: string | null;
  before: string | null;
  after: string;
}

export interface PartyRecognitionsTable {
  id: string;
  party_id: string;
  status: 'pending' | 'recognised' | 'refused';
  applied_at: Date;
  applied_by: string;
  statement: string;
  decided_at: Date | null;
  decided_by: string | null;
  reason: string | null;
}

/** A read-only view since migration 0013 (one row per entry of evidence_bundles). */
export interface EvidenceEntriesTable {
  idx: number;
  kind: string;
  leaf: Uint8Array;
  leaf_hash: Uint8Array;
  content_hash: Uint8Array;
  subject_type: string;
  subject_id: string;
  actor_type: string;
  actor_id: string;
  org_id: string | null;
  party_ids: string[];
  recorded_at: Date;
  software_version: string;
}

export interface EvidenceNodesTable {
  level: number;
  idx: number;
  hash: Uint8Array;
}

/** Entries and documents of one append slice (migration 0013); evidence_entries is a view over it. */
export interface EvidenceBundlesTable {
  first_idx: number;
  entry_count: number;
  leaves: Uint8Array;
  leaf_ends: number[];
  leaf_hashes: Uint8Array;
  kinds: string[];
  subject_types: string[];
  subject_ids: string[];
  org_ids: string[];
  parties: string[];
  party_ids: string[];
  documents: string;
  recorded_at: Date;
}

export interface EvidenceCheckpointsTable {
  tree_size: number;
  root_hash: Uint8Array;
  note: string;
  key_id: string;
  algorithm: string;
  issued_at: Date;
}

// Market procurement (1039) tables, declared beside their migration (0004) and merged in here.
export interface Database extends ProcurementDatabase {}
export interface CebMessagesTable {
  id: string;
  guid: string;
  sender_org_id: string;
  sender_party_id: string | null;
  cop_code: string;
  message_type: string;
  direction: 'import' | 'export';
  format: 'xml' | 'json';
  unit_count: number;
  received_at: Date;
  /** The body as received, sealed (PiiVault.sealBody); rows before migration 0015 have body_enc. */
  body: Buffer | null;
  /** Before migration 0015: the base64 of the body, encrypted (PiiVault.encrypt). */
  body_enc: string | null;
  body_sha256: string;
  receipt_id: string;
}

export interface CebDocumentsTable {
  id: string;
  doc_key: string;
  version: number;
  kind: string;
  message_id: string;
  unit_guid: string;
  app_type: '1' | '2' | '3';
  order_no: string | null;
  ebp_code: string | null;
  ebc_code: string | null;
  logistics_code: string | null;
  logistics_no: string | null;
  pay_code: string | null;
  pay_transaction_id: string | null;
  cop_no: string | null;
  invt_no: string | null;
  /**
   * The e-port's number (preNo) the version was answered with (migration 0018): null before it, and
   * for the kinds whose receipts carry none.
   */
  pre_no: string | null;
  buyer_hash: string | null;
  party_codes: string[];
  /**
   * Where the unit (head and lines) is in its message's body, 0-based (migration 0019): the unit is
   * read from the message. Rows before 0019 have `data` or `data_enc` instead.
   */
  unit_index: number | null;
  /** Before migration 0019: the unit as JSON, sealed (PiiVault.sealBody); before 0015 data_enc. */
  data: Buffer | null;
  /** Before migration 0015: the unit's JSON, encrypted (PiiVault.encrypt). */
  data_enc: string | null;
  received_at: Date;
}

/** State of an export inventory (CEB603) for the export cross-checks (migration 0018). */
export interface CebExportInventoriesTable {
  doc_key: string;
  invt_no: string;
  status: '120' | 'deleted' | 'cancelled';
  party_codes: string[];
  updated_at: Date;
  version: number;
}

export interface CebInventoriesTable {
  doc_key: string;
  invt_no: string;
  pre_no: string;
  cop_no: string;
  unit_guid: string;
  order_no: string;
  ebp_code: string;
  ebc_code: string;
  agent_code: string;
  logistics_code: string;
  logistics_no: string;
  customs_code: string;
  trade_mode: string;
  ems_no: string | null;
  buyer_hash: string;
  usage_year: number | null;
  usage_amount: string | null;
  status: string;
  hold: boolean;
  findings: string;
  tax: string | null;
  party_codes: string[];
  declared_at: Date;
  wait_deadline: Date | null;
  updated_at: Date;
  version: number;
}

export interface CebStatusHistoryTable {
  id: string;
  doc_key: string;
  status: string;
  previous_status: string | null;
  at: Date;
  actor_type: string;
  actor_id: string;
  request_id: string;
  reason: string | null;
  receipt_id: string | null;
}

export interface CebReceiptsTable {
  id: string;
  receipt_type: string;
  guid: string;
  message_id: string | null;
  doc_key: string | null;
  return_status: string;
  recipient_codes: string[];
  xml: string;
  /**
   * Before migration 0020: the receipt's JSON form (jsonb). Since then null: the JSON is read back
   * from `xml` (cebReceiptJson). Written as JSON text, read as an object.
   */
  json: string | null;
  issued_at: Date;
}

export interface CebDocNumbersTable {
  kind: 'order' | 'waybill' | 'payment' | 'inventory';
  owner_code: string;
  number: string;
  doc_key: string;
  first_seen_at: Date;
}

export interface CebBuyerUsageTable {
  buyer_hash: string;
  year: number;
  used: string;
}

export interface CebBuyerUsageEntriesTable {
  id: string;
  buyer_hash: string;
  year: number;
  delta: string;
  doc_key: string;
  reason: string;
  at: Date;
}

export interface CebPositiveListTable {
  id: string;
  hs_code: string;
  name: string;
  note: string;
  effective_from: string;
  effective_to: string | null;
  created_at: Date;
  created_by: string;
}

export interface CebTaxRatesTable {
  id: string;
  hs_code: string;
  name: string;
  vat_rate: string;
  consumption_rate: string;
  tariff_rate: string;
  effective_from: string;
  effective_to: string | null;
  created_at: Date;
  created_by: string;
}

export interface CebBondedStockTable {
  ems_no: string;
  item_record_no: string;
  quantity: string;
}

export interface CebBondedMovementsTable {
  id: string;
  ems_no: string;
  item_record_no: string;
  delta: string;
  reason: string;
  doc_key: string | null;
  at: Date;
  actor_id: string;
}

export interface PartyCertificatesTable {
  id: string;
  party_id: string;
  serial: string;
  subject: string;
  issuer: string;
  algorithm: 'rsa-sha1' | 'sm2-sm3';
  pem: string;
  fingerprint: string;
  not_before: Date;
  not_after: Date;
  registered_by: string;
  registered_at: Date;
}

export interface PartyCertificateRevocationsTable {
  certificate_id: string;
  revoked_at: Date;
  revoked_by: string;
  reason: string;
}
