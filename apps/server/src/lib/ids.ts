import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = 0;
let lastRandom: Uint8Array = new Uint8Array(10);

/** Crockford base32 of a non-negative integer below 2^53, as exactly `length` characters. */
function encodeNumber(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i += 1) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** 80 random bits as 16 characters: two 40-bit halves of 8 characters each (5 bits per character). */
function encodeRandom(bytes: Uint8Array): string {
  let high = 0;
  let low = 0;
  for (let i = 0; i < 5; i += 1) {
    high = high * 256 + (bytes[i] ?? 0);
    low = low * 256 + (bytes[i + 5] ?? 0);
  }
  return encodeNumber(high, 8) + encodeNumber(low, 8);
}

function increment(bytes: Uint8Array): Uint8Array {
  const next = new Uint8Array(bytes);
  for (let i = next.length - 1; i >= 0; i -= 1) {
    if (next[i]! < 255) {
      next[i]! += 1;
      return next;
    }
    next[i] = 0;
  }
  return next;
}

/** Monotonic ULID: 48-bit millisecond time + 80 random bits, sortable by creation order. */
export function ulid(now: number = Date.now()): string {
  if (now <= lastTime) {
    lastRandom = increment(lastRandom);
  } else {
    lastTime = now;
    lastRandom = new Uint8Array(randomBytes(10));
  }
  // 48-bit milliseconds as 10 characters, then the 80 random bits as 16.
  return encodeNumber(lastTime, 10) + encodeRandom(lastRandom);
}

/** Market procurement (1039) records. */
export type ProcurementIdPrefix =
  | 'prod'
  | 'pfile'
  | 'ptx'
  | 'pline'
  | 'ctr'
  | 'pack'
  | 'decl'
  | 'fxc'
  | 'vat'
  | 'att';
export type IdPrefix =
  | 'org'
  | 'user'
  | 'key'
  | 'party'
  | 'zone'
  | 'recog'
  | 'req'
  | 'cebmsg'
  | 'cebdoc'
  | 'cebst'
  | 'cebuse'
  | 'cebref'
  | 'rcpt'
  | 'bmov'
  | 'cert'
  | ProcurementIdPrefix;

/** Time-ordered prefixed id, e.g. `party_01JD3…`. */
export function newId(prefix: IdPrefix, now?: number): string {
  return `${prefix}_${ulid(now)}`;
}
