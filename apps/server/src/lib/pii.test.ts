import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPiiVault } from './pii';
import { WorkerThread } from './worker-thread';

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

  it('seals many values with one cipher, each opening alone, also after another is blanked', () => {
    const values = [
      '',
      '{"a":1}',
      '张三 13800000000',
      'x'.repeat(16),
      'y'.repeat(17),
      '{"长":"文"}'.repeat(300),
    ];
    const sealed = vault.sealCommitted(values);
    expect(sealed).toHaveLength(values.length);
    for (const s of sealed) expect(s).toMatch(/^v2\.[A-Za-z0-9+/=]+$/);
    // Any one of them opens without the others (a purged neighbour is simply gone).
    for (let i = values.length - 1; i >= 0; i -= 1) expect(vault.openCommitted(sealed[i]!)).toBe(values[i]);
    // The plaintext is not visible, and no two non-empty values (of one call or two) start at the
    // same counter block (each value's blocks follow its start, so none share keystream).
    expect(sealed[2]).not.toContain('张三');
    const again = vault.sealCommitted(values);
    const block = (s: string) => Buffer.from(s.slice(3), 'base64').subarray(0, 16).toString('hex');
    const blocks = new Set([...sealed.slice(1), ...again.slice(1)].map(block));
    expect(blocks.size).toBe(2 * (values.length - 1));
    // v1 values still open through the same call.
    expect(vault.openCommitted(vault.encrypt('v1 value'))).toBe('v1 value');
    // Another key opens it to something else: the caller's content-hash check is what detects it.
    const other = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
    expect(other.openCommitted(sealed[1]!)).not.toBe(values[1]);
  });

  it('seals a batch of bodies on its worker thread exactly as it seals one here', async () => {
    const plains = Array.from({ length: 12 }, (_, i) =>
      Buffer.from(
        `<ceb:Order><ceb:buyerName>买家${i}</ceb:buyerName>${'<ceb:x>1</ceb:x>'.repeat(i * 20)}</ceb:Order>`,
      ),
    );
    // Twelve is enough for the worker; two are sealed here. Both open with the vault's key alone.
    for (const batch of [plains, plains.slice(0, 2)]) {
      const sealed = await vault.sealBodies(batch);
      expect(sealed).toHaveLength(batch.length);
      sealed.forEach((body, i) => {
        expect(body[0]).toBe(vault.sealBody(batch[i]!)[0]);
        expect(vault.openBody(body).equals(batch[i]!)).toBe(true);
        expect(body.includes(Buffer.from('买家'))).toBe(false);
      });
      // A fresh IV each: no two sealed bodies share one.
      const ivs = new Set(sealed.map((b) => b.subarray(1, 13).toString('hex')));
      expect(ivs.size).toBe(batch.length);
    }
    const other = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
    const [foreign] = await other.sealBodies(plains);
    expect(() => vault.openBody(foreign!)).toThrow();
  });

  it('has a sealing worker that seals under the key it was started with', async () => {
    const piiKey = randomBytes(32);
    const own = createPiiVault({ piiKey, piiHashKey: randomBytes(32) });
    const sealer = new WorkerThread<readonly Uint8Array[], Uint8Array[]>(
      new URL('./pii-sealing.worker.ts', import.meta.url),
      'sealing test',
      { workerData: { piiKey } },
    );
    const plains = [Buffer.from('<a>张三</a>'), randomBytes(5000)];
    const sealed = await sealer.request(plains);
    expect(sealed.map((b) => own.openBody(b).equals(plains[sealed.indexOf(b)]!))).toEqual([true, true]);
  });

  it('seals bytes compressed and authenticated: the same bytes back, anything altered refused', () => {
    const xml = Buffer.from(
      `<?xml version="1.0"?><ceb:Order>${'<ceb:buyerName>张三</ceb:buyerName>'.repeat(50)}</ceb:Order>`,
    );
    const binary = randomBytes(3000);
    for (const plain of [xml, binary, Buffer.alloc(0)]) {
      const sealed = vault.sealBody(plain);
      expect(vault.openBody(sealed).equals(plain)).toBe(true);
      // A Uint8Array view into a larger buffer (as the database driver may hand it over) opens too.
      const padded = Buffer.concat([Buffer.from('xx'), sealed]);
      expect(
        vault.openBody(new Uint8Array(padded.buffer, padded.byteOffset + 2, sealed.length)).equals(plain),
      ).toBe(true);
    }
    const sealed = vault.sealBody(xml);
    expect(sealed.length).toBeLessThan(xml.length / 5);
    expect(sealed.includes(Buffer.from('张三'))).toBe(false);
    expect(vault.sealBody(xml).equals(sealed)).toBe(false);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => vault.openBody(flipped)).toThrow();
    const relabelled = Buffer.from(sealed);
    relabelled[0] = 0x02;
    expect(() => vault.openBody(relabelled)).toThrow(/unknown sealed body format/);
    expect(() => vault.openBody(sealed.subarray(0, 20))).toThrow(/truncated/);
    const other = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
    expect(() => other.openBody(sealed)).toThrow();
  });
});
