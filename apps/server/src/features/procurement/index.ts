export { changeBadPurchaser } from './change-bad-purchaser';
export { declareVatFiling } from './declare-vat-filing';
export { filePurchaser } from './file-purchaser';
export {
  containerView,
  findBadPurchasers,
  findContainers,
  findDeclarations,
  findProducts,
  findPurchaserFiles,
  findTransactions,
  productView,
  purchaserFileView,
} from './find-records';
export { findVatFilings } from './find-vat-filings';
export { fxReport } from './fx-report';
export { generateDeclarations } from './generate-declarations';
export { generateVatFilings } from './generate-vat-filings';
export { getDeclaration } from './get-declaration';
export { getTransaction, transactionView } from './get-transaction';
export { listProduct } from './list-product';
export { packContainer } from './pack-container';
export type { TransactionInput } from './prepare-transaction';
export { printDeclaration } from './print-declaration';
export { recordClearance } from './record-clearance';
export { recordFxCollection } from './record-fx-collection';
export { changeHsRule, findExchangeRates, findHsRules, recordExchangeRate } from './reference-data';
export { registerTransaction, registerTransactions } from './register-transaction';
export { traceDeclaration, traceParty } from './trace';
