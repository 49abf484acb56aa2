import type { Actor } from '../../lib/actor';
import { attachmentView } from './attachments';
import { procurementError } from './procurement.errors';
import { inDistrictReach, ownPartyOf, type ProcurementDeps, requirePermission } from './procurement-access';
import type { TransactionRow } from './transactions.repository';

/** A transaction with its lines, attachments (hashes), status history and declarations. */
export async function getTransaction(deps: ProcurementDeps, actor: Actor, id: string) {
  requirePermission(actor, 'procurement:read');
  const { procurement } = deps.store.repos;
  const row = await procurement.transactions.getTransaction(id);
  const own = ownPartyOf(actor);
  if (
    !row ||
    (own !== null && ![row.supplier_id, row.operator_id, row.purchaser_id].includes(own)) ||
    !(await inDistrictReach(deps.store.repos, actor, 'transaction', row.id))
  ) {
    throw procurementError('PROCUREMENT_NOT_FOUND', { what: 'transaction', whatZh: '交易', id });
  }
  const [lines, events, attachments, declarations] = [
    await procurement.transactions.linesOf([id]),
    await procurement.transactions.eventsOf(id),
    await procurement.catalogue.findAttachments('procurement_transaction', id),
    await procurement.declarations.declarationsOfTransactions([id]),
  ];
  return {
    ...transactionView(row),
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      productName: l.product_name,
      hsCode: l.hs_code,
      unit: l.unit,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      amount: l.amount,
      packedQuantity: l.packed_quantity,
    })),
    attachments: attachments.map(attachmentView),
    history: events.map((e) => ({
      from: e.from_status,
      to: e.to_status,
      at: e.at.toISOString(),
      actorId: e.actor_id,
      reference: e.reference,
    })),
    declarations: declarations.map((d) => ({ id: d.id, declarationNo: d.declaration_no, status: d.status })),
  };
}

export function transactionView(row: TransactionRow) {
  return {
    id: row.id,
    zoneId: row.zone_id,
    stallNo: row.stall_no,
    supplierId: row.supplier_id,
    purchaserId: row.purchaser_id,
    operatorId: row.operator_id,
    currency: row.currency,
    totalAmount: row.total_amount,
    paymentMethod: row.payment_method,
    tradeDate: row.trade_date,
    status: row.status,
    registeredAt: row.registered_at.toISOString(),
  };
}
