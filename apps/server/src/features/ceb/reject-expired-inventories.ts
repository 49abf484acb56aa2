/**
 * The time-out job: inventories still waiting for their order, payment or waybill after the
 * configured time are rejected (status 100) and the enterprise gets the CEB622 saying which
 * documents never arrived.
 */
import type { Store } from '../../db/store';
import { systemActor } from '../../lib/actor';
import { BatchContext, type CebDeps } from './batch-context';
import { rejectInventory } from './inventory-lifecycle';

/** Inventories handled per run (the job runs again for the rest). */
export const EXPIRY_BATCH = 200;

export async function rejectExpiredInventories(deps: CebDeps & { store: Store }): Promise<number> {
  const now = deps.clock.now();
  const actor = systemActor('req_ceb_expiry', 'ceb-set-timeout');
  return deps.store.transaction(async (repos) => {
    const expired = await repos.ceb.findExpiredWaiting(now, EXPIRY_BATCH);
    if (expired.length === 0) return 0;
    await repos.ceb.lockSets(expired.map((e) => e.order_no));
    const ctx = new BatchContext(repos, deps, now, false);
    let count = 0;
    for (const stale of expired) {
      const inv = await repos.ceb.getInventory(stale.doc_key);
      if (inv?.status !== '2') continue;
      await rejectInventory(ctx, inv, {
        actor,
        code: '-621003',
        reason: `清单申报失败，等待订单、支付单、运单超时（${deps.config.setTimeoutMinutes} 分钟）/ the set was not complete within ${deps.config.setTimeoutMinutes} minutes`,
      });
      count++;
    }
    ctx.audit.push({
      at: now,
      actor,
      action: 'ceb.inventory.expired',
      targetType: 'ceb_inventory',
      targetId: 'batch',
      details: { count, invtNos: expired.map((e) => e.invt_no) },
    });
    await ctx.flush();
    return count;
  });
}
