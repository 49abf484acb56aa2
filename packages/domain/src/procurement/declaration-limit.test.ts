import { describe, expect, it } from 'vitest';
import { decimal } from '../money';
import { checkDeclarationValue } from './declaration-limit';

const limitUsd = decimal('150000.00');

describe('checkDeclarationValue', () => {
  it('accepts exactly the limit (含15万美元)', () => {
    expect(checkDeclarationValue({ valueUsd: decimal('150000.00'), limitUsd }).ok).toBe(true);
  });

  it('rejects one cent over the limit, with both amounts in the message', () => {
    const checked = checkDeclarationValue({ valueUsd: decimal('150000.01'), limitUsd });
    expect(checked).toMatchObject({ ok: false, code: 'DECLARATION_VALUE_OVER_LIMIT' });
    if (!checked.ok)
      expect(checked.messageEn).toBe(
        "the declaration's goods value USD 150000.01 exceeds the limit of USD 150000.00",
      );
  });

  it('does not round a sub-cent excess away in the message', () => {
    const checked = checkDeclarationValue({ valueUsd: decimal('150000.001'), limitUsd });
    expect(!checked.ok && checked.messageZh).toContain('150000.001');
  });
});
