import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { WorkerThread } from './worker-thread';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs are cut from one CSPRNG draw of this size: one call per 341 values instead of one each. */
const IV_POOL_BYTES = 4096;
const CTR_BLOCK_BYTES = 16;
/** First byte of a sealed body (sealBody): deflate-raw, then AES-256-GCM with the PII key. */
const BODY_FORMAT_DEFLATE_GCM = 0x01;
/** Most bytes openBody inflates: a sealed body never holds more than the intake accepted. */
const BODY_MAX_BYTES = 64 * 1024 * 1024;

export type PiiKind = 'resident_id' | 'passport' | 'name' | 'phone' | 'address';

/**
 * Personal information at rest: AES-256-GCM with a random IV per value (`v1.<base64 iv|tag|ct>`),
 * and a keyed HMAC-SHA256 "blind index" per kind so exact-match search works without decrypting.
 */
export interface PiiVault {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  blindIndex(kind: PiiKind, value: string): string;
  /**
   * Encrypts many values with ONE cipher: AES-256-CTR under a subkey, one random counter block
   * per call, each value starting at its own block (`v2.<base64 counter block‖ciphertext>`, each
   * decryptable alone by openCommitted). No authentication tag: only for values whose SHA-256 is
   * committed elsewhere and checked on reading (evidence documents against their leaf's content
   * hash). Per value it costs a base64 encoding instead of a cipher set-up, tag and IV.
   */
  sealCommitted(plaintexts: readonly string[]): string[];
  /** The plaintext of a sealCommitted (v2) or encrypt (v1) value; v2 values are not authenticated. */
  openCommitted(ciphertext: string): string;
  /**
   * Bytes at rest (a message exactly as received): one format byte, then AES-256-GCM (`iv‖tag‖ct`)
   * of the deflate-raw compressed bytes. XML of a few kilobytes shrinks to about 40%, and bytea
   * needs no base64: a CEB body takes a third of the room `encrypt` of its base64 took.
   */
  sealBody(plain: Uint8Array): Buffer;
  /**
   * sealBody of each, on a worker thread when there are many (a batch of messages: this thread
   * meanwhile does other work), here when there are few or the worker fails.
   */
  sealBodies(plains: readonly Uint8Array[]): Promise<Buffer[]>;
  /** The bytes sealBody sealed; throws when the tag does not match (altered or wrong key). */
  openBody(sealed: Uint8Array): Buffer;
}

/** Bodies sealed on the calling thread below this many. */
const SEAL_WORKER_MIN_BODIES = 8;

/** A CSPRNG of 96-bit IVs: every slice of a pool is handed out once, then a new pool is drawn. */
export function ivSource(): () => Buffer {
  let ivPool = Buffer.alloc(0);
  let ivOffset = 0;
  return () => {
    if (ivOffset + IV_BYTES > ivPool.length) {
      ivPool = randomBytes(IV_POOL_BYTES);
      ivOffset = 0;
    }
    ivOffset += IV_BYTES;
    return ivPool.subarray(ivOffset - IV_BYTES, ivOffset);
  };
}

/** sealBody's format: one format byte, then AES-256-GCM (`iv‖tag‖ct`) of the deflate-raw bytes. */
export function sealBodyWith(piiKey: Buffer, iv: Buffer, plain: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', piiKey, iv);
  const head = Buffer.of(BODY_FORMAT_DEFLATE_GCM);
  // The format byte is authenticated too: a body cannot be relabelled as another format.
  cipher.setAAD(head);
  const body = Buffer.concat([cipher.update(deflateRawSync(plain, { level: 4 })), cipher.final()]);
  return Buffer.concat([head, iv, cipher.getAuthTag(), body]);
}

export function createPiiVault(keys: { piiKey: Buffer; piiHashKey: Buffer }): PiiVault {
  if (keys.piiKey.length !== 32 || keys.piiHashKey.length !== 32) {
    throw new Error('PII keys must be 32 bytes');
  }
  const nextIv = ivSource();
  // The sealing worker gets the key when it starts (workerData): it never travels with a request.
  const sealer = new WorkerThread<readonly Uint8Array[], Uint8Array[]>(
    new URL('./pii-sealing.worker.ts', import.meta.url),
    'sealing message bodies',
    // A copy: the key may be a view into a shared pool, which would travel whole.
    { workerData: { piiKey: new Uint8Array(keys.piiKey) } },
  );
  const sealHere = (plains: readonly Uint8Array[]) =>
    plains.map((plain) => sealBodyWith(keys.piiKey, nextIv(), plain));
  const decrypt = (ciphertext: string): string => {
    const [version, payload] = ciphertext.split('.', 2);
    if (version !== VERSION || payload === undefined) throw new Error('unknown PII ciphertext version');
    const raw = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', keys.piiKey, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  };
  const ctrKey = Buffer.from(
    hkdfSync('sha256', keys.piiKey, Buffer.alloc(0), 'kouan committed values v2', 32),
  );
  const openV2 = (payload: string): string => {
    const raw = Buffer.from(payload, 'base64');
    if (raw.length < CTR_BLOCK_BYTES) throw new Error('truncated v2 ciphertext');
    const decipher = createDecipheriv('aes-256-ctr', ctrKey, raw.subarray(0, CTR_BLOCK_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(CTR_BLOCK_BYTES)), decipher.final()]).toString('utf8');
  };
  return {
    encrypt(plaintext) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', keys.piiKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt,
    sealCommitted(plaintexts) {
      // Each value starts on a block boundary: its counter block is the call's random block with
      // the low 32 bits set to its first block (values of one call stay far below 2^32 blocks).
      const lengths = plaintexts.map((text) => Buffer.byteLength(text, 'utf8'));
      const starts: number[] = [];
      let blocks = 0;
      for (const length of lengths) {
        starts.push(blocks);
        blocks += Math.ceil(length / CTR_BLOCK_BYTES);
      }
      if (blocks >= 2 ** 32) throw new Error('too much to seal in one call');
      const padded = Buffer.alloc(blocks * CTR_BLOCK_BYTES);
      plaintexts.forEach((text, i) => {
        padded.write(text, starts[i]! * CTR_BLOCK_BYTES, 'utf8');
      });
      const base = randomBytes(CTR_BLOCK_BYTES);
      base.writeUInt32BE(0, CTR_BLOCK_BYTES - 4);
      const cipher = createCipheriv('aes-256-ctr', ctrKey, base);
      const stream = Buffer.concat([cipher.update(padded), cipher.final()]);
      // Each value's counter block then its ciphertext, laid end to end, then cut into base64 strings.
      const sealed = Buffer.allocUnsafe(lengths.reduce((sum, n) => sum + CTR_BLOCK_BYTES + n, 0));
      let at = 0;
      return lengths.map((length, i) => {
        const from = at;
        base.copy(sealed, at);
        sealed.writeUInt32BE(starts[i]!, at + CTR_BLOCK_BYTES - 4);
        stream.copy(
          sealed,
          at + CTR_BLOCK_BYTES,
          starts[i]! * CTR_BLOCK_BYTES,
          starts[i]! * CTR_BLOCK_BYTES + length,
        );
        at += CTR_BLOCK_BYTES + length;
        return `v2.${sealed.toString('base64', from, at)}`;
      });
    },
    openCommitted(ciphertext) {
      if (ciphertext.startsWith('v2.')) return openV2(ciphertext.slice(3));
      return decrypt(ciphertext);
    },
    sealBody(plain) {
      return sealBodyWith(keys.piiKey, nextIv(), plain);
    },
    async sealBodies(plains) {
      if (plains.length < SEAL_WORKER_MIN_BODIES) return sealHere(plains);
      // Sealing is pure: if the worker fails, this thread does it instead.
      const sealed = await sealer.requestOr(plains, () => sealHere(plains));
      return sealed.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    },
    openBody(sealed) {
      const raw = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (raw[0] !== BODY_FORMAT_DEFLATE_GCM) throw new Error('unknown sealed body format');
      if (raw.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('truncated sealed body');
      const decipher = createDecipheriv('aes-256-gcm', keys.piiKey, raw.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(raw.subarray(0, 1));
      decipher.setAuthTag(raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
      const packed = Buffer.concat([
        decipher.update(raw.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
      return inflateRawSync(packed, { maxOutputLength: BODY_MAX_BYTES });
    },
    blindIndex(kind, value) {
      return createHmac('sha256', keys.piiHashKey)
        .update(`${kind}:${value.normalize('NFC')}`)
        .digest('hex');
    },
  };
}
