import type { Generated } from 'kysely';

/** Market procurement (1039) tables (migration 0004). Numeric columns are read as exact strings. */
export interface ProcurementDatabase {
  procurement_attachments: ProcurementAttachmentsTable;
  procurement_products: ProcurementProductsTable;
  procurement_purchaser_files: ProcurementPurchaserFilesTable;
  procurement_bad_purchasers: ProcurementBadPurchasersTable;
  procurement_transactions: ProcurementTransactionsTable;
  procurement_transaction_lines: ProcurementTransactionLinesTable;
  procurement_transaction_events: ProcurementTransactionEventsTable;
  procurement_containers: ProcurementContainersTable;
  procurement_packing_lines: ProcurementPackingLinesTable;
  procurement_exchange_rates: ProcurementExchangeRatesTable;
  procurement_hs_rules: ProcurementHsRulesTable;
  procurement_declarations: ProcurementDeclarationsTable;
  procurement_declaration_items: ProcurementDeclarationItemsTable;
  procurement_declaration_parties: ProcurementDeclarationPartiesTable;
  procurement_declaration_events: ProcurementDeclarationEventsTable;
  procurement_fx_collections: ProcurementFxCollectionsTable;
  procurement_vat_filings: ProcurementVatFilingsTable;
  procurement_vat_filing_items: ProcurementVatFilingItemsTable;
  procurement_idempotency_keys: ProcurementIdempotencyKeysTable;
}

export interface ProcurementAttachmentsTable {
  id: string;
  owner_type: string;
  owner_id: string;
  file_name: string;
  media_type: string;
  sha256: string;
  size_bytes: number;
  content: Uint8Array;
  created_at: Date;
  created_by: string;
}

export interface ProcurementProductsTable {
  id: string;
  supplier_id: string;
  name: string;
  hs_code: string;
  unit: string;
  reference_price: string;
  currency: string;
  brand: string | null;
  brand_authorisation_ref: string | null;
  brand_authorisation_sha256: string | null;
  manufacturer_id: string | null;
  created_at: Date;
  created_by: string;
}

export interface ProcurementPurchaserFilesTable {
  id: string;
  purchaser_id: string;
  operator_id: string;
  agreement_no: string;
  agreement_sha256: string;
  signed_on: string;
  valid_until: string | null;
  created_at: Date;
  created_by: string;
}

export interface ProcurementBadPurchasersTable {
  id: Generated<number>;
  purchaser_id: string;
  action: 'add' | 'remove';
  reason: string;
  at: Date;
  actor_id: string;
  org_id: string | null;
}

export type TransactionStatus =
  | 'registered'
  | 'consolidated'
  | 'declared'
  | 'cleared'
  | 'fx_collected'
  | 'vat_exemption_declared';

export interface ProcurementTransactionsTable {
  id: string;
  zone_id: string;
  stall_no: string;
  supplier_id: string;
  purchaser_id: string;
  operator_id: string;
  currency: string;
  total_amount: string;
  payment_method: string;
  trade_date: string;
  status: TransactionStatus;
  registered_at: Date;
  registered_by: string;
  registered_by_org: string | null;
  version: number;
}

export interface ProcurementTransactionLinesTable {
  id: string;
  transaction_id: string;
  line_no: number;
  product_id: string;
  quantity: string;
  unit_price: string;
  amount: string;
  packed_quantity: Generated<string>;
}

export interface ProcurementTransactionEventsTable {
  id: Generated<number>;
  transaction_id: string;
  from_status: TransactionStatus | null;
  to_status: TransactionStatus;
  at: Date;
  actor_id: string;
  org_id: string | null;
  reference: string | null;
}

export interface ProcurementContainersTable {
  id: string;
  container_no: string;
  seal_no: string;
  operator_id: string;
  gross_weight_kg: string;
  net_weight_kg: string;
  status: 'packed' | 'declared';
  created_at: Date;
  created_by: string;
}

export interface ProcurementPackingLinesTable {
  id: string;
  container_id: string;
  transaction_line_id: string;
  transaction_id: string;
  quantity: string;
}

export interface ProcurementExchangeRatesTable {
  id: Generated<number>;
  currency: string;
  effective_from: string;
  rate: string;
  rate_unit: number;
  recorded_at: Date;
  recorded_by: string;
}

export type HsRuleKind = 'prohibited' | 'restricted' | 'export_duty' | 'legal_inspection';

export interface ProcurementHsRulesTable {
  id: Generated<number>;
  hs_prefix: string;
  rule: HsRuleKind;
  action: 'add' | 'remove';
  reason: string;
  at: Date;
  actor_id: string;
}

export type DeclarationStatus = 'generated' | 'declared' | 'released' | 'inspected' | 'rejected';

export interface ProcurementDeclarationsTable {
  id: string;
  declaration_no: string;
  customs_entry_no: string | null;
  container_id: string;
  operator_id: string;
  broker_id: string;
  purchaser_id: string;
  part_index: number;
  part_count: number;
  total_value_usd: string;
  limit_usd: string;
  rate_date: string;
  simplified: boolean;
  lines: string;
  status: DeclarationStatus;
  created_at: Date;
  created_by: string;
  cleared_at: Date | null;
  version: number;
}

export interface ProcurementDeclarationItemsTable {
  declaration_id: string;
  packing_line_id: string;
  transaction_id: string;
  quantity: string;
  value_usd: string;
  part_index: number | null;
  part_count: number | null;
}

export type DeclarationPartyRole = 'operator' | 'broker' | 'purchaser' | 'supplier' | 'manufacturer';

export interface ProcurementDeclarationPartiesTable {
  party_id: string;
  declaration_id: string;
  role: DeclarationPartyRole;
}

export interface ProcurementDeclarationEventsTable {
  id: Generated<number>;
  declaration_id: string;
  action: DeclarationStatus;
  at: Date;
  actor_id: string;
  org_id: string | null;
  customs_entry_no: string | null;
  note: string | null;
}

export interface ProcurementFxCollectionsTable {
  id: string;
  declaration_id: string;
  transaction_id: string;
  bank_reference: string;
  payer_role: 'operator' | 'supplier' | 'purchaser';
  recorded_for_party_id: string;
  amount: string;
  currency: string;
  amount_usd: string;
  expected_usd: string;
  over_collected: boolean;
  credited_on: string;
  created_at: Date;
  created_by: string;
}

export interface ProcurementVatFilingsTable {
  id: string;
  supplier_id: string;
  period: string;
  due_on: string;
  transaction_count: number;
  total_amount_cny: string;
  status: 'pending' | 'declared';
  generated_at: Date;
  declared_at: Date | null;
  declared_by: string | null;
  version: number;
}

export interface ProcurementVatFilingItemsTable {
  filing_id: string;
  transaction_id: string;
}

export interface ProcurementIdempotencyKeysTable {
  org_id: string;
  idempotency_key: string;
  request_sha256: string;
  transaction_ids: string[];
  created_at: Date;
}
