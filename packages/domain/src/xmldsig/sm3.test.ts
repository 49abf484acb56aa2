import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sm3 } from './sm3';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SM3 (GB/T 32905-2016)', () => {
  it('example 1: "abc"', () => {
    expect(hex(sm3(Buffer.from('abc')))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('example 2: the 64-byte message "abcd" x 16', () => {
    expect(hex(sm3(Buffer.from('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('agrees with OpenSSL on every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const data = randomBytes(n);
      expect(hex(sm3(data)), `length ${n}`).toBe(createHash('sm3').update(data).digest('hex'));
    }
  });
});
