import { formatDecimal } from '@kouan/domain/money';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { ProductRow } from './catalogue.repository';
import { decimalField } from './decimal-field';
import { procurementError } from './procurement.errors';
import {
  assertActsAs,
  chinaDate,
  type ProcurementDeps,
  recordChange,
  requireParty,
  requirePermission,
  requireSupplierInZone,
} from './procurement-access';

export interface ListProductInput {
  readonly supplierId: string;
  readonly name: string;
  readonly hsCode: string;
  readonly unit: string;
  readonly referencePrice: string;
  readonly currency: string;
  readonly brand?: string | undefined;
  readonly brandAuthorisation?: { readonly reference: string; readonly sha256: string } | undefined;
  readonly manufacturerId?: string | undefined;
}

/**
 * A supplier lists goods in its catalogue. Only suppliers with a stall in a market cluster zone in
 * effect today may list; branded goods need the brand owner's authorisation record.
 */
export async function listProduct(
  deps: ProcurementDeps,
  actor: Actor,
  input: ListProductInput,
): Promise<ProductRow> {
  requirePermission(actor, 'procurement:catalogue');
  assertActsAs(actor, [input.supplierId], { en: 'supplier', zh: '供货商', field: 'supplierId' });
  const price = decimalField(input.referencePrice, '/referencePrice', 5);
  if (input.brand && !input.brandAuthorisation)
    throw procurementError('BRAND_AUTHORISATION_REQUIRED', {}, { field: '/brandAuthorisation' });
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    await requireSupplierInZone(repos, input.supplierId, chinaDate(now), '/supplierId');
    if (input.manufacturerId)
      await requireParty(repos, input.manufacturerId, 'manufacturer', '/manufacturerId');
    const row: ProductRow = {
      id: newId('prod', now.getTime()),
      supplier_id: input.supplierId,
      name: input.name,
      hs_code: input.hsCode,
      unit: input.unit,
      reference_price: formatDecimal(price),
      currency: input.currency,
      brand: input.brand ?? null,
      brand_authorisation_ref: input.brand ? (input.brandAuthorisation?.reference ?? null) : null,
      brand_authorisation_sha256: input.brand ? (input.brandAuthorisation?.sha256 ?? null) : null,
      manufacturer_id: input.manufacturerId ?? null,
      created_at: now,
      created_by: actor.id,
    };
    await repos.procurement.catalogue.insertProduct(row);
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: 'procurement.product.listed',
      subject: { type: 'procurement_product', id: row.id },
      partyIds: [row.supplier_id, ...(row.manufacturer_id ? [row.manufacturer_id] : [])],
      document: row,
    });
    return row;
  });
}
