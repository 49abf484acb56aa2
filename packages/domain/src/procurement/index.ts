export {
  type ContainerNumber,
  containerCheckDigit,
  MAX_CONTAINER_NUMBER_INPUT_LENGTH,
  parseContainerNumber,
} from './container-number';
export { checkDeclarationValue } from './declaration-limit';
export {
  type LineInvalidReason,
  PROCUREMENT_ERROR_CODES,
  type ProcurementError,
  type ProcurementErrorCode,
  type ProcurementErrorDetails,
  type ProcurementErrorOf,
  type ProcurementOk,
  type ProcurementResult,
} from './errors';
export { type GoodsLineAmounts, MAX_GOODS_LINES, MAX_QUANTITY_SCALE, USD_VALUE_SCALE } from './goods-line';
export {
  type QuantityByUnit,
  SIMPLIFIED_DECLARATION_ITEMIZED_KINDS,
  type SimplifiedLine,
  type SimplifiedLineBasis,
  type SimplifyDeclarationInput,
  type SimplifyLine,
  simplifyDeclaration,
} from './simplify-declaration';
export {
  type DeclarationDraft,
  type DeclarationDraftLine,
  MAX_SPLIT_DECLARATIONS,
  type SplitIntoDeclarationsInput,
  type SplitLine,
  splitIntoDeclarations,
} from './split-declarations';
