/**
 * Every retail-import rule over one import set in one call, for the intake and its dry-run: 三单对碰,
 * positive list, single-transaction limit, tax (assessed and compared with the order's taxTotal) and,
 * when the caller passes the buyer's used quota, the annual limit. The annual check is optional because
 * the server must read and reserve the quota atomically (under a lock) when it accepts an inventory.
 */
import { checkImportSet } from './check-import-set';
import type { RetailFinding } from './finding';
import { hasRetailError } from './finding';
import type { ImportSet } from './import-set';
import { importSetPaths } from './import-set';
import { checkAnnualQuota, checkTransactionLimit } from './limits';
import type { RetailImportPolicy } from './policy';
import { checkPositiveList } from './positive-list';
import { assessImportTax, checkDeclaredTaxTotal, type TaxAssessment } from './tax';
import type { TaxRateTable } from './tax-rates';

export interface RetailImportEvaluation {
  /** All findings, in the order: matching, positive list, limits, tax. */
  readonly findings: readonly RetailFinding[];
  /** True when some finding is an error (the inventory is refused). */
  readonly refused: boolean;
  /** Over-limit single item accepted at the full rate. */
  readonly fullRate: boolean;
  /** Dutiable value, CNY: what the annual quota counts for this inventory. */
  readonly valueCny: string;
  readonly tax: TaxAssessment;
}

export function evaluateRetailImport(input: {
  readonly set: ImportSet;
  readonly policy: RetailImportPolicy;
  readonly rates: TaxRateTable;
  readonly isListed: (hsCode: string) => boolean;
  /** The buyer's quota already used this calendar year (China time), CNY; omit to skip the annual check. */
  readonly usedAnnualCny?: string;
}): RetailImportEvaluation {
  const { set, policy } = input;
  const unitIndex = set.unitIndexes?.inventory ?? 0;
  const at = importSetPaths(set.unitIndexes);
  const limit = checkTransactionLimit({ inventory: set.inventory, policy, unitIndex });
  const tax = assessImportTax({
    inventory: set.inventory,
    rates: input.rates,
    policy,
    fullRate: limit.fullRate,
    unitIndex,
  });
  const declared = checkDeclaredTaxTotal({
    declaredTaxTotal: set.order.head.taxTotal,
    assessment: tax,
    policy,
    field: at.order('taxTotal'),
  });
  const annual =
    input.usedAnnualCny === undefined
      ? undefined
      : checkAnnualQuota({
          usedCny: input.usedAnnualCny,
          requestCny: limit.valueCny,
          policy,
          buyerIdNumber: set.inventory.head.buyerIdNumber,
          inventoryRef: set.inventory.head.invtNo ?? set.inventory.head.copNo ?? set.inventory.head.orderNo,
          field: at.inventory('buyerIdNumber'),
        });
  const findings = [
    ...checkImportSet(set, policy),
    ...checkPositiveList(set.inventory, input.isListed, unitIndex),
    ...(limit.finding ? [limit.finding] : []),
    ...(annual ? [annual] : []),
    ...tax.findings,
    ...(declared ? [declared] : []),
  ];
  return {
    findings,
    refused: hasRetailError(findings),
    fullRate: limit.fullRate,
    valueCny: limit.valueCny,
    tax,
  };
}
