import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors';
import { assertNextStep, previousStatus, TRANSACTION_LIFECYCLE } from './transaction-lifecycle';

describe('the transaction lifecycle', () => {
  it('reaches each status only from the one before it', () => {
    expect(TRANSACTION_LIFECYCLE.map(previousStatus)).toEqual([
      null,
      'registered',
      'consolidated',
      'declared',
      'cleared',
      'fx_collected',
    ]);
  });

  it('refuses a skipped or repeated step with TRANSACTION_STEP_OUT_OF_ORDER', () => {
    expect(() => assertNextStep({ id: 'ptx_1', status: 'declared' }, 'fx_collected')).toThrowError(
      DomainError,
    );
    const error = (() => {
      try {
        assertNextStep({ id: 'ptx_1', status: 'cleared' }, 'cleared');
        return null;
      } catch (caught) {
        return caught as DomainError;
      }
    })();
    expect(error?.code).toBe('TRANSACTION_STEP_OUT_OF_ORDER');
    expect(error?.messages.zh).toContain('ptx_1');
    expect(() => assertNextStep({ id: 'ptx_1', status: 'cleared' }, 'fx_collected')).not.toThrow();
  });
});
