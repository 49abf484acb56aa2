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

/**
 * Where the serialiser is: the containers open (for cycles and depth) and the key or index taken in
 * each. The path of an offending value is built from it only when one is rejected.
 */
interface Walk {
  readonly open: object[];
  readonly keys: (string | number)[];
}

function pathOf(walk: Walk): string {
  let path = '$';
  for (const key of walk.keys) path += typeof key === 'number' ? `[${key}]` : `.${key}`;
  return path;
}

function reject(walk: Walk, why: string): never {
  throw new EvidenceError('NOT_CANONICAL_JSON', `${pathOf(walk)}: ${why}`);
}

function serialiseString(value: string, walk: Walk): string {
  if (LONE_SURROGATE.test(value)) reject(walk, 'string contains a lone surrogate');
  return JSON.stringify(value);
}

function serialise(value: unknown, walk: Walk): string {
  switch (typeof value) {
    case 'string':
      return serialiseString(value, walk);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) reject(walk, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return serialiseContainer(value, walk);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      return reject(walk, `${typeof value} is not a JSON value`);
  }
}

// One output string grows by concatenation (no arrays of parts to join), and a member's path exists
// only when it is rejected: an evidence entry is serialised once for its leaf and once for its
// document, so this runs for every entry the ledger takes.
function serialiseContainer(value: object, walk: Walk): string {
  if (walk.open.includes(value)) reject(walk, 'cyclic reference');
  if (walk.open.length >= CANONICAL_JSON_MAX_DEPTH)
    reject(walk, `nesting deeper than ${CANONICAL_JSON_MAX_DEPTH}`);
  walk.open.push(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i += 1) {
      walk.keys.push(i);
      out += i === 0 ? serialise(value[i], walk) : `,${serialise(value[i], walk)}`;
      walk.keys.pop();
    }
    out += ']';
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      reject(walk, `${prototype?.constructor?.name ?? 'object'} is not a plain JSON object`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) reject(walk, 'symbol-keyed property');
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out = '{';
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as string;
      walk.keys.push(key);
      const member = `${serialiseString(key, walk)}:${serialise(record[key], walk)}`;
      walk.keys.pop();
      out += i === 0 ? member : `,${member}`;
    }
    out += '}';
  }
  walk.open.pop();
  return out;
}

/** The RFC 8785 canonical form as a string. */
export function canonicalJsonString(value: unknown): string {
  return serialise(value, { open: [], keys: [] });
}

/** The RFC 8785 canonical form as UTF-8 bytes. */
export function canonicalJson(value: unknown): Uint8Array {
  return Buffer.from(canonicalJsonString(value), 'utf8');
}
