/**
 * The bonded account book (保税账册) of 1210 goods: stock per (emsNo, itemRecordNo), changed only by
 * appended movements. Goods enter through the warehouse's entry (in practice the zone's 核注清单 —
 * CEB711 lists arriving parcels, not quantities), released 1210 inventories deduct, cancels and
 * returns add back. The stock never goes below zero (the database refuses it too).
 */
import { parseDecimal } from '@kouan/domain/money';
import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import { newId } from '../../lib/ids';
import type { PiiVault } from '../../lib/pii';
import { recordEvidence } from '../evidence';
import { cebError } from './ceb.errors';

export const MAX_BONDED_ITEMS_PER_ENTRY = 1000;
const QTY = { maxScale: 5, maxIntegerDigits: 14 };

export interface BondedEntryInput {
  readonly emsNo: string;
  /** The entry document (核注清单号 / 入区凭证) the goods came in with. */
  readonly reference: string;
  readonly items: readonly { readonly itemRecordNo: string; readonly qty: string }[];
}

export async function recordBondedEntry(
  deps: { store: Store; clock: Clock; vault: PiiVault },
  actor: Actor,
  input: BondedEntryInput,
): Promise<{ emsNo: string; stock: { itemRecordNo: string; quantity: string }[] }> {
  for (const [i, item] of input.items.entries()) {
    const qty = parseDecimal(item.qty, QTY);
    if (!qty.ok || qty.value.units <= 0n) {
      throw cebError(
        'CEB_BONDED_STOCK_INVALID',
        {
          field: `items[${i}].qty`,
          zh: `数量"${item.qty}"须为大于 0 的数（最多 5 位小数）`,
          en: `qty "${item.qty}" must be a positive decimal (up to 5 places)`,
        },
        { field: `/items/${i}/qty` },
      );
    }
  }
  if (actor.scope.kind === 'enterprise') {
    const party = actor.scope.partyId
      ? await deps.store.repos.parties.getParty(actor.scope.partyId, { kind: 'all' })
      : undefined;
    if (party?.kind !== 'bonded_warehouse' || party.status !== 'active') {
      throw commonError('FORBIDDEN', { permission: 'ceb:submit (bonded warehouse)' });
    }
  }
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    for (const item of input.items) await repos.ceb.addStock(input.emsNo, item.itemRecordNo, item.qty);
    await repos.ceb.insertMovements(
      input.items.map((item) => ({
        id: newId('bmov', now.getTime()),
        ems_no: input.emsNo,
        item_record_no: item.itemRecordNo,
        delta: item.qty,
        reason: `entry ${input.reference}`,
        doc_key: null,
        at: now,
        actor_id: actor.id,
      })),
    );
    await repos.audit.record({
      at: now,
      actor,
      action: 'ceb.bonded.entry',
      targetType: 'ceb_bonded_book',
      targetId: input.emsNo,
      details: { reference: input.reference, items: input.items.length },
    });
    await recordEvidence({ evidence: repos.evidence, vault: deps.vault }, [
      {
        kind: 'message.accepted',
        subject: { type: 'ceb_bonded_entry', id: `${input.emsNo}/${input.reference}` },
        actor,
        at: now,
        partyIds: actor.scope.kind === 'enterprise' && actor.scope.partyId ? [actor.scope.partyId] : [],
        document: input,
      },
    ]);
    const stock = await repos.ceb.getStock(input.emsNo);
    return {
      emsNo: input.emsNo,
      stock: stock.map((s) => ({ itemRecordNo: s.item_record_no, quantity: s.quantity })),
    };
  });
}

export async function getBondedStock(deps: { store: Store }, emsNo: string) {
  const stock = await deps.store.repos.ceb.getStock(emsNo);
  return { emsNo, stock: stock.map((s) => ({ itemRecordNo: s.item_record_no, quantity: s.quantity })) };
}
