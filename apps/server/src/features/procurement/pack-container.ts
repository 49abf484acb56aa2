import { compare, formatDecimal, parseDecimal, sub } from '@kouan/domain/money';
import { parseContainerNumber } from '@kouan/domain/procurement';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import { decimalField } from './decimal-field';
import { fromDomain, procurementError } from './procurement.errors';
import {
  assertActsAs,
  type ProcurementDeps,
  recordChange,
  requireOperator,
  requirePermission,
} from './procurement-access';
import { advanceTransactions, assertNextStep } from './transaction-lifecycle';
import type { ContainerRow, PackingLineRow } from './transactions.repository';

/** Most packing lines in one container. */
export const MAX_PACKING_LINES = 2_000;

export interface PackContainerInput {
  readonly operatorId: string;
  readonly containerNo: string;
  readonly sealNo: string;
  readonly grossWeightKg: string;
  readonly netWeightKg: string;
  /** Transaction lines to pack; `quantity` defaults to what is left of the line. */
  readonly lines: readonly { readonly transactionLineId: string; readonly quantity?: string | undefined }[];
}

const exact = (text: string) => {
  const parsed = parseDecimal(text, { maxScale: 5, maxIntegerDigits: 14 });
  if (!parsed.ok) throw new Error(`stored quantity ${text} is not a decimal`);
  return parsed.value;
};

/**
 * 组货拼箱: an operator packs lines of registered transactions (of many suppliers and purchasers)
 * into a container. The container number must pass the ISO 6346 check digit; a line is never
 * packed beyond its quantity, even by two packers at once. Transactions whose lines are then all
 * packed become `consolidated`.
 */
export async function packContainer(deps: ProcurementDeps, actor: Actor, input: PackContainerInput) {
  requirePermission(actor, 'procurement:consolidate');
  assertActsAs(actor, [input.operatorId], { en: 'operator', zh: '经营者', field: 'operatorId' });
  const containerNo = parseContainerNumber(input.containerNo);
  if (!containerNo.ok) throw fromDomain(containerNo, { field: '/containerNo' });
  const gross = decimalField(input.grossWeightKg, '/grossWeightKg', 3);
  const net = decimalField(input.netWeightKg, '/netWeightKg', 3);
  if (compare(net, gross) > 0)
    throw procurementError('CONTAINER_WEIGHT_INVALID', {}, { field: '/netWeightKg' });
  const seen = new Set<string>();
  input.lines.forEach((line, index) => {
    const field = `/lines/${index}/transactionLineId`;
    if (seen.has(line.transactionLineId))
      throw procurementError('PACKING_LINE_DUPLICATE', { field, id: line.transactionLineId }, { field });
    seen.add(line.transactionLineId);
    if (line.quantity !== undefined) decimalField(line.quantity, `/lines/${index}/quantity`, 5);
  });
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    await requireOperator(repos, input.operatorId, '/operatorId', { customs: false });
    const tx = repos.procurement.transactions;
    // Lock the transactions first, then read the lines: a concurrent packer's quantities are seen.
    const owners = new Set((await tx.linesById([...seen])).map((l) => l.transaction_id));
    const transactions = new Map((await tx.lockTransactions([...owners])).map((t) => [t.id, t]));
    const found = new Map((await tx.linesById([...seen])).map((line) => [line.id, line]));
    const container: ContainerRow = {
      id: newId('ctr', now.getTime()),
      container_no: containerNo.value,
      seal_no: input.sealNo,
      operator_id: input.operatorId,
      gross_weight_kg: formatDecimal(gross),
      net_weight_kg: formatDecimal(net),
      status: 'packed',
      created_at: now,
      created_by: actor.id,
    };
    const packing: PackingLineRow[] = [];
    for (const [index, wanted] of input.lines.entries()) {
      const field = `/lines/${index}`;
      const line = found.get(wanted.transactionLineId);
      const transaction = line && transactions.get(line.transaction_id);
      if (!line || !transaction) {
        throw procurementError(
          'PROCUREMENT_NOT_FOUND',
          { what: 'transaction line', whatZh: '交易商品行', id: wanted.transactionLineId },
          { field: `${field}/transactionLineId` },
        );
      }
      if (transaction.operator_id !== input.operatorId) {
        throw procurementError(
          'PACKING_OPERATOR_MISMATCH',
          { field, id: transaction.id },
          { field: `${field}/transactionLineId` },
        );
      }
      const remaining = sub(exact(line.quantity), exact(line.packed_quantity));
      if (compare(remaining, exact('0')) <= 0) {
        throw procurementError(
          'PACKING_LINE_ALREADY_PACKED',
          { field, id: line.id },
          { field: `${field}/transactionLineId` },
        );
      }
      assertNextStep(transaction, 'consolidated');
      const quantity = wanted.quantity === undefined ? remaining : exact(wanted.quantity);
      if (!(await tx.addPacked(line.id, formatDecimal(quantity)))) {
        throw procurementError(
          'PACKING_QUANTITY_EXCEEDED',
          { field, id: line.id, remaining: formatDecimal(remaining), quantity: formatDecimal(quantity) },
          { field: `${field}/quantity` },
        );
      }
      packing.push({
        id: newId('pack', now.getTime()),
        container_id: container.id,
        transaction_line_id: line.id,
        transaction_id: transaction.id,
        quantity: formatDecimal(quantity),
      });
    }
    if (!(await tx.insertContainer(container, packing))) {
      throw procurementError(
        'CONTAINER_IN_USE',
        { containerNo: containerNo.value },
        { field: '/containerNo' },
      );
    }
    const parties = [...transactions.values()].flatMap((t) => [t.supplier_id, t.purchaser_id]);
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: 'procurement.container.packed',
      subject: { type: 'procurement_container', id: container.id },
      partyIds: [input.operatorId, ...parties],
      document: { container, packing },
    });
    const complete = await tx.fullyPacked([...transactions.keys()]);
    await advanceTransactions(repos, deps.vault, {
      ids: complete,
      to: 'consolidated',
      actor,
      at: now,
      reference: container.id,
    });
    return { container, packing };
  });
}
