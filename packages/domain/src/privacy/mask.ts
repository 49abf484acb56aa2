/**
 * Masking of personal information for display (lists, receipts, logs shown to people). Masking is not
 * protection at rest; that is encryption. Every function here is total: any string in, a string out,
 * and a non-empty input never comes back unmasked (a value too short to keep its ends is starred whole).
 * Lengths are counted in code points, so rare characters outside the BMP (e.g. 𠮷) count as one.
 */
const STAR = '*';

const ID_NUMBER_KEEP_START = 3;
const ID_NUMBER_KEEP_END = 4;
const PASSPORT_KEEP_START = 2;
const PASSPORT_KEEP_END = 2;
const PHONE_KEEP_END = 4;
const ADDRESS_KEEP_START = 6;
const ADDRESS_SUFFIX = '****';

/** Resident ID and similar numbers: first 3 and last 4 kept, e.g. `330***********1234`. */
export function maskIdNumber(value: string): string {
  return keepEnds(value.trim(), ID_NUMBER_KEEP_START, ID_NUMBER_KEEP_END);
}

/** Passport numbers: first 2 and last 2 kept, e.g. `E1*****78`. */
export function maskPassport(value: string): string {
  return keepEnds(value.trim(), PASSPORT_KEEP_START, PASSPORT_KEEP_END);
}

/**
 * Names. A name with Chinese characters keeps its first character (`张**`); any other name keeps the
 * first letter of each word (`J*** S****`). White space runs are collapsed to one space.
 */
export function maskName(value: string): string {
  const name = value.trim().replace(/\s+/gu, ' ');
  if (name === '') return '';
  if (/\p{Script=Han}/u.test(name)) {
    const characters = Array.from(name.replace(/ /g, ''));
    return characters.length === 1 ? STAR : `${characters[0]}${stars(characters.length - 1)}`;
  }
  const masked = name
    .split(' ')
    .map((word) => {
      const characters = Array.from(word);
      return `${characters[0] ?? ''}${stars(characters.length - 1)}`;
    })
    .join(' ');
  return masked === name ? starAllButSpaces(name) : masked;
}

/**
 * Phone numbers, after removing spaces, hyphens and brackets. A mainland mobile number (11 digits
 * starting with 1, optionally after +86, 86 or 0086) keeps its first 3 and last 4 digits:
 * `138****5678`, `+86 138****5678`. Any other number keeps its last 4 characters.
 */
export function maskPhone(value: string): string {
  const compact = value.replace(/[\s\-()]/gu, '');
  const mobile = /^(\+86|0086|86)?(1\d{10})$/.exec(compact);
  if (mobile) {
    const digits = mobile[2] ?? '';
    return `${mobile[1] ? '+86 ' : ''}${digits.slice(0, 3)}****${digits.slice(7)}`;
  }
  const characters = Array.from(compact);
  if (characters.length <= PHONE_KEEP_END) return stars(characters.length);
  return `${stars(characters.length - PHONE_KEEP_END)}${characters.slice(-PHONE_KEEP_END).join('')}`;
}

/**
 * Addresses: the first 6 characters and a fixed `****`, so the masked text does not reveal the
 * length (`浙江省温州市****`). An address of 12 characters or fewer keeps only its first half.
 */
export function maskAddress(value: string): string {
  const characters = Array.from(value.trim());
  if (characters.length === 0) return '';
  const keep = Math.min(ADDRESS_KEEP_START, Math.floor(characters.length / 2));
  return `${characters.slice(0, keep).join('')}${ADDRESS_SUFFIX}`;
}

function keepEnds(value: string, start: number, end: number): string {
  const characters = Array.from(value);
  if (characters.length <= start + end) return stars(characters.length);
  const hidden = characters.length - start - end;
  return `${characters.slice(0, start).join('')}${stars(hidden)}${characters.slice(-end).join('')}`;
}

function stars(count: number): string {
  return STAR.repeat(Math.max(0, count));
}

function starAllButSpaces(value: string): string {
  return Array.from(value, (character) => (character === ' ' ? ' ' : STAR)).join('');
}
