import { compare, DECIMAL_ZERO, decimal, formatDecimal, max, sub, sum } from '@kouan/domain/money';
import type { Actor } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import { districtOf, ownPartyOf, type ProcurementDeps, requirePermission } from './procurement-access';

/** Days after release within which FX should be collected before a declaration shows as overdue. */
export const FX_COLLECTION_DUE_DAYS = 180;
/** Most declarations one report covers. */
export const MAX_FX_REPORT_DECLARATIONS = 5_000;
const DAY_MS = 86_400_000;

/**
 * 收汇情况: per declaration, the declared value, FX collected, what is outstanding, whether it is
 * overdue (released more than FX_COLLECTION_DUE_DAYS ago with something outstanding) and whether
 * any credit was over-collected; and the totals over all declarations of a party. A district
 * regulator's report covers only declarations with goods from its district's zones.
 */
export async function fxReport(
  deps: ProcurementDeps,
  actor: Actor,
  input: { partyId?: string | undefined; declarationId?: string | undefined },
) {
  requirePermission(actor, 'procurement:read');
  const own = ownPartyOf(actor);
  const partyId = own ?? input.partyId;
  if (!partyId && !input.declarationId) {
    const field = 'querystring:/partyId';
    throw commonError(
      'VALIDATION_FAILED',
      { field, reason: 'give partyId or declarationId', reasonZh: '请指定主体或报关单' },
      { field },
    );
  }
  const rows = await deps.store.repos.procurement.settlement.fxSummary({
    partyId,
    districtCode: districtOf(actor),
    ...(input.declarationId ? { declarationIds: [input.declarationId] } : {}),
    limit: MAX_FX_REPORT_DECLARATIONS,
  });
  const now = deps.clock.now().getTime();
  const declarations = rows.map((r) => {
    const declared = decimal(r.total_value_usd);
    const collected = decimal(r.collected_usd);
    const outstanding = max(sub(declared, collected), DECIMAL_ZERO);
    const overdue =
      r.cleared_at !== null &&
      now - r.cleared_at.getTime() > FX_COLLECTION_DUE_DAYS * DAY_MS &&
      compare(outstanding, DECIMAL_ZERO) > 0;
    return {
      declarationId: r.id,
      declarationNo: r.declaration_no,
      status: r.status,
      declaredUsd: formatDecimal(declared, 2),
      collectedUsd: formatDecimal(collected, 2),
      outstandingUsd: formatDecimal(outstanding, 2),
      collections: Number(r.collections),
      overCollected: Number(r.over_collected) === 1,
      overdue,
    };
  });
  const total = (pick: (d: (typeof declarations)[number]) => string) =>
    formatDecimal(sum(declarations.map((d) => decimal(pick(d)))), 2);
  return {
    partyId: partyId ?? null,
    dueDays: FX_COLLECTION_DUE_DAYS,
    totals: {
      declarations: declarations.length,
      declaredUsd: total((d) => d.declaredUsd),
      collectedUsd: total((d) => d.collectedUsd),
      outstandingUsd: total((d) => d.outstandingUsd),
      overdue: declarations.filter((d) => d.overdue).length,
      overCollected: declarations.filter((d) => d.overCollected).length,
    },
    declarations,
  };
}
