import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs are cut from one CSPRNG draw of this size: one call per 341 values instead of one each. */
const IV_POOL_BYTES = 4096;

export type PiiKind = 'resident_id' | 'passport' | 'name' | 'phone' | 'address';

/**
 * Personal information at rest: AES-256-GCM with a random IV per value (`v1.<base64 iv|tag|ct>`),
 * and a keyed HMAC-SHA256 "blind index" per kind so exact-match search works without decrypting.
 */
export interface PiiVault {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  blindIndex(kind: PiiKind, value: string): string;
}

export function createPiiVault(keys: { piiKey: Buffer; piiHashKey: Buffer }): PiiVault {
  if (keys.piiKey.length !== 32 || keys.piiHashKey.length !== 32) {
    throw new Error('PII keys must be 32 bytes');
  }
  let ivPool = Buffer.alloc(0);
  let ivOffset = 0;
  /** A fresh random IV; every slice of the pool is handed out once, then a new pool is drawn. */
  const nextIv = (): Buffer => {
    if (ivOffset + IV_BYTES > ivPool.length) {
      ivPool = randomBytes(IV_POOL_BYTES);
      ivOffset = 0;
    }
    ivOffset += IV_BYTES;
    return ivPool.subarray(ivOffset - IV_BYTES, ivOffset);
  };
  return {
    encrypt(plaintext) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', keys.piiKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(ciphertext) {
      const [version, payload] = ciphertext.split('.', 2);
      if (version !== VERSION || payload === undefined) throw new Error('unknown PII ciphertext version');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', keys.piiKey, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
    blindIndex(kind, value) {
      return createHmac('sha256', keys.piiHashKey)
        .update(`${kind}:${value.normalize('NFC')}`)
        .digest('hex');
    },
  };
}
