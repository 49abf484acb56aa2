import { CNY_QUOTE, compare, convert, decimal, formatDecimal, type RateQuote } from '@kouan/domain/money';
import type { Repositories } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import { decimalField } from './decimal-field';
import { procurementError } from './procurement.errors';
import {
  assertActsAs,
  type ProcurementDeps,
  recordChange,
  requireParty,
  requirePermission,
} from './procurement-access';
import type { FxCollectionRow } from './settlement.repository';
import { advanceTransactions, assertNextStep } from './transaction-lifecycle';

export interface FxCollectionInput {
  readonly declarationId: string;
  readonly transactionId: string;
  /** The bank's reference of the credit: one credit is never used twice. */
  readonly bankReference: string;
  /** Who received the FX: the operator, the supplier (an individual business) or the foreign purchaser. */
  readonly payerRole: 'operator' | 'supplier' | 'purchaser';
  readonly amount: string;
  readonly currency: string;
  readonly creditedOn: string;
}

async function quote(repos: Repositories, currency: string, date: string): Promise<RateQuote> {
  if (currency === 'CNY') return CNY_QUOTE;
  const rate = await repos.procurement.catalogue.rateOn(currency, date);
  if (!rate) throw procurementError('EXCHANGE_RATE_MISSING', { currency, date });
  return { rate: decimal(rate.rate), rateUnit: rate.rateUnit };
}

/**
 * 收结汇: a bank credit recorded against a cleared transaction of a declaration. A transaction
 * collects FX once and a bank credit is used once (both enforced by unique indexes, so also under
 * concurrency); more than the transaction's value is recorded but flagged as over-collected.
 */
export async function recordFxCollection(deps: ProcurementDeps, actor: Actor, input: FxCollectionInput) {
  requirePermission(actor, 'procurement:fx');
  const amount = decimalField(input.amount, '/amount', 2);
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const declaration = await repos.procurement.declarations.getDeclaration(input.declarationId);
    if (!declaration) {
      throw procurementError('PROCUREMENT_NOT_FOUND', {
        what: 'declaration',
        whatZh: '报关单',
        id: input.declarationId,
      });
    }
    const [transaction] = await repos.procurement.transactions.lockTransactions([input.transactionId]);
    const items = await repos.procurement.declarations.itemsOf([declaration.id]);
    if (!transaction || !items.some((i) => i.transaction_id === input.transactionId)) {
      throw procurementError(
        'FX_TRANSACTION_NOT_DECLARED',
        { id: input.transactionId, declarationId: declaration.id },
        { field: '/transactionId' },
      );
    }
    const payee = {
      operator: transaction.operator_id,
      supplier: transaction.supplier_id,
      purchaser: transaction.purchaser_id,
    }[input.payerRole];
    assertActsAs(actor, [transaction.operator_id, transaction.supplier_id, transaction.purchaser_id], {
      en: 'party',
      zh: '当事人',
      field: 'transactionId',
    });
    if (input.payerRole === 'supplier') {
      const supplier = await requireParty(repos, payee, 'supplier', '/payerRole');
      if (supplier.legal_form !== 'individual' && !supplier.usci?.startsWith('92')) {
        throw procurementError(
          'PROCUREMENT_PARTY_KIND',
          {
            field: '/payerRole',
            id: payee,
            kind: 'supplier (organisation)',
            expected: 'supplier that is an individual business (个体工商户)',
          },
          { field: '/payerRole' },
        );
      }
    }
    if (await repos.procurement.settlement.fxOfTransaction(transaction.id)) {
      throw procurementError(
        'FX_TRANSACTION_ALREADY_COLLECTED',
        { id: transaction.id },
        { field: '/transactionId' },
      );
    }
    if (await repos.procurement.settlement.fxByBankReference(input.bankReference)) {
      throw procurementError(
        'FX_BANK_REFERENCE_USED',
        { reference: input.bankReference },
        { field: '/bankReference' },
      );
    }
    assertNextStep(transaction, 'fx_collected');
    const usd = await quote(repos, 'USD', input.creditedOn);
    const amountUsd =
      input.currency === 'USD'
        ? amount
        : convert({ amount, from: await quote(repos, input.currency, input.creditedOn), to: usd });
    const txUsd = await quote(repos, 'USD', declaration.rate_date);
    const expectedUsd =
      transaction.currency === 'USD'
        ? decimal(transaction.total_amount)
        : convert({
            amount: decimal(transaction.total_amount),
            from: await quote(repos, transaction.currency, declaration.rate_date),
            to: txUsd,
          });
    const row: FxCollectionRow = {
      id: newId('fxc', now.getTime()),
      declaration_id: declaration.id,
      transaction_id: transaction.id,
      bank_reference: input.bankReference,
      payer_role: input.payerRole,
      recorded_for_party_id: payee,
      amount: formatDecimal(amount),
      currency: input.currency,
      amount_usd: formatDecimal(amountUsd, 2),
      expected_usd: formatDecimal(expectedUsd, 2),
      over_collected: compare(amountUsd, expectedUsd) > 0,
      credited_on: input.creditedOn,
      created_at: now,
      created_by: actor.id,
    };
    const inserted = await repos.procurement.settlement.insertFx(row);
    if (inserted === 'transaction')
      throw procurementError(
        'FX_TRANSACTION_ALREADY_COLLECTED',
        { id: transaction.id },
        { field: '/transactionId' },
      );
    if (inserted === 'bank_reference')
      throw procurementError(
        'FX_BANK_REFERENCE_USED',
        { reference: input.bankReference },
        { field: '/bankReference' },
      );
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: 'procurement.fx.collected',
      subject: { type: 'procurement_fx_collection', id: row.id },
      partyIds: [transaction.operator_id, transaction.supplier_id, transaction.purchaser_id],
      document: row,
      details: { overCollected: row.over_collected },
    });
    await advanceTransactions(repos, deps.vault, {
      ids: [transaction.id],
      to: 'fx_collected',
      actor,
      at: now,
      reference: row.id,
    });
    return row;
  });
}
