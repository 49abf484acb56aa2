/**
 * The checks of a complete import set, composed from @kouan/domain/retail-import: 三单对碰
 * (checkImportSet), the single-transaction limit with the single-item full-tax rule, the positive
 * list, the tax assessment (CEB816 shape) and the declared taxTotal against it. All findings at once.
 */
import type { CebDeclarationUnit } from '@kouan/domain/ceb';
import {
  assessImportTax,
  checkDeclaredTaxTotal,
  checkImportSet,
  checkOrderAmounts,
  checkPositiveList,
  checkTransactionLimit,
  DEFAULT_RETAIL_POLICIES,
  type ImportSet,
  importSetPaths,
  type RetailImportPolicy,
  retailPolicyAt,
} from '@kouan/domain/retail-import';
import type { Finding, SetChecks, SetUnit } from '.';

export function createSetChecks(
  policies: readonly RetailImportPolicy[] = DEFAULT_RETAIL_POLICIES,
): SetChecks {
  return {
    assess({ set, at, reference, payerMismatch }) {
      const policy: RetailImportPolicy = {
        ...retailPolicyAt(policies, at),
        payerDifferentFromBuyer: payerMismatch,
      };
      // Units come from validated messages (readCebDeclaration): the typed view of the same data.
      const importSet = set as unknown as ImportSet;
      const inventory = set.inventory as unknown as CebDeclarationUnit<'CEB621Message'>;
      const findings: Finding[] = [...checkImportSet(importSet, policy)];
      const limit = checkTransactionLimit({ inventory, policy });
      if (limit.finding) findings.push(limit.finding);
      findings.push(...checkPositiveList(inventory, reference.isListed));
      const tax = assessImportTax({ inventory, rates: reference.taxRates, policy, fullRate: limit.fullRate });
      findings.push(...tax.findings);
      const declared = checkDeclaredTaxTotal({
        declaredTaxTotal: String(set.order.head.taxTotal ?? '0'),
        assessment: tax,
        policy,
      });
      if (declared) findings.push(declared);
      return {
        findings,
        tax,
        quotaAmount: limit.valueCny,
        annualLimit: policy.annualLimitCny,
        policySource: policy.source,
      };
    },
  };
}

export const defaultSetChecks: SetChecks = createSetChecks();

/** The order's own sums (-301008), checked when the CEB311 arrives: unit `unitIndex` of its message. */
export function checkOrderUnit(order: SetUnit, unitIndex: number): Finding[] {
  // Units come from validated messages (readCebDeclaration): the typed view of the same data.
  return checkOrderAmounts(order as unknown as ImportSet['order'], importSetPaths({ order: unitIndex }));
}
