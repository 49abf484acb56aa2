import { describe, expect, it } from 'vitest';
import type { BatchContext } from './batch-context';
import type { CebInventoryRow } from './ceb.repository';
import { assertMove, canMove, changeInventoryStatus } from './inventory-lifecycle';

describe('the inventory transition table', () => {
  it('lets a waiting inventory be withdrawn (CEB623) and a withdrawn one be declared again', () => {
    expect(canMove('2', 'cancelled')).toBe(true);
    expect(canMove('cancelled', '2')).toBe(true);
    expect(canMove('100', 'cancelled')).toBe(false);
    expect(canMove('899', '120')).toBe(false);
  });

  it('treats a change that keeps the status as no transition, and throws on a forbidden one', () => {
    expect(() => assertMove('2', '2')).not.toThrow();
    expect(() => assertMove('100', '2')).not.toThrow();
    expect(() => assertMove('800', '2')).toThrow(/800 → 2 is not allowed/);
  });

  it('changeInventoryStatus refuses a transition the table forbids before it changes anything', async () => {
    // Nothing of the batch may be touched: the context is an empty object.
    const ctx = {} as BatchContext;
    const inv = { invt_no: '29912026I000000001', status: '100' } as CebInventoryRow;
    const actor = { type: 'system', id: 'test', requestId: 'req_test' } as never;
    await expect(changeInventoryStatus(ctx, inv, { to: 'cancelled', actor, reason: 'test' })).rejects.toThrow(
      /status 100 → cancelled is not allowed/,
    );
  });
});
