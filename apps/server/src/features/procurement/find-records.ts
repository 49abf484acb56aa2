import type { DeclarationStatus, TransactionStatus } from '../../db/schema-procurement';
import type { Actor } from '../../lib/actor';
import type { ProductRow, PurchaserFileRow } from './catalogue.repository';
import { transactionView } from './get-transaction';
import { partyNamesOf } from './party-names';
import {
  districtOf,
  ownPartyOf,
  type ProcurementDeps,
  pageOf,
  requirePermission,
} from './procurement-access';
import type { ContainerRow, PackingLineRow } from './transactions.repository';

type PageInput = { page?: number | undefined; pageSize?: number | undefined };

/**
 * Transactions the actor may see (an enterprise: those it is supplier, operator or purchaser of; a
 * district regulator: those registered in its district's zones).
 */
export async function findTransactions(
  deps: ProcurementDeps,
  actor: Actor,
  input: PageInput & {
    status?: TransactionStatus | undefined;
    supplierId?: string | undefined;
    operatorId?: string | undefined;
  },
) {
  requirePermission(actor, 'procurement:read');
  const { page, pageSize, offset, limit } = pageOf(input);
  const own = ownPartyOf(actor);
  const result = await deps.store.repos.procurement.transactions.findTransactions({
    ...(own !== null ? { partyId: own } : {}),
    status: input.status,
    supplierId: input.supplierId,
    operatorId: input.operatorId,
    districtCode: districtOf(actor),
    offset,
    limit,
  });
  const name = await partyNamesOf(
    deps,
    actor,
    result.rows.flatMap((t) => [t.supplier_id, t.purchaser_id, t.operator_id]),
  );
  const items = result.rows.map((t) => ({
    ...transactionView(t),
    supplierName: name(t.supplier_id),
    purchaserName: name(t.purchaser_id),
    operatorName: name(t.operator_id),
  }));
  return { items, page, pageSize, total: result.total };
}

/** Declarations the actor may see, newest first. */
export async function findDeclarations(
  deps: ProcurementDeps,
  actor: Actor,
  input: PageInput & { status?: DeclarationStatus | undefined; partyId?: string | undefined },
) {
  requirePermission(actor, 'procurement:read');
  const { page, pageSize, offset, limit } = pageOf(input);
  const own = ownPartyOf(actor);
  const result = await deps.store.repos.procurement.declarations.findDeclarations({
    partyId: own ?? input.partyId,
    status: input.status,
    districtCode: districtOf(actor),
    offset,
    limit,
  });
  const name = await partyNamesOf(
    deps,
    actor,
    result.rows.flatMap((d) => [d.operator_id, d.broker_id, d.purchaser_id]),
  );
  return {
    items: result.rows.map((d) => ({
      id: d.id,
      declarationNo: d.declaration_no,
      customsEntryNo: d.customs_entry_no,
      containerId: d.container_id,
      operatorId: d.operator_id,
      brokerId: d.broker_id,
      purchaserId: d.purchaser_id,
      operatorName: name(d.operator_id),
      brokerName: name(d.broker_id),
      purchaserName: name(d.purchaser_id),
      totalValueUsd: d.total_value_usd,
      simplified: d.simplified,
      status: d.status,
      createdAt: d.created_at.toISOString(),
    })),
    page,
    pageSize,
    total: result.total,
  };
}

/** Containers (an enterprise: its own as operator; a district regulator: with its district's goods). */
export async function findContainers(deps: ProcurementDeps, actor: Actor, input: PageInput) {
  requirePermission(actor, 'procurement:read');
  const { page, pageSize, offset, limit } = pageOf(input);
  const own = ownPartyOf(actor);
  const repo = deps.store.repos.procurement.transactions;
  const result = await repo.findContainers({
    ...(own !== null ? { operatorId: own } : {}),
    districtCode: districtOf(actor),
    offset,
    limit,
  });
  const packing = await repo.packingLinesOf(result.rows.map((c) => c.id));
  const name = await partyNamesOf(
    deps,
    actor,
    result.rows.map((c) => c.operator_id),
  );
  return {
    items: result.rows.map((c) => ({ ...containerView(c, packing), operatorName: name(c.operator_id) })),
    page,
    pageSize,
    total: result.total,
  };
}

/** Products (an enterprise supplier: its own catalogue; others may filter by supplier). */
export async function findProducts(
  deps: ProcurementDeps,
  actor: Actor,
  input: PageInput & { supplierId?: string | undefined },
) {
  requirePermission(actor, 'procurement:read');
  const { page, pageSize, offset, limit } = pageOf(input);
  const result = await deps.store.repos.procurement.catalogue.findProducts({
    supplierId: input.supplierId,
    offset,
    limit,
  });
  const name = await partyNamesOf(
    deps,
    actor,
    result.rows.flatMap((p) => [p.supplier_id, p.manufacturer_id]),
  );
  return {
    items: result.rows.map((p) => ({
      ...productView(p),
      supplierName: name(p.supplier_id),
      manufacturerName: name(p.manufacturer_id),
    })),
    page,
    pageSize,
    total: result.total,
  };
}

/** Purchaser files (an enterprise operator: its own). */
export async function findPurchaserFiles(deps: ProcurementDeps, actor: Actor, input: PageInput) {
  requirePermission(actor, 'procurement:read');
  const { page, pageSize, offset, limit } = pageOf(input);
  const own = ownPartyOf(actor);
  const result = await deps.store.repos.procurement.catalogue.findPurchaserFiles({
    ...(own !== null ? { operatorId: own } : {}),
    offset,
    limit,
  });
  const name = await partyNamesOf(
    deps,
    actor,
    result.rows.flatMap((f) => [f.purchaser_id, f.operator_id]),
  );
  const items = result.rows.map((f) => ({
    ...purchaserFileView(f),
    purchaserName: name(f.purchaser_id),
    operatorName: name(f.operator_id),
  }));
  return { items, page, pageSize, total: result.total };
}

export function purchaserFileView(f: PurchaserFileRow) {
  return {
    id: f.id,
    purchaserId: f.purchaser_id,
    operatorId: f.operator_id,
    agreementNo: f.agreement_no,
    agreementSha256: f.agreement_sha256,
    signedOn: f.signed_on,
    validUntil: f.valid_until,
    createdAt: f.created_at.toISOString(),
  };
}

/** The purchasers on the bad-purchaser list now. */
export async function findBadPurchasers(deps: ProcurementDeps, actor: Actor, input: PageInput) {
  requirePermission(actor, 'procurement:read');
  const { page, pageSize, offset, limit } = pageOf(input);
  const { rows, total } = await deps.store.repos.procurement.catalogue.findBadPurchasers({ offset, limit });
  const name = await partyNamesOf(
    deps,
    actor,
    rows.map((r) => r.purchaser_id),
  );
  return {
    items: rows.map((r) => ({
      purchaserId: r.purchaser_id,
      purchaserName: name(r.purchaser_id),
      reason: r.reason,
      listedAt: r.at.toISOString(),
      listedBy: r.actor_id,
    })),
    page,
    pageSize,
    total,
  };
}

export function productView(p: ProductRow) {
  return {
    id: p.id,
    supplierId: p.supplier_id,
    name: p.name,
    hsCode: p.hs_code,
    unit: p.unit,
    referencePrice: p.reference_price,
    currency: p.currency,
    brand: p.brand,
    brandAuthorisationRef: p.brand_authorisation_ref,
    manufacturerId: p.manufacturer_id,
    createdAt: p.created_at.toISOString(),
  };
}

export function containerView(c: ContainerRow, packing: readonly PackingLineRow[]) {
  return {
    id: c.id,
    containerNo: c.container_no,
    sealNo: c.seal_no,
    operatorId: c.operator_id,
    grossWeightKg: c.gross_weight_kg,
    netWeightKg: c.net_weight_kg,
    status: c.status,
    createdAt: c.created_at.toISOString(),
    lines: packing
      .filter((p) => p.container_id === c.id)
      .map((p) => ({
        id: p.id,
        transactionLineId: p.transaction_line_id,
        transactionId: p.transaction_id,
        quantity: p.quantity,
      })),
  };
}
