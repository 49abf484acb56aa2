export { actOnInventory, CUSTOMS_ACTIONS, type CustomsAction, type InventoryView } from './act-on-inventory';
export { cebIntakeRoutes, cebRoutes } from './ceb.routes';
export { createSetChecks } from './checks/assess-import-set';
export { findInventories } from './find-inventories';
export { findReceipts } from './find-receipts';
export { getOrderView } from './get-order-view';
export {
  type CebIntakeService,
  type ConformanceReport,
  cebIntakeDeps,
  createCebIntakeService,
} from './intake-service';
export { findReference, loadReferenceCsv, type ReferenceTable, seedReferenceSamples } from './reference-data';
export { rejectExpiredInventories } from './reject-expired-inventories';
export {
  type CebIntakeDeps,
  type CebSubmission,
  type CebSubmissionResult,
  type SignatureCheck,
  submitCebMessages,
} from './submit-messages';
