import type { HsRuleKind } from '../../db/schema-procurement';
import type { HsRuleEntry } from './catalogue.repository';

const BLOCKING: readonly HsRuleKind[] = ['prohibited', 'restricted'];

/** Rules whose prefix the code starts with. */
function matching(rules: readonly HsRuleEntry[], hsCode: string): HsRuleEntry[] {
  return rules.filter((rule) => hsCode.startsWith(rule.hsPrefix));
}

/** The prohibited/restricted rule that refuses `hsCode`, if any. */
export function blockingRule(rules: readonly HsRuleEntry[], hsCode: string): HsRuleEntry | undefined {
  return matching(rules, hsCode).find((rule) => BLOCKING.includes(rule.rule));
}

/** Export duty and legal inspection flags: goods with either are never merged in a simplified declaration. */
export function mergeFlags(rules: readonly HsRuleEntry[], hsCode: string) {
  const found = matching(rules, hsCode);
  return {
    exportDuty: found.some((rule) => rule.rule === 'export_duty'),
    legalInspection: found.some((rule) => rule.rule === 'legal_inspection'),
  };
}
