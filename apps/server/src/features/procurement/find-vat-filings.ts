import type { Actor } from '../../lib/actor';
import { partyNamesOf } from './party-names';
import {
  chinaDate,
  districtOf,
  ownPartyOf,
  type ProcurementDeps,
  pageOf,
  requirePermission,
} from './procurement-access';
import type { VatFilingRow } from './settlement.repository';

export async function findVatFilings(
  deps: ProcurementDeps,
  actor: Actor,
  input: {
    period?: string | undefined;
    supplierId?: string | undefined;
    page?: number | undefined;
    pageSize?: number | undefined;
  },
) {
  requirePermission(actor, 'procurement:read');
  const { page, pageSize, offset, limit } = pageOf(input);
  const own = ownPartyOf(actor);
  const result = await deps.store.repos.procurement.settlement.findVatFilings({
    supplierId: own ?? input.supplierId,
    period: input.period,
    districtCode: districtOf(actor),
    offset,
    limit,
  });
  const today = chinaDate(deps.clock.now());
  const name = await partyNamesOf(
    deps,
    actor,
    result.rows.map((f) => f.supplier_id),
  );
  const items = result.rows.map((f) => ({ ...vatFilingView(f, today), supplierName: name(f.supplier_id) }));
  return { items, page, pageSize, total: result.total };
}

export function vatFilingView(f: VatFilingRow, today: string) {
  return {
    id: f.id,
    supplierId: f.supplier_id,
    period: f.period,
    dueOn: f.due_on,
    transactionCount: f.transaction_count,
    totalAmountCny: f.total_amount_cny,
    status: f.status,
    overdue: f.status === 'pending' && f.due_on < today,
    generatedAt: f.generated_at.toISOString(),
    declaredAt: f.declared_at?.toISOString() ?? null,
  };
}
