export { checkImportSet } from './check-import-set';
export { checkOrderAmounts } from './check-set-amounts';
export type { CsvError } from './csv';
export { CSV_MAX_FIELD_CHARS, CSV_MAX_ROWS } from './csv';
export type { RetailImportEvaluation } from './evaluate-retail-import';
export { evaluateRetailImport } from './evaluate-retail-import';
export type { RetailFinding } from './finding';
export { hasRetailError } from './finding';
export type { ImportSet, ImportSetPaths } from './import-set';
export { importSetPaths, inventoryPaths } from './import-set';
export type { TransactionLimitResult } from './limits';
export {
  checkAnnualQuota,
  checkTransactionLimit,
  formatCny,
  inventoryDutiableValue,
  isSingleItemInventory,
} from './limits';
export type { RetailImportPolicy } from './policy';
export { checkRetailPolicies, chinaDate, chinaYear, DEFAULT_RETAIL_POLICIES, retailPolicyAt } from './policy';
export type { PositiveListEntry } from './positive-list';
export {
  checkPositiveList,
  parsePositiveListCsv,
  positiveListLookup,
  SAMPLE_POSITIVE_LIST_CSV,
} from './positive-list';
export type { TaxAssessment, TaxAssessmentLine } from './tax';
export { apportion, assessImportTax, checkDeclaredTaxTotal } from './tax';
export type { TaxRate, TaxRateTable } from './tax-rates';
export { findTaxRate, parseTaxRateCsv, SAMPLE_TAX_RATES_CSV, taxRateTable } from './tax-rates';
