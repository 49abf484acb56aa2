/**
 * SM3 cryptographic hash (GB/T 32905-2016), pure TypeScript. 256-bit digest, 512-bit blocks.
 */

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

function rotl(x: number, n: number): number {
  const s = n % 32;
  return s === 0 ? x >>> 0 : ((x << s) | (x >>> (32 - s))) >>> 0;
}

const P0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const P1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

const T = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j));

function compress(v: Uint32Array, block: Uint8Array, offset: number, w: Uint32Array): void {
  for (let j = 0; j < 16; j++) {
    const o = offset + j * 4;
    w[j] =
      (((block[o] as number) << 24) |
        ((block[o + 1] as number) << 16) |
        ((block[o + 2] as number) << 8) |
        (block[o + 3] as number)) >>>
      0;
  }
  for (let j = 16; j < 68; j++) {
    const x = (w[j - 16] as number) ^ (w[j - 9] as number) ^ rotl(w[j - 3] as number, 15);
    w[j] = (P1(x >>> 0) ^ rotl(w[j - 13] as number, 7) ^ (w[j - 6] as number)) >>> 0;
  }
  let a = v[0] as number;
  let b = v[1] as number;
  let c = v[2] as number;
  let d = v[3] as number;
  let e = v[4] as number;
  let f = v[5] as number;
  let g = v[6] as number;
  let h = v[7] as number;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + (T[j] as number)) >>> 0, 7);
    const ss2 = (ss1 ^ a12) >>> 0;
    const wj = w[j] as number;
    const wj1 = ((w[j] as number) ^ (w[j + 4] as number)) >>> 0;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = ((ff >>> 0) + d + ss2 + wj1) >>> 0;
    const tt2 = ((gg >>> 0) + h + ss1 + wj) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = P0(tt2);
  }
  v[0] = (v[0] as number) ^ a;
  v[1] = (v[1] as number) ^ b;
  v[2] = (v[2] as number) ^ c;
  v[3] = (v[3] as number) ^ d;
  v[4] = (v[4] as number) ^ e;
  v[5] = (v[5] as number) ^ f;
  v[6] = (v[6] as number) ^ g;
  v[7] = (v[7] as number) ^ h;
}

/** SM3 digest of `data` (32 bytes). */
export function sm3(data: Uint8Array): Uint8Array {
  const bitLength = BigInt(data.length) * 8n;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  new DataView(padded.buffer).setBigUint64(padded.length - 8, bitLength);
  const v = Uint32Array.from(IV);
  const w = new Uint32Array(68);
  for (let off = 0; off < padded.length; off += 64) compress(v, padded, off, w);
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) view.setUint32(i * 4, v[i] as number);
  return out;
}
