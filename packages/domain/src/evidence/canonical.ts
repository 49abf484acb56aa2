/**
 * Canonical JSON: RFC 8785, the JSON Canonicalization Scheme (JCS). The bytes of an evidence entry
 * (a Merkle leaf) are the canonical JSON of the entry, so anyone can recompute them.
 *
 * Format:
 * - UTF-8, no byte order mark, no whitespace between tokens.
 * - Objects: members sorted by key, comparing keys as arrays of UTF-16 code units (JavaScript's
 *   default string order); duplicate keys cannot occur.
 * - Strings: as ECMAScript JSON.stringify writes them: `"` and `\` escaped, U+0008/0009/000A/000C/000D
 *   as \b \t \n \f \r, the other controls below U+0020 as \u00xx (lower-case hex), everything else
 *   literally (including non-ASCII, "/" and U+2028/U+2029). Lone surrogates are rejected (I-JSON).
 * - Numbers: ECMAScript Number-to-string (shortest round-trip form: 4.5, 1e+30, 1e-7, -0 as 0).
 * - Literals: true, false, null.
 *
 * Only JSON data is accepted: plain objects (prototype Object.prototype or null), arrays, strings,
 * finite numbers, booleans and null. undefined (also as a member value or array hole), functions,
 * symbols, bigint, NaN/Infinity, Dates, Maps, Buffers, class instances, cycles and nesting deeper
 * than CANONICAL_JSON_MAX_DEPTH throw an EvidenceError NOT_CANONICAL_JSON naming the path.
 */
import { EvidenceError } from './errors';

export const CANONICAL_JSON_MAX_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function reject(path: string, why: string): never {
  throw new EvidenceError('NOT_CANONICAL_JSON', `${path}: ${why}`);
}

function serialiseString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) reject(path, 'string contains a lone surrogate');
  return JSON.stringify(value);
}

function serialise(value: unknown, path: string, open: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serialiseString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) reject(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return serialiseContainer(value, path, open);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      return reject(path, `${typeof value} is not a JSON value`);
  }
}

function serialiseContainer(value: object, path: string, open: Set<object>): string {
  if (open.has(value)) reject(path, 'cyclic reference');
  if (open.size >= CANONICAL_JSON_MAX_DEPTH) reject(path, `nesting deeper than ${CANONICAL_JSON_MAX_DEPTH}`);
  open.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i += 1) items.push(serialise(value[i], `${path}[${i}]`, open));
      return `[${items.join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      reject(path, `${prototype?.constructor?.name ?? 'object'} is not a plain JSON object`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) reject(path, 'symbol-keyed property');
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => {
        const member = `${path}.${key}`;
        return `${serialiseString(key, member)}:${serialise(record[key], member, open)}`;
      });
    return `{${members.join(',')}}`;
  } finally {
    open.delete(value);
  }
}

/** The RFC 8785 canonical form as a string. */
export function canonicalJsonString(value: unknown): string {
  return serialise(value, '$', new Set());
}

/** The RFC 8785 canonical form as UTF-8 bytes. */
export function canonicalJson(value: unknown): Uint8Array {
  return Buffer.from(canonicalJsonString(value), 'utf8');
}
