import type { Actor } from '../../lib/actor';
import { vatFilingView } from './find-vat-filings';
import { procurementError } from './procurement.errors';
import {
  assertActsAs,
  chinaDate,
  inDistrictReach,
  type ProcurementDeps,
  recordChange,
  requirePermission,
} from './procurement-access';
import { advanceTransactions } from './transaction-lifecycle';
/** The supplier (or tax) declares a pending filing; its transactions become vat_exemption_declared. */
export async function declareVatFiling(deps: ProcurementDeps, actor: Actor, input: { filingId: string }) {
  requirePermission(actor, 'procurement:vat');
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const settlement = repos.procurement.settlement;
    const filing = await settlement.getVatFiling(input.filingId);
    if (!filing || !(await inDistrictReach(repos, actor, 'vat_filing', filing.id)))
      throw procurementError('PROCUREMENT_NOT_FOUND', {
        what: 'VAT filing',
        whatZh: '免税申报',
        id: input.filingId,
      });
    assertActsAs(actor, [filing.supplier_id], { en: 'supplier', zh: '供货商', field: 'filingId' });
    if (
      filing.status !== 'pending' ||
      !(await settlement.markVatDeclared({ id: filing.id, version: filing.version, at: now, by: actor.id }))
    ) {
      throw procurementError('VAT_FILING_ALREADY_DECLARED', { id: filing.id });
    }
    const txIds = await settlement.vatFilingTransactions(filing.id);
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: 'procurement.vat.filing_declared',
      subject: { type: 'procurement_vat_filing', id: filing.id },
      partyIds: [filing.supplier_id],
      document: { filingId: filing.id, period: filing.period, transactionIds: txIds },
    });
    await advanceTransactions(repos, deps.vault, {
      ids: txIds,
      to: 'vat_exemption_declared',
      actor,
      at: now,
      reference: filing.id,
    });
    const declared = { ...filing, status: 'declared' as const, declared_at: now, declared_by: actor.id };
    return vatFilingView(declared, chinaDate(now));
  });
}
