import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPiiVault } from './pii';

describe('PiiVault', () => {
  const vault = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });

  it('decrypts what it encrypted, with a fresh IV every time across IV pool refills', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      const text = `张三 ${i}`;
      const sealed = vault.encrypt(text);
      expect(vault.decrypt(sealed)).toBe(text);
      ivs.add(Buffer.from(sealed.slice(3), 'base64').subarray(0, 12).toString('hex'));
    }
    expect(ivs.size).toBe(1000);
  });

  it('refuses a ciphertext whose tag does not match', () => {
    const sealed = Buffer.from(vault.encrypt('13800000000').slice(3), 'base64');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => vault.decrypt(`v1.${sealed.toString('base64')}`)).toThrow();
  });
});
