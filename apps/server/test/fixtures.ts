import { residentIdCheckCharacter, usciCheckCharacter } from '@kouan/domain/identifiers';

/**
 * Valid identifiers for test filings, unique within a test file (each file has a fresh database).
 * Bodies use digits only where the demo data uses letters, so they never collide with demo parties.
 */
let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

/** A unified social credit code with a correct check character. */
export function newUsci(): string {
  const body = `91330302KT${String(next()).padStart(7, '0')}`;
  return body + usciCheckCharacter(body);
}

/** A resident ID (Lucheng district, born 1985) with a correct check character. */
export function newResidentId(): string {
  const n = next();
  const body = `330302198506${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

/** A ten-digit customs registration code. */
export function newCustomsCode(): string {
  return `330396${String(next()).padStart(4, '0')}`;
}

/** A passport number unique in this file. */
export function newPassportNumber(): string {
  return `P${String(next()).padStart(8, '0')}`;
}

/** The identifier with its last (check) character replaced by another valid-looking one. */
export function withWrongCheckCharacter(identifier: string): { wrong: string; expected: string } {
  const expected = identifier.slice(-1);
  const replacement = expected === '1' ? '2' : '1';
  return { wrong: identifier.slice(0, -1) + replacement, expected };
}

/** The mask of an ID number as regulators without the unmasked permission see it. */
export function maskedId(id: string): string {
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** A query string from optional parameters (Chinese text encoded). */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
