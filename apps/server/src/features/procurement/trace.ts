import type { DeclarationPartyRole } from '../../db/schema-procurement';
import type { Actor } from '../../lib/actor';
import { transactionView } from './get-transaction';
import { type PartyRef, partyRef } from './party-view';
import { procurementError } from './procurement.errors';
import {
  districtOf,
  inDistrictReach,
  ownPartyOf,
  type ProcurementDeps,
  pageOf,
  requirePermission,
} from './procurement-access';

/**
 * 案件追溯 by declaration: declaration → container → transactions (with goods) and broker →
 * operator → purchaser → suppliers → manufacturers. Every read is a key lookup: the declaration by
 * its unique number, its items and parties by declaration id, transactions and lines by their ids.
 */
export async function traceDeclaration(deps: ProcurementDeps, actor: Actor, number: string) {
  requirePermission(actor, 'procurement:read');
  const { procurement } = deps.store.repos;
  const declaration = await procurement.declarations.getDeclarationByNumber(number);
  const own = ownPartyOf(actor);
  if (
    !declaration ||
    (own !== null && !(await procurement.declarations.isPartyOf(declaration.id, own))) ||
    !(await inDistrictReach(deps.store.repos, actor, 'declaration', declaration.id))
  ) {
    throw procurementError('PROCUREMENT_NOT_FOUND', { what: 'declaration', whatZh: '报关单', id: number });
  }
  const [container, items, roles] = await Promise.all([
    procurement.transactions.getContainer(declaration.container_id),
    procurement.declarations.itemsOf([declaration.id]),
    procurement.declarations.partyRecordsOf(declaration.id),
  ]);
  const txIds = [...new Set(items.map((i) => i.transaction_id))];
  const [transactions, lines] = await Promise.all([
    procurement.transactions.getTransactions(txIds),
    procurement.transactions.linesOf(txIds),
  ]);
  const withRole = (r: DeclarationPartyRole): PartyRef[] =>
    roles.filter((p) => p.role === r).map(({ role: _, ...row }) => partyRef(row, deps.vault, actor));
  return {
    declaration: {
      id: declaration.id,
      declarationNo: declaration.declaration_no,
      customsEntryNo: declaration.customs_entry_no,
      status: declaration.status,
      totalValueUsd: declaration.total_value_usd,
      createdAt: declaration.created_at.toISOString(),
    },
    container: container
      ? {
          id: container.id,
          containerNo: container.container_no,
          sealNo: container.seal_no,
          status: container.status,
        }
      : null,
    transactions: transactions.map((t) => ({
      ...transactionView(t),
      lines: lines
        .filter((l) => l.transaction_id === t.id)
        .map((l) => ({
          id: l.id,
          productId: l.product_id,
          productName: l.product_name,
          hsCode: l.hs_code,
          quantity: l.quantity,
          amount: l.amount,
          manufacturerId: l.manufacturer_id,
        })),
    })),
    broker: withRole('broker')[0] ?? null,
    operator: withRole('operator')[0] ?? null,
    purchasers: withRole('purchaser'),
    suppliers: withRole('supplier'),
    manufacturers: withRole('manufacturer'),
  };
}

/**
 * Every declaration a party appears in (as operator, broker, purchaser, supplier or manufacturer); for
 * a district regulator, those with goods from its district's zones.
 */
export async function traceParty(
  deps: ProcurementDeps,
  actor: Actor,
  input: { partyId: string; page?: number | undefined; pageSize?: number | undefined },
) {
  requirePermission(actor, 'procurement:read');
  const own = ownPartyOf(actor);
  if (own !== null && own !== input.partyId) {
    throw procurementError('PROCUREMENT_NOT_FOUND', { what: 'party', whatZh: '主体', id: input.partyId });
  }
  const { page, pageSize, offset, limit } = pageOf(input);
  const repo = deps.store.repos.procurement.declarations;
  const result = await repo.declarationsOfParty(input.partyId, { offset, limit }, districtOf(actor));
  const byId = new Map(
    (await repo.getDeclarations(result.rows.map((r) => r.declaration_id))).map((d) => [d.id, d]),
  );
  return {
    partyId: input.partyId,
    items: result.rows.flatMap((r) => {
      const d = byId.get(r.declaration_id);
      if (!d) return [];
      return [
        {
          id: d.id,
          declarationNo: d.declaration_no,
          customsEntryNo: d.customs_entry_no,
          status: d.status,
          totalValueUsd: d.total_value_usd,
          roles: r.roles,
          createdAt: d.created_at.toISOString(),
        },
      ];
    }),
    page,
    pageSize,
    total: result.total,
  };
}
