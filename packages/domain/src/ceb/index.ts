export { type CebTextEncoding, decodeXmlBytes } from './decode';
export type { DxpTransInfo } from './dxp-envelope';
export { DXP_NAMESPACE } from './dxp-envelope';
export type {
  CebCodeText,
  CebDxpErrorCode,
  CebErrorCategory,
  CebErrorCode,
  CebErrorEntry,
  CebRefusalCode,
  CebReturnStatusCode,
  CebReturnStatusFor,
  KouanCebErrorCode,
  KouanCebErrorEntry,
} from './error-codes';
export {
  CEB_DXP_ERROR_CODES,
  CEB_ERROR_CODES,
  CEB_RETURN_STATUSES,
  CEB_RETURN_STATUSES_BY_RECEIPT,
  cebErrorEntries,
  isCebErrorCode,
  isKouanCebErrorCode,
  KOUAN_CEB_ERROR_CODES,
} from './error-codes';
export { CEB_RECEIPT_NAMES, cebCodedValue, cebFieldLabel } from './field-labels';
export type {
  CebBusinessReceiptType,
  CebDeclarationType,
  CebExportDeclarationType,
  CebImportDeclarationType,
  CebMessageType,
  CebReceiptType,
} from './message-types';
export {
  CEB_EXPORT_DECLARATION_TYPES,
  CEB_IMPORT_DECLARATION_TYPES,
  CEB_RECEIPT_TYPE_FOR,
  isCebDeclarationType,
  isCebMessageType,
} from './message-types';
export type {
  CebDeclarationUnit,
  CebDeclarationUnitMap,
  CebDeclarationView,
  CebMessageData,
} from './messages';
export { readCebDeclaration, readCebMessage } from './messages';
export type { CebBodyFormat, CebParseFailure, CebParseResult, ParsedCebMessage } from './parse';
export {
  CEB_MAX_ATTRIBUTES_PER_ELEMENT,
  CEB_MAX_BODY_BYTES,
  CEB_MAX_DEPTH,
  CEB_MAX_ELEMENTS,
  parseCebBody,
  parseCebJson,
  parseCebXml,
} from './parse';
export type { CebParseError, CebParseErrorCode } from './parse-errors';
export type * from './receipt-types';
export type {
  BuildCebReceiptInput,
  CebReceiptBuildResult,
  CebReceiptJson,
  FormatErrorReceiptInput,
} from './receipts';
export {
  buildCebReceipt,
  buildFormatErrorReceipt,
  CEB_RECEIPT_VERSION,
  CEB900_MAX_ORIGINAL_CHARS,
  CEB900_RETURN_STATUS,
  cebGuid,
  cebReceiptJson,
  formatCebTimestamp,
} from './receipts';
export { CEB_EXPORT_SCHEMA, CEB_IMPORT_SCHEMA } from './schema/generated';
export type * from './schema/generated-types';
export type { CebSchemaName, XsdSchema } from './schema/schema-types';
export { CEB_NAMESPACE, XMLDSIG_NAMESPACE } from './schema/schema-types';
export type { CebDateTimeFormat } from './schema/spec-rules';
export type { BuildCebTaxBillInput, CebTaxBillLine, CebTaxBillStatus } from './tax-bill';
export { buildCebTaxBill, CEB_TAX_BILL_STATUS } from './tax-bill';
export type { CebElement } from './tree';
export type { CebTreeViolations, CebValidationReport, ValidCebMessage } from './validate';
export { CEB_MAX_VIOLATIONS, validateCebMessage, validateCebTree } from './validate';
export type { CebViolation, CebViolationCode } from './violations';
