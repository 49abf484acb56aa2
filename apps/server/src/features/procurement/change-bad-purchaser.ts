import type { Actor } from '../../lib/actor';
import { procurementError } from './procurement.errors';
import { type ProcurementDeps, recordChange, requireParty, requirePermission } from './procurement-access';

export interface BadPurchaserChange {
  readonly purchaserId: string;
  readonly action: 'add' | 'remove';
  readonly reason: string;
}

/**
 * Commerce or market regulators put a purchaser on the bad-purchaser list (不良采购商) or take it
 * off. Each change is a new entry; the latest entry per purchaser is in force.
 */
export async function changeBadPurchaser(deps: ProcurementDeps, actor: Actor, input: BadPurchaserChange) {
  requirePermission(actor, 'procurement:lists');
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    await requireParty(repos, input.purchaserId, 'purchaser', '/purchaserId');
    const catalogue = repos.procurement.catalogue;
    await catalogue.lockPurchaserListing(input.purchaserId);
    const listed = await catalogue.isBadPurchaser(input.purchaserId);
    if (listed === (input.action === 'add')) {
      throw procurementError(
        'BAD_PURCHASER_STATE',
        { id: input.purchaserId, listed: listed ? 1 : 0 },
        { field: '/purchaserId' },
      );
    }
    const entry = {
      purchaser_id: input.purchaserId,
      action: input.action,
      reason: input.reason,
      at: now,
      actor_id: actor.id,
      org_id: actor.orgId,
    };
    await catalogue.appendBadPurchaser(entry);
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: input.action === 'add' ? 'procurement.bad_purchaser.added' : 'procurement.bad_purchaser.removed',
      subject: { type: 'party', id: input.purchaserId },
      partyIds: [input.purchaserId],
      document: entry,
      details: { reason: input.reason },
    });
    return { purchaserId: input.purchaserId, listed: input.action === 'add', at: now, reason: input.reason };
  });
}
