import { describe, expect, it } from 'vitest';
import { checkRetailPolicies, chinaDate, chinaYear, DEFAULT_RETAIL_POLICIES, retailPolicyAt } from './policy';

describe('retailPolicyAt', () => {
  it('applies 〔2018〕49号 (5,000 / 26,000) from 2019-01-01 00:00 China time', () => {
    const p = retailPolicyAt(DEFAULT_RETAIL_POLICIES, new Date('2018-12-31T16:00:00Z'));
    expect([p.source, p.perTransactionLimitCny, p.annualLimitCny]).toEqual([
      '财关税〔2018〕49号',
      '5000',
      '26000',
    ]);
  });

  it('still applies 〔2016〕18号 (2,000 / 20,000) one millisecond before midnight China time', () => {
    const p = retailPolicyAt(DEFAULT_RETAIL_POLICIES, new Date('2018-12-31T15:59:59.999Z'));
    expect([p.source, p.perTransactionLimitCny, p.annualLimitCny]).toEqual([
      '财关税〔2016〕18号',
      '2000',
      '20000',
    ]);
    expect(p.singleItemOverLimit).toBe('reject');
  });

  it('refuses an instant before any policy (configuration error)', () => {
    expect(() => retailPolicyAt(DEFAULT_RETAIL_POLICIES, new Date('2016-04-07T15:59:59Z'))).toThrow(
      /2016-04-07/,
    );
  });

  it('picks a later configured version regardless of list order', () => {
    const later = {
      ...DEFAULT_RETAIL_POLICIES[1]!,
      id: 'future',
      effectiveFrom: '2030-01-01',
      annualLimitCny: '30000',
    };
    const list = [later, ...DEFAULT_RETAIL_POLICIES];
    expect(retailPolicyAt(list, new Date('2030-06-01T00:00:00Z')).id).toBe('future');
    expect(retailPolicyAt(list, new Date('2029-12-31T15:00:00Z')).id).toBe('cbec-retail-2019');
  });
});

describe('China time', () => {
  it('puts 2024-12-31T16:30Z in 2025 (China is UTC+8)', () => {
    expect(chinaDate(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
    expect(chinaYear(new Date('2024-12-31T16:30:00Z'))).toBe(2025);
    expect(chinaYear(new Date('2024-12-31T15:59:59Z'))).toBe(2024);
  });
});

describe('checkRetailPolicies', () => {
  it('accepts the defaults', () => {
    expect(checkRetailPolicies(DEFAULT_RETAIL_POLICIES)).toEqual([]);
  });

  it('lists every bad field at once', () => {
    const bad = {
      ...DEFAULT_RETAIL_POLICIES[1]!,
      effectiveFrom: '2019-1-1',
      perTransactionLimitCny: '5,000',
      taxRateFactor: '1.5',
      importCurrency: 'CNY',
    };
    expect(checkRetailPolicies([bad])).toEqual([
      'policy cbec-retail-2019: effectiveFrom must be YYYY-MM-DD',
      'policy cbec-retail-2019: perTransactionLimitCny must be a CNY amount ≥ 0',
      'policy cbec-retail-2019: taxRateFactor must be between 0 and 1',
      'policy cbec-retail-2019: importCurrency must be a 3-digit code',
    ]);
    expect(checkRetailPolicies([])).toEqual(['no retail-import policy configured']);
  });
});
