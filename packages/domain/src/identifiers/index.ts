export { COUNTRIES, type Country, type CountryAlpha2, getCountry } from './countries';
export { CUSTOMS_CODE_LENGTH, validateCustomsCode } from './customs-code';
export {
  PASSPORT_NUMBER_MAX_LENGTH,
  PASSPORT_NUMBER_MIN_LENGTH,
  type Passport,
  validateNationality,
  validatePassport,
  validatePassportNumber,
} from './passport';
export {
  birthDateOf,
  EARLIEST_BIRTH_DATE,
  type Gender,
  genderOf,
  RESIDENT_ID_LENGTH,
  residentIdCheckCharacter,
  validateResidentId,
} from './resident-id';
export {
  IDENTIFIER_ERROR_CODES,
  type IdentifierError,
  type IdentifierErrorCode,
  type IdentifierOk,
  type IdentifierResult,
} from './result';
export { USCI_ALPHABET, USCI_LENGTH, usciCheckCharacter, validateUsci } from './usci';
