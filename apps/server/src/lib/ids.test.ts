import { describe, expect, it } from 'vitest';
import { newId, ulid } from './ids';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const decode = (text: string) => [...text].reduce((n, c) => n * 32n + BigInt(CROCKFORD.indexOf(c)), 0n);

describe('ulid', () => {
  it('writes the millisecond time in its first 10 characters and 80 bits after, in Crockford base32', () => {
    const at = Date.UTC(2026, 10, 21, 8, 30, 0, 123) + 10_000_000;
    const id = ulid(at);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decode(id.slice(0, 10))).toBe(BigInt(at));
    expect(decode(id.slice(10))).toBeLessThan(2n ** 80n);
  });

  it('counts up by one within a millisecond, so ids sort in creation order', () => {
    const at = Date.UTC(2026, 10, 21, 9, 0, 0) + 20_000_000;
    const ids = Array.from({ length: 50 }, () => ulid(at));
    for (let i = 1; i < ids.length; i += 1) {
      expect(ids[i]!.slice(0, 10)).toBe(ids[0]!.slice(0, 10));
      expect(decode(ids[i]!.slice(10)) - decode(ids[i - 1]!.slice(10))).toBe(1n);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(newId('cebmsg', at)).toMatch(/^cebmsg_[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
