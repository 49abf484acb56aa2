import { CNY_QUOTE, decimal, formatDecimal, type RateQuote, rescale, sum, toCny } from '@kouan/domain/money';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import { procurementError } from './procurement.errors';
import {
  assertActsAs,
  chinaDate,
  chinaDayStart,
  ownPartyOf,
  type ProcurementDeps,
  pageOf,
  recordChange,
  requirePermission,
} from './procurement-access';
import type { VatFilingRow } from './settlement.repository';
import { advanceTransactions } from './transaction-lifecycle';

/** Day of the filing month by which the VAT-exemption declaration is due (monthly tax period). */
export const VAT_FILING_DUE_DAY = 15;
/** Most transactions one generation run takes up. */
export const MAX_VAT_TRANSACTIONS = 50_000;

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * 免税申报: for the filing `month`, one filing per supplier from its transactions whose
 * declarations were released in the previous month and whose FX is collected, valued in CNY at the
 * rate of the trade date. Running it again for the same month adds no second filing.
 */
export async function generateVatFilings(deps: ProcurementDeps, actor: Actor, input: { month: string }) {
  requirePermission(actor, 'procurement:vat');
  const period = previousMonth(input.month);
  const from = chinaDayStart(`${period}-01`);
  const to = chinaDayStart(`${input.month}-01`);
  const now = deps.clock.now();
  const own = ownPartyOf(actor);
  return deps.store.transaction(async (repos) => {
    const settlement = repos.procurement.settlement;
    const candidates = (await settlement.vatCandidates(from, to, MAX_VAT_TRANSACTIONS)).filter(
      (c) => own === null || c.supplier_id === own,
    );
    const quotes = new Map<string, RateQuote>();
    const quote = async (currency: string, date: string) => {
      if (currency === 'CNY') return CNY_QUOTE;
      const key = `${currency}@${date}`;
      const known = quotes.get(key);
      if (known) return known;
      const rate = await repos.procurement.catalogue.rateOn(currency, date);
      if (!rate) throw procurementError('EXCHANGE_RATE_MISSING', { currency, date });
      const q: RateQuote = { rate: decimal(rate.rate), rateUnit: rate.rateUnit };
      quotes.set(key, q);
      return q;
    };
    const bySupplier = new Map<string, typeof candidates>();
    for (const c of candidates) bySupplier.set(c.supplier_id, [...(bySupplier.get(c.supplier_id) ?? []), c]);
    const filings: VatFilingRow[] = [];
    for (const [supplierId, txs] of bySupplier) {
      if (await settlement.getVatFilingFor(supplierId, period)) continue;
      const amounts = [];
      for (const t of txs)
        amounts.push(toCny({ amount: decimal(t.total_amount), ...(await quote(t.currency, t.trade_date)) }));
      const row: VatFilingRow = {
        id: newId('vat', now.getTime()),
        supplier_id: supplierId,
        period,
        due_on: `${input.month}-${String(VAT_FILING_DUE_DAY).padStart(2, '0')}`,
        transaction_count: txs.length,
        total_amount_cny: formatDecimal(rescale(sum(amounts), 2, 'half-up')),
        status: 'pending',
        generated_at: now,
        declared_at: null,
        declared_by: null,
        version: 1,
      };
      await settlement.insertVatFiling(
        row,
        txs.map((t) => t.id),
      );
      await recordChange(repos, deps.vault, {
        actor,
        at: now,
        kind: 'procurement.vat.filing_generated',
        subject: { type: 'procurement_vat_filing', id: row.id },
        partyIds: [supplierId],
        document: { filing: row, transactionIds: txs.map((t) => t.id) },
      });
      filings.push(row);
    }
    return filings.map((f) => vatFilingView(f, chinaDate(now)));
  });
}

/** The supplier (or tax) declares a pending filing; its transactions become vat_exemption_declared. */
export async function declareVatFiling(deps: ProcurementDeps, actor: Actor, input: { filingId: string }) {
  requirePermission(actor, 'procurement:vat');
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const settlement = repos.procurement.settlement;
    const filing = await settlement.getVatFiling(input.filingId);
    if (!filing)
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
    offset,
    limit,
  });
  const today = chinaDate(deps.clock.now());
  return { items: result.rows.map((f) => vatFilingView(f, today)), page, pageSize, total: result.total };
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
