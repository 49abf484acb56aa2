import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileSha256, SHA256_HEX } from './file-sha256';

describe('fileSha256', () => {
  it('gives the lower-case hex digest the API stores for an agreement or authorisation file', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 委托代理出口货物协议 WZ-AG-0001');
    const hex = await fileSha256(new Blob([bytes]));
    expect(hex).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(SHA256_HEX.test(hex)).toBe(true);
  });

  it('refuses upper-case or short digests as the API does', () => {
    expect(SHA256_HEX.test('AB'.repeat(32))).toBe(false);
    expect(SHA256_HEX.test('ab'.repeat(31))).toBe(false);
  });
});
