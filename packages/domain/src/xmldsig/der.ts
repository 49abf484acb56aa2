/**
 * Minimal ASN.1 DER reading and writing: enough for X.509 v3 certificates, PKCS#8 / SEC1 EC keys and
 * SM2 signatures. Definite lengths only (DER); bounded nesting.
 */

export interface Der {
  readonly tag: number;
  /** Contents octets. */
  readonly value: Uint8Array;
  /** The whole TLV encoding. */
  readonly raw: Uint8Array;
}

export class DerError extends Error {}

const MAX_NESTING = 32;

/** Reads one TLV at `offset`; returns it and the offset after it. */
export function readTlv(buf: Uint8Array, offset = 0): { der: Der; next: number } {
  const tag = buf[offset];
  if (tag === undefined) throw new DerError('truncated DER (tag)');
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte DER tags are not supported');
  let pos = offset + 1;
  const first = buf[pos++];
  if (first === undefined) throw new DerError('truncated DER (length)');
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < n; i++) {
      const b = buf[pos++];
      if (b === undefined) throw new DerError('truncated DER (length)');
      length = length * 256 + b;
    }
  }
  const end = pos + length;
  if (end > buf.length) throw new DerError('truncated DER (value)');
  return { der: { tag, value: buf.subarray(pos, end), raw: buf.subarray(offset, end) }, next: end };
}

/** Parses exactly one TLV spanning the whole buffer. */
export function parseDer(buf: Uint8Array): Der {
  const { der, next } = readTlv(buf, 0);
  if (next !== buf.length) throw new DerError('trailing bytes after DER value');
  return der;
}

/** Children of a constructed value (SEQUENCE, SET, context tags). */
export function children(der: Der, depth = 0): Der[] {
  if (depth > MAX_NESTING) throw new DerError('DER nested too deeply');
  if ((der.tag & 0x20) === 0) throw new DerError(`DER tag 0x${der.tag.toString(16)} is not constructed`);
  const out: Der[] = [];
  let pos = 0;
  while (pos < der.value.length) {
    const { der: child, next } = readTlv(der.value, pos);
    out.push(child);
    pos = next;
  }
  return out;
}

export function expectTag(der: Der | undefined, tag: number, what: string): Der {
  if (!der || der.tag !== tag) throw new DerError(`expected ${what}`);
  return der;
}

export function decodeOid(der: Der): string {
  const v = der.value;
  if (v.length === 0) throw new DerError('empty OID');
  const first = v[0] as number;
  const parts: number[] = [
    Math.min(2, Math.floor(first / 40)),
    first - Math.min(2, Math.floor(first / 40)) * 40,
  ];
  let acc = 0;
  for (let i = 1; i < v.length; i++) {
    const b = v[i] as number;
    acc = acc * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

export function bigIntToBytes(n: bigint, length?: number): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Uint8Array.from(Buffer.from(hex, 'hex'));
  if (length !== undefined) {
    if (bytes.length > length) throw new DerError('integer too large');
    const padded = new Uint8Array(length);
    padded.set(bytes, length - bytes.length);
    bytes = padded;
  }
  return bytes;
}

/** Non-negative INTEGER contents as a bigint. */
export function decodeUnsigned(der: Der): bigint {
  if (der.tag !== 0x02) throw new DerError('expected INTEGER');
  return bytesToBigInt(der.value);
}

function decodeTime(der: Der): Date {
  const s = Buffer.from(der.value).toString('latin1');
  const m =
    der.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : der.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
        : null;
  if (!m) throw new DerError(`unsupported time value "${s}"`);
  let year = Number(m[1]);
  if (der.tag === 0x17) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

export { decodeTime };

export function decodeString(der: Der): string {
  switch (der.tag) {
    case 0x0c: // UTF8String
      return Buffer.from(der.value).toString('utf8');
    case 0x1e: {
      // BMPString: UTF-16BE
      const swapped = Buffer.from(der.value);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    default: // PrintableString, IA5String, T61String, NumericString
      return Buffer.from(der.value).toString('latin1');
  }
}

// ---- writing ----

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const value = Buffer.concat(parts);
  return Buffer.concat([Uint8Array.of(tag), encodeLength(value.length), value]);
}

export const seq = (...parts: Uint8Array[]) => tlv(0x30, ...parts);
export const set = (...parts: Uint8Array[]) => tlv(0x31, ...parts);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const bitString = (b: Uint8Array) => tlv(0x03, Uint8Array.of(0), b);
export const nul = () => tlv(0x05);
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
export const context = (n: number, ...parts: Uint8Array[]) => tlv(0xa0 | n, ...parts);

export function integer(n: bigint): Uint8Array {
  let bytes = n === 0n ? Uint8Array.of(0) : bigIntToBytes(n);
  if ((bytes[0] as number) & 0x80) bytes = Buffer.concat([Uint8Array.of(0), bytes]);
  return tlv(0x02, bytes);
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [(parts[0] as number) * 40 + (parts[1] as number)];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** UTCTime before 2050, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function time(d: Date): Uint8Array {
  const iso = d.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(digits.slice(2), 'latin1'))
    : tlv(0x18, Buffer.from(digits, 'latin1'));
}

export function pemToDer(pem: string, label?: string): Uint8Array | undefined {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m || (label !== undefined && m[1] !== label)) return undefined;
  const body = (m[2] ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  return Uint8Array.from(Buffer.from(body, 'base64'));
}

export function derToPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
