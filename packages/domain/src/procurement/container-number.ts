import { invariant } from '../assert';
import { type ProcurementResult, procurementError, procurementOk } from './errors';

/** A container number that passed ISO 6346 validation, in canonical form (`CSQU3054383`). */
export type ContainerNumber = string & { readonly __brand: 'ContainerNumber' };

/** Longer input is rejected without being echoed in full. */
export const MAX_CONTAINER_NUMBER_INPUT_LENGTH = 32;

const CANONICAL = /^[A-Z]{3}[UJZ]\d{7}$/;
const FIRST_TEN = /^[A-Z]{3}[UJZ]\d{6}$/;

/**
 * ISO 6346 letter values: A = 10 and up, skipping 11, 22, 33 (multiples of 11), so
 * A10 B12 C13 … K21 L23 … U32 V34 … Z38.
 */
const LETTER_VALUES: ReadonlyMap<string, number> = (() => {
  const values = new Map<string, number>();
  let value = 10;
  for (let code = 'A'.charCodeAt(0); code <= 'Z'.charCodeAt(0); code += 1) {
    if (value % 11 === 0) value += 1;
    values.set(String.fromCharCode(code), value);
    value += 1;
  }
  return values;
})();

function characterValue(character: string): number {
  const letter = LETTER_VALUES.get(character);
  return letter ?? Number(character);
}

/**
 * The ISO 6346 check digit of the first ten characters (owner code, category, serial): each
 * character's value times 2^position, summed, mod 11, and a remainder of 10 written as 0.
 */
export function containerCheckDigit(firstTen: string): number {
  invariant(FIRST_TEN.test(firstTen), `not the first ten characters of a container number: ${firstTen}`);
  let total = 0;
  for (let position = 0; position < firstTen.length; position += 1) {
    total += characterValue(firstTen.charAt(position)) * 2 ** position;
  }
  return (total % 11) % 10;
}

/**
 * Validates a container number and returns it in canonical form. Operators copy these from
 * packing lists and seals, so the forms people write are accepted: lower case, and spaces or
 * hyphens between the parts (`csqu 305438-3`). Anything else is `CONTAINER_NUMBER_FORMAT`; a wrong
 * last digit is `CONTAINER_NUMBER_CHECK_DIGIT`, with the digit it should have been.
 */
export function parseContainerNumber(input: string): ProcurementResult<ContainerNumber> {
  const shown = input.length > MAX_CONTAINER_NUMBER_INPUT_LENGTH ? `${input.slice(0, 16)}…` : input;
  if (input.length > MAX_CONTAINER_NUMBER_INPUT_LENGTH) {
    return procurementError('CONTAINER_NUMBER_FORMAT', { input: shown });
  }
  const candidate = input.trim().replace(/[ -]/g, '').toUpperCase();
  if (!CANONICAL.test(candidate)) return procurementError('CONTAINER_NUMBER_FORMAT', { input: shown });
  const expected = containerCheckDigit(candidate.slice(0, 10));
  const actual = Number(candidate.charAt(10));
  if (expected !== actual) {
    return procurementError('CONTAINER_NUMBER_CHECK_DIGIT', { input: candidate, expected, actual });
  }
  return procurementOk(candidate as ContainerNumber);
}
