import { describe, expect, it } from 'vitest';
import {
  decodeSm2Signature,
  encodeSm2Signature,
  isOnSm2Curve,
  SM2_GX,
  SM2_GY,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm2ZValue,
} from './sm2';

const h = (n: bigint) => n.toString(16).padStart(64, '0');

// GB/T 32918.5-2017 (GM/T 0003.5-2012) appendix: signature example on the recommended curve,
// message "message digest", default user ID 1234567812345678.
const D = 0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n;
const K = 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n;
const MESSAGE = Buffer.from('message digest');

describe('SM2 signatures (GB/T 32918.2) on sm2p256v1', () => {
  it('the base point is on the curve', () => {
    expect(isOnSm2Curve({ x: SM2_GX, y: SM2_GY })).toBe(true);
  });

  it('standard example: public key, Z value, and (r, s) with the given k', () => {
    const pub = sm2PublicKeyOf(D);
    expect(h(pub.x)).toBe('09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020');
    expect(h(pub.y)).toBe('ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13');
    expect(Buffer.from(sm2ZValue(pub)).toString('hex')).toBe(
      'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
    );
    const sig = sm2Sign(MESSAGE, D, { fixedK: K });
    expect(h(sig.r)).toBe('f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3');
    expect(h(sig.s)).toBe('b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa');
    expect(sm2Verify(MESSAGE, sig, pub)).toBe(true);
  });

  it('a random-k signature verifies; a changed message, key, user ID or s does not', () => {
    const pub = sm2PublicKeyOf(D);
    const sig = sm2Sign(MESSAGE, D);
    expect(sm2Verify(MESSAGE, sig, pub)).toBe(true);
    expect(sm2Verify(Buffer.from('message digesT'), sig, pub)).toBe(false);
    expect(sm2Verify(MESSAGE, sig, sm2PublicKeyOf(D + 1n))).toBe(false);
    expect(sm2Verify(MESSAGE, sig, pub, 'ALICE123@YAHOO.COM')).toBe(false);
    expect(sm2Verify(MESSAGE, { r: sig.r, s: sig.s + 1n }, pub)).toBe(false);
  });

  it('signature values decode from both 64-byte r||s and DER', () => {
    const sig = sm2Sign(MESSAGE, D, { fixedK: K });
    const raw = encodeSm2Signature(sig, 'raw');
    const der = encodeSm2Signature(sig, 'der');
    expect(raw).toHaveLength(64);
    expect(der[0]).toBe(0x30);
    expect(decodeSm2Signature(raw)).toEqual(sig);
    expect(decodeSm2Signature(der)).toEqual(sig);
    expect(decodeSm2Signature(Buffer.from('not a signature'))).toBeUndefined();
  });
});
