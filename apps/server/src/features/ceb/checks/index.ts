/**
 * The seam where the checks of a complete import set plug in (matching, limits, positive list, tax,
 * signature). The intake pipeline calls `assess` once per complete set; the annual quota, which
 * needs the database, is applied afterwards by the inventory lifecycle.
 */
import type { Head } from '../ceb-units';

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
  /** Where: `order.acturalPaid`, `inventory.list[2].gname` … */
  readonly field: string;
  readonly zh: string;
  readonly en: string;
}

export interface TaxLine {
  readonly gnum: number;
  readonly gcode: string;
  readonly taxPrice: string;
  readonly customsTax: string;
  readonly valueAddedTax: string;
  readonly consumptionTax: string;
}

/** Shaped like CEB816 (电子税单): head totals and one line per inventory line. */
export interface TaxAssessment {
  readonly customsTax: string;
  readonly valueAddedTax: string;
  readonly consumptionTax: string;
  readonly taxTotal: string;
  readonly lines: readonly TaxLine[];
}

export interface ReferenceData {
  /** HS codes on the positive list on the day of declaration. */
  readonly positiveList: ReadonlySet<string>;
  readonly taxRates: ReadonlyMap<string, { vatRate: string; consumptionRate: string; tariffRate: string }>;
}

export interface SetAssessment {
  readonly findings: readonly Finding[];
  readonly tax: TaxAssessment | null;
  /** The amount counted against the buyer's annual quota (CNY, decimal string). */
  readonly quotaAmount: string;
  readonly annualLimit: string;
}

export interface SetChecks {
  assess(input: {
    readonly set: ImportSetDocs;
    readonly at: Date;
    readonly reference: ReferenceData;
    readonly payerMismatch: 'warn' | 'reject';
  }): SetAssessment;
}
