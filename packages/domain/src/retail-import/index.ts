export { checkImportSet } from './check-import-set';
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
