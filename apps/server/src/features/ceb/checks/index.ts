/**
 * The seam where the checks of a complete import set plug in: matching (三单对碰), the single-transaction
 * limit, the positive list and tax, from @kouan/domain/retail-import. The intake calls `assess` once per
 * complete set; the annual quota, which needs the database, is applied afterwards by the lifecycle.
 */
import type { TaxAssessment, TaxRateTable } from '@kouan/domain/retail-import';
import type { Head } from '../ceb-units';

export type { TaxAssessment } from '@kouan/domain/retail-import';

export interface SetUnit {
  readonly head: Head;
  readonly lists: readonly Head[];
}

export interface ImportSetDocs {
  readonly order: SetUnit;
  readonly payment: SetUnit;
  readonly waybill: SetUnit;
  readonly inventory: SetUnit;
}

export interface Finding {
  /** The spec's negative error code (e.g. -621005). */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** XPath-like location: `/CEB311Message/Order[1]/OrderHead/acturalPaid` … */
  readonly field: string;
  readonly zh: string;
  readonly en: string;
}

export interface ReferenceData {
  /** Whether an HS code is on the positive list on the day of declaration. */
  readonly isListed: (hsCode: string) => boolean;
  readonly taxRates: TaxRateTable;
}

export interface SetAssessment {
  readonly findings: readonly Finding[];
  readonly tax: TaxAssessment | null;
  /** The amount counted against the buyer's annual quota (CNY, decimal string). */
  readonly quotaAmount: string;
  readonly annualLimit: string;
  /** Legal source of the limits applied, for messages. */
  readonly policySource: string;
}

export interface SetChecks {
  assess(input: {
    readonly set: ImportSetDocs;
    readonly at: Date;
    readonly reference: ReferenceData;
    readonly payerMismatch: 'warn' | 'reject';
  }): SetAssessment;
}
