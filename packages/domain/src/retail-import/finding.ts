import type { CebErrorCode } from '../ceb';

/**
 * One problem found by the retail-import rules. `code` is the spec's negative error code (§7 table 7-2)
 * the receipt carries; `field` is an XPath-like location in the same style as the format check's paths
 * (`/CEB621Message/Inventory[1]/InventoryList[2]/qty`: 1-based, unit and line always indexed) or, for a
 * rule over the whole inventory, its head. Texts name the fields and the differing values; personal data
 * in them is masked.
 */
export interface RetailFinding {
  readonly code: CebErrorCode;
  readonly severity: 'error' | 'warning';
  readonly field: string;
  readonly zh: string;
  readonly en: string;
}

export function retailError(code: CebErrorCode, field: string, zh: string, en: string): RetailFinding {
  return { code, severity: 'error', field, zh, en };
}

/** True when any finding refuses the declaration (warnings only flag it for verification). */
export function hasRetailError(findings: readonly RetailFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
