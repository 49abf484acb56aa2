import { CNY_QUOTE, decimal, formatDecimal, type RateQuote, rescale, sum, toCny } from '@kouan/domain/money';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import { vatFilingView } from './find-vat-filings';
import { procurementError } from './procurement.errors';
import {
  chinaDate,
  chinaDayStart,
  districtOf,
  ownPartyOf,
  type ProcurementDeps,
  recordChange,
  requirePermission,
} from './procurement-access';
import type { VatFilingRow } from './settlement.repository';
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
    const candidates = (
      await settlement.vatCandidates(from, to, MAX_VAT_TRANSACTIONS, districtOf(actor))
    ).filter((c) => own === null || c.supplier_id === own);
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
