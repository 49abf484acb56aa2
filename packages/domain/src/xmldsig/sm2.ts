/**
 * SM2 digital signatures (GB/T 32918.2-2016) on the recommended curve sm2p256v1 (GB/T 32918.5-2017),
 * pure TypeScript with bigint. Signatures are (r, s); `encodeSm2Signature` gives the 64-byte r||s form
 * or the DER SEQUENCE { r, s } form, and `decodeSm2Signature` accepts either.
 */
import { randomBytes } from 'node:crypto';
import {
  bigIntToBytes,
  bytesToBigInt,
  children,
  DerError,
  decodeUnsigned,
  integer,
  parseDer,
  seq,
} from './der';
import { sm3 } from './sm3';

export const SM2_P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
export const SM2_A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
export const SM2_B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
export const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
export const SM2_GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
export const SM2_GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;
/** GB/T 35276 default signer identity. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface Sm2Point {
  readonly x: bigint;
  readonly y: bigint;
}
interface Jacobian {
  readonly x: bigint;
  readonly y: bigint;
  readonly z: bigint;
}

const mod = (a: bigint, m: bigint) => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

function invert(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError('not invertible');
  return mod(oldS, m);
}

const INFINITY: Jacobian = { x: 1n, y: 1n, z: 0n };
const P = SM2_P;

function double(p: Jacobian): Jacobian {
  if (p.z === 0n || p.y === 0n) return INFINITY;
  const yy = mod(p.y * p.y, P);
  const zz = mod(p.z * p.z, P);
  const s = mod(4n * p.x * yy, P);
  const m = mod(3n * p.x * p.x + SM2_A * zz * zz, P);
  const x3 = mod(m * m - 2n * s, P);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, P);
  const z3 = mod(2n * p.y * p.z, P);
  return { x: x3, y: y3, z: z3 };
}

function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p.z === 0n) return q;
  if (q.z === 0n) return p;
  const z1z1 = mod(p.z * p.z, P);
  const z2z2 = mod(q.z * q.z, P);
  const u1 = mod(p.x * z2z2, P);
  const u2 = mod(q.x * z1z1, P);
  const s1 = mod(p.y * z2z2 * q.z, P);
  const s2 = mod(q.y * z1z1 * p.z, P);
  if (u1 === u2) return s1 === s2 ? double(p) : INFINITY;
  const h = mod(u2 - u1, P);
  const r = mod(s2 - s1, P);
  const hh = mod(h * h, P);
  const hhh = mod(hh * h, P);
  const x3 = mod(r * r - hhh - 2n * u1 * hh, P);
  const y3 = mod(r * (u1 * hh - x3) - s1 * hhh, P);
  const z3 = mod(h * p.z * q.z, P);
  return { x: x3, y: y3, z: z3 };
}

const WINDOW_BITS = 4;
const WINDOW_SIZE = 1 << WINDOW_BITS;
const WINDOWS = 256 / WINDOW_BITS;

/** Variable-base k·P, fixed 4-bit windows (256 doublings, 64 additions). */
function multiply(k: bigint, point: Sm2Point): Jacobian {
  const table: Jacobian[] = [INFINITY, { x: point.x, y: point.y, z: 1n }];
  for (let i = 2; i < WINDOW_SIZE; i++) table.push(add(table[i - 1] as Jacobian, table[1] as Jacobian));
  let result = INFINITY;
  for (let w = WINDOWS - 1; w >= 0; w--) {
    for (let i = 0; i < WINDOW_BITS; i++) result = double(result);
    const digit = Number((k >> BigInt(w * WINDOW_BITS)) & BigInt(WINDOW_SIZE - 1));
    if (digit !== 0) result = add(result, table[digit] as Jacobian);
  }
  return result;
}

/** baseTable[w][d] = d·16^w·G, built on first use (960 points); k·G is then 64 additions. */
let baseTable: Jacobian[][] | undefined;

function multiplyBase(k: bigint): Jacobian {
  if (!baseTable) {
    baseTable = [];
    let unit: Jacobian = { x: SM2_GX, y: SM2_GY, z: 1n };
    for (let w = 0; w < WINDOWS; w++) {
      const row: Jacobian[] = [INFINITY, unit];
      for (let d = 2; d < WINDOW_SIZE; d++) row.push(add(row[d - 1] as Jacobian, unit));
      baseTable.push(
        row.map((p) => {
          const a = toAffine(p);
          return a ? { x: a.x, y: a.y, z: 1n } : INFINITY;
        }),
      );
      for (let i = 0; i < WINDOW_BITS; i++) unit = double(unit);
    }
  }
  let result = INFINITY;
  for (let w = 0; w < WINDOWS; w++) {
    const digit = Number((k >> BigInt(w * WINDOW_BITS)) & BigInt(WINDOW_SIZE - 1));
    if (digit !== 0) result = add(result, (baseTable[w] as Jacobian[])[digit] as Jacobian);
  }
  return result;
}

function toAffine(p: Jacobian): Sm2Point | undefined {
  if (p.z === 0n) return undefined;
  const zi = invert(p.z, P);
  const zi2 = mod(zi * zi, P);
  return { x: mod(p.x * zi2, P), y: mod(p.y * zi2 * zi, P) };
}

export function isOnSm2Curve(p: Sm2Point): boolean {
  if (p.x < 0n || p.x >= P || p.y < 0n || p.y >= P) return false;
  return mod(p.y * p.y - (p.x * p.x * p.x + SM2_A * p.x + SM2_B), P) === 0n;
}

export function sm2PublicKeyOf(privateKey: bigint): Sm2Point {
  if (privateKey < 1n || privateKey >= SM2_N - 1n) throw new RangeError('SM2 private key out of range');
  return toAffine(multiplyBase(privateKey)) as Sm2Point;
}

export function generateSm2PrivateKey(): bigint {
  for (;;) {
    const d = bytesToBigInt(randomBytes(32));
    if (d >= 1n && d < SM2_N - 1n) return d;
  }
}

/** Uncompressed point encoding 04 || x || y. */
export function encodeSm2Point(p: Sm2Point): Uint8Array {
  return Uint8Array.from([4, ...bigIntToBytes(p.x, 32), ...bigIntToBytes(p.y, 32)]);
}

export function decodeSm2Point(bytes: Uint8Array): Sm2Point | undefined {
  if (bytes.length !== 65 || bytes[0] !== 4) return undefined;
  const p = { x: bytesToBigInt(bytes.subarray(1, 33)), y: bytesToBigInt(bytes.subarray(33)) };
  return isOnSm2Curve(p) ? p : undefined;
}

/** Z_A = SM3(ENTL_A || ID_A || a || b || xG || yG || xA || yA) (GB/T 32918.2 §5.5). */
export function sm2ZValue(publicKey: Sm2Point, userId = SM2_DEFAULT_USER_ID): Uint8Array {
  const id = Buffer.from(userId, 'utf8');
  const entl = id.length * 8;
  return sm3(
    Buffer.concat([
      Uint8Array.of((entl >> 8) & 0xff, entl & 0xff),
      id,
      ...[SM2_A, SM2_B, SM2_GX, SM2_GY, publicKey.x, publicKey.y].map((v) => bigIntToBytes(v, 32)),
    ]),
  );
}

export interface Sm2Signature {
  readonly r: bigint;
  readonly s: bigint;
}

function messageHash(message: Uint8Array, publicKey: Sm2Point, userId: string): bigint {
  return bytesToBigInt(sm3(Buffer.concat([sm2ZValue(publicKey, userId), message])));
}

/** Signs `message` (Z_A is prepended and hashed here). `fixedK` exists for the standard's test vector only. */
export function sm2Sign(
  message: Uint8Array,
  privateKey: bigint,
  options: { userId?: string; fixedK?: bigint } = {},
): Sm2Signature {
  const publicKey = sm2PublicKeyOf(privateKey);
  const e = messageHash(message, publicKey, options.userId ?? SM2_DEFAULT_USER_ID);
  const dInv = invert(1n + privateKey, SM2_N);
  for (;;) {
    const k = options.fixedK ?? mod(bytesToBigInt(randomBytes(40)), SM2_N - 1n) + 1n;
    const x1 = (toAffine(multiplyBase(k)) as Sm2Point).x;
    const r = mod(e + x1, SM2_N);
    if (r === 0n || r + k === SM2_N) continue;
    const s = mod(dInv * (k - r * privateKey), SM2_N);
    if (s === 0n) continue;
    return { r, s };
  }
}

export function sm2Verify(
  message: Uint8Array,
  signature: Sm2Signature,
  publicKey: Sm2Point,
  userId = SM2_DEFAULT_USER_ID,
): boolean {
  const { r, s } = signature;
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  if (!isOnSm2Curve(publicKey)) return false;
  const t = mod(r + s, SM2_N);
  if (t === 0n) return false;
  const e = messageHash(message, publicKey, userId);
  const point = toAffine(add(multiplyBase(s), multiply(t, publicKey)));
  if (!point) return false;
  return mod(e + point.x, SM2_N) === r;
}

export function encodeSm2Signature(sig: Sm2Signature, form: 'raw' | 'der'): Uint8Array {
  if (form === 'der') return seq(integer(sig.r), integer(sig.s));
  return Buffer.concat([bigIntToBytes(sig.r, 32), bigIntToBytes(sig.s, 32)]);
}

/** Accepts 64-byte r||s or DER SEQUENCE { INTEGER r, INTEGER s }. */
export function decodeSm2Signature(bytes: Uint8Array): Sm2Signature | undefined {
  if (bytes.length === 64)
    return { r: bytesToBigInt(bytes.subarray(0, 32)), s: bytesToBigInt(bytes.subarray(32)) };
  try {
    const parts = children(parseDer(bytes));
    if (parts.length !== 2) return undefined;
    return { r: decodeUnsigned(parts[0] as never), s: decodeUnsigned(parts[1] as never) };
  } catch (e) {
    if (e instanceof DerError) return undefined;
    throw e;
  }
}
