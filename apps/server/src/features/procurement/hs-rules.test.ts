import { describe, expect, it } from 'vitest';
import { blockingRule, mergeFlags } from './hs-rules';

const at = new Date('2026-01-01T00:00:00Z');
const rules = [
  { hsPrefix: '9303', rule: 'prohibited' as const, reason: 'firearms', at },
  { hsPrefix: '2903', rule: 'restricted' as const, reason: 'ODS', at },
  { hsPrefix: '9613', rule: 'legal_inspection' as const, reason: 'lighters', at },
  { hsPrefix: '7202', rule: 'export_duty' as const, reason: 'ferro-alloys', at },
];

describe('HS rules', () => {
  it('blocks codes under a prohibited or restricted prefix and nothing else', () => {
    expect(blockingRule(rules, '9303200000')?.rule).toBe('prohibited');
    expect(blockingRule(rules, '2903150000')?.rule).toBe('restricted');
    expect(blockingRule(rules, '9613100000')).toBeUndefined();
    expect(blockingRule(rules, '9030000000')).toBeUndefined();
  });

  it('flags legal inspection and export duty so those goods are never merged', () => {
    expect(mergeFlags(rules, '9613100000')).toEqual({ exportDuty: false, legalInspection: true });
    expect(mergeFlags(rules, '7202110000')).toEqual({ exportDuty: true, legalInspection: false });
    expect(mergeFlags(rules, '6402991000')).toEqual({ exportDuty: false, legalInspection: false });
  });
});
