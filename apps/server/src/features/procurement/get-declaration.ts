import type { Actor } from '../../lib/actor';
import type { DeclaredLine } from './build-declarations';
import type { DeclarationRow } from './declarations.repository';
import { type PartyRef, partyRef, purchaserRemark } from './party-view';
import { procurementError } from './procurement.errors';
import { inDistrictReach, ownPartyOf, type ProcurementDeps, requirePermission } from './procurement-access';

export interface DeclarationView {
  readonly id: string;
  readonly declarationNo: string;
  readonly customsEntryNo: string | null;
  readonly tradeMode: '1039';
  readonly status: DeclarationRow['status'];
  readonly container: {
    id: string;
    containerNo: string;
    sealNo: string;
    grossWeightKg: string;
    netWeightKg: string;
  };
  readonly consignor: PartyRef;
  readonly broker: PartyRef;
  readonly purchaser: PartyRef;
  readonly remarks: string;
  readonly part: { index: number; count: number };
  readonly totalValueUsd: string;
  readonly limitUsd: string;
  readonly rateDate: string;
  readonly simplified: boolean;
  readonly lines: DeclaredLine[];
  readonly items: { packingLineId: string; transactionId: string; quantity: string; valueUsd: string }[];
  readonly events: {
    action: string;
    at: string;
    actorId: string;
    customsEntryNo: string | null;
    note: string | null;
  }[];
  readonly createdAt: string;
}

/**
 * Reads a declaration the actor may see (city regulators all; district regulators those with goods
 * from their district's zones; enterprises those they appear in).
 */
export async function loadDeclaration(
  deps: ProcurementDeps,
  actor: Actor,
  id: string,
): Promise<DeclarationRow> {
  const repo = deps.store.repos.procurement.declarations;
  const row = await repo.getDeclaration(id);
  const own = ownPartyOf(actor);
  if (
    !row ||
    (own !== null && !(await repo.isPartyOf(row.id, own))) ||
    !(await inDistrictReach(deps.store.repos, actor, 'declaration', row.id))
  ) {
    throw procurementError('PROCUREMENT_NOT_FOUND', { what: 'declaration', whatZh: '报关单', id });
  }
  return row;
}

/** The declaration as JSON: consignor, broker, purchaser remarks (masked unless allowed), goods, history. */
export async function getDeclaration(
  deps: ProcurementDeps,
  actor: Actor,
  id: string,
): Promise<DeclarationView> {
  requirePermission(actor, 'procurement:read');
  const row = await loadDeclaration(deps, actor, id);
  return declarationView(deps, actor, row);
}

export async function declarationView(
  deps: ProcurementDeps,
  actor: Actor,
  row: DeclarationRow,
): Promise<DeclarationView> {
  const { repos } = deps.store;
  const party = async (partyId: string) => {
    const p = await repos.parties.getParty(partyId, { kind: 'all' });
    if (!p) throw new Error(`declaration ${row.id} names missing party ${partyId}`);
    return partyRef(p, deps.vault, actor);
  };
  const container = await repos.procurement.transactions.getContainer(row.container_id);
  if (!container) throw new Error(`declaration ${row.id} has no container`);
  const [consignor, broker, purchaser, items, events] = [
    await party(row.operator_id),
    await party(row.broker_id),
    await party(row.purchaser_id),
    await repos.procurement.declarations.itemsOf([row.id]),
    await repos.procurement.declarations.eventsOf(row.id),
  ];
  return {
    id: row.id,
    declarationNo: row.declaration_no,
    customsEntryNo: row.customs_entry_no,
    tradeMode: '1039',
    status: row.status,
    container: {
      id: container.id,
      containerNo: container.container_no,
      sealNo: container.seal_no,
      grossWeightKg: container.gross_weight_kg,
      netWeightKg: container.net_weight_kg,
    },
    consignor,
    broker,
    purchaser,
    remarks: purchaserRemark(purchaser),
    part: { index: row.part_index, count: row.part_count },
    totalValueUsd: row.total_value_usd,
    limitUsd: row.limit_usd,
    rateDate: row.rate_date,
    simplified: row.simplified,
    lines: (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as DeclaredLine[],
    items: items.map((i) => ({
      packingLineId: i.packing_line_id,
      transactionId: i.transaction_id,
      quantity: i.quantity,
      valueUsd: i.value_usd,
    })),
    events: events.map((e) => ({
      action: e.action,
      at: e.at.toISOString(),
      actorId: e.actor_id,
      customsEntryNo: e.customs_entry_no,
      note: e.note,
    })),
    createdAt: row.created_at.toISOString(),
  };
}
