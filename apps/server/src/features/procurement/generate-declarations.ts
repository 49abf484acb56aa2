import { decimal, type RateQuote } from '@kouan/domain/money';
import type { Repositories } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import {
  type BuiltDeclaration,
  buildDeclarations,
  DECLARATION_LIMIT_USD,
  goodsLines,
} from './build-declarations';
import type { HsRuleEntry } from './catalogue.repository';
import type { DeclarationPartyRow, DeclarationRow } from './declarations.repository';
import { blockingRule } from './hs-rules';
import { procurementError } from './procurement.errors';
import {
  assertActsAs,
  chinaDate,
  type ProcurementDeps,
  recordChange,
  requireOperator,
  requireParty,
  requirePermission,
} from './procurement-access';
import { advanceTransactions } from './transaction-lifecycle';
import type { TransactionRow } from './transactions.repository';

export interface GenerateDeclarationsInput {
  readonly containerId: string;
  /** The customs broker who will lodge and print the declarations. */
  readonly brokerId: string;
}

async function quotesFor(repos: Repositories, currencies: readonly string[], date: string) {
  const quotes = new Map<string, RateQuote>();
  for (const currency of new Set([...currencies, 'USD'])) {
    if (currency === 'CNY') continue;
    const rate = await repos.procurement.catalogue.rateOn(currency, date);
    if (!rate) throw procurementError('EXCHANGE_RATE_MISSING', { currency, date });
    quotes.set(currency, { rate: decimal(rate.rate), rateUnit: rate.rateUnit });
  }
  return quotes;
}

/**
 * Generates the customs declarations of a packed container: consignor = the operator (recognised,
 * with a customs filing), one purchaser per declaration, at most USD 150,000 each at the exchange
 * rates of the day, simplified above five kinds of goods. Refused when any goods are on the
 * prohibited/restricted list or any purchaser is now on the bad-purchaser list.
 */
export async function generateDeclarations(
  deps: ProcurementDeps,
  actor: Actor,
  input: GenerateDeclarationsInput,
) {
  requirePermission(actor, 'procurement:declare');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return deps.store.transaction(async (repos) => {
    const { transactions: tx, catalogue } = repos.procurement;
    const container = await tx.getContainerForUpdate(input.containerId);
    if (!container) {
      throw procurementError('PROCUREMENT_NOT_FOUND', {
        what: 'container',
        whatZh: '集装箱',
        id: input.containerId,
      });
    }
    assertActsAs(actor, [container.operator_id], { en: 'operator', zh: '经营者', field: 'containerId' });
    if (container.status !== 'packed')
      throw procurementError('CONTAINER_ALREADY_DECLARED', { id: container.id });
    const operator = await requireOperator(repos, container.operator_id, '/containerId', { customs: true });
    await requireParty(repos, input.brokerId, 'customs_broker', '/brokerId');
    const packing = await tx.packingLinesOf([container.id]);
    const lines = new Map(
      (await tx.linesById(packing.map((p) => p.transaction_line_id))).map((l) => [l.id, l]),
    );
    const transactions = new Map(
      (await tx.lockTransactions([...new Set(packing.map((p) => p.transaction_id))])).map((t) => [t.id, t]),
    );
    const hsRules = await catalogue.activeHsRules();
    await assertDeclarable(repos, {
      hsCodes: [...lines.values()].map((l) => l.hs_code),
      hsRules,
      transactions: [...transactions.values()],
    });
    const quotes = await quotesFor(
      repos,
      [...transactions.values()].map((t) => t.currency),
      today,
    );
    const usd = quotes.get('USD');
    if (!usd) throw procurementError('EXCHANGE_RATE_MISSING', { currency: 'USD', date: today });
    const built = buildDeclarations(goodsLines({ packing, lines, transactions, quotes, usd, hsRules }));
    const rows = declarationRows({
      built,
      numbers: await repos.procurement.declarations.nextDeclarationNumbers(built.length, today),
      containerId: container.id,
      operatorId: operator.id,
      brokerId: input.brokerId,
      today,
      now,
      actor,
    });
    await repos.procurement.declarations.insertDeclarations(rows);
    const { declarations, parties } = rows;
    await tx.markContainerDeclared(container.id);
    for (const [index, d] of declarations.entries()) {
      await recordChange(repos, deps.vault, {
        actor,
        at: now,
        kind: 'procurement.declaration.generated',
        subject: { type: 'procurement_declaration', id: d.id },
        partyIds: parties.filter((p) => p.declaration_id === d.id).map((p) => p.party_id),
        document: { declaration: { ...d, lines: built[index]!.declaredLines }, items: built[index]!.items },
      });
    }
    const ready = await tx.allContainersDeclared([...transactions.keys()]);
    await advanceTransactions(repos, deps.vault, {
      ids: ready,
      to: 'declared',
      actor,
      at: now,
      reference: container.id,
    });
    return declarations;
  });
}

/** The rows of the generated declarations: headers, items, everyone involved and the first event. */
function declarationRows(input: {
  built: readonly BuiltDeclaration[];
  numbers: readonly string[];
  containerId: string;
  operatorId: string;
  brokerId: string;
  today: string;
  now: Date;
  actor: Actor;
}) {
  const { built, numbers, today, now, actor } = input;
  const declarations: DeclarationRow[] = built.map((b, index) => ({
    id: newId('decl', now.getTime()),
    declaration_no: numbers[index]!,
    customs_entry_no: null,
    container_id: input.containerId,
    operator_id: input.operatorId,
    broker_id: input.brokerId,
    purchaser_id: b.purchaserId,
    part_index: index + 1,
    part_count: built.length,
    total_value_usd: b.totalValueUsd,
    limit_usd: DECLARATION_LIMIT_USD,
    rate_date: today,
    simplified: b.simplified,
    lines: JSON.stringify(b.declaredLines),
    status: 'generated',
    created_at: now,
    created_by: actor.id,
    cleared_at: null,
    version: 1,
  }));
  const parties: DeclarationPartyRow[] = declarations.flatMap((d, index) => {
    const goods = built[index]!.goods;
    const role = (party_id: string, r: DeclarationPartyRow['role']) => ({
      party_id,
      declaration_id: d.id,
      role: r,
    });
    return [
      role(d.operator_id, 'operator'),
      role(d.broker_id, 'broker'),
      role(d.purchaser_id, 'purchaser'),
      ...[...new Set(goods.map((g) => g.transaction.supplier_id))].map((s) => role(s, 'supplier')),
      ...[...new Set(goods.flatMap((g) => (g.line.manufacturer_id ? [g.line.manufacturer_id] : [])))].map(
        (m) => role(m, 'manufacturer'),
      ),
    ];
  });
  return {
    declarations,
    items: declarations.flatMap((d, index) =>
      built[index]!.items.map((item) => ({
        declaration_id: d.id,
        packing_line_id: item.packingLineId,
        transaction_id: item.transactionId,
        quantity: item.quantity,
        value_usd: item.valueUsd,
        part_index: item.part?.index ?? null,
        part_count: item.part?.count ?? null,
      })),
    ),
    parties,
    events: declarations.map((d) => ({
      declaration_id: d.id,
      action: 'generated' as const,
      at: now,
      actor_id: actor.id,
      org_id: actor.orgId,
      customs_entry_no: null,
      note: null,
    })),
  };
}

/** Goods on the prohibited/restricted list now, or a purchaser now on the bad-purchaser list, stop the declaration. */
async function assertDeclarable(
  repos: Repositories,
  input: {
    hsCodes: readonly string[];
    hsRules: readonly HsRuleEntry[];
    transactions: readonly TransactionRow[];
  },
) {
  const field = '/containerId';
  for (const hsCode of input.hsCodes) {
    const rule = blockingRule(input.hsRules, hsCode);
    if (rule) throw procurementError('HS_CODE_BLOCKED', { field, hsCode, rule: rule.rule }, { field });
  }
  for (const purchaserId of new Set(input.transactions.map((t) => t.purchaser_id))) {
    if (await repos.procurement.catalogue.isBadPurchaser(purchaserId))
      throw procurementError('PURCHASER_BLOCKED', { id: purchaserId }, { field });
  }
}
