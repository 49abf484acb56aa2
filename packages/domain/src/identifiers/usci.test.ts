import { describe, expect, it } from 'vitest';
import type { IdentifierError, IdentifierResult } from './result';
import { USCI_ALPHABET, usciCheckCharacter, validateUsci } from './usci';

function failure(result: IdentifierResult): IdentifierError {
  if (result.ok) throw new Error(`expected a failure, got ${result.value}`);
  return result;
}

/**
 * Public examples: codes printed in published material (the first is the usual example of the
 * standard's explainers, the others appear in public registers and in other libraries' documentation).
 * Coming from outside, they pin the algorithm: a wrong weight or alphabet would reject them.
 */
const PUBLIC_CODES = [
  '91350100M000100Y43',
  '91110000600037341L',
  '914403001922038216',
  '9144030071526726XG',
  '91330100716105852F',
  '91110108551385082Q',
  '91230184MA1BUFLT44',
  '92371000MA3MXH0E3W',
  '12440600MB2C07549J',
];

/** A deterministic pseudo-random stream (LCG), so generated cases are the same on every run. */
function* pseudoRandom(seed: number): Generator<number> {
  let state = seed;
  while (true) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    yield state;
  }
}

function generatedCodes(count: number): string[] {
  const random = pseudoRandom(20_150_901);
  const pick = (set: string) => set.charAt(random.next().value! % set.length);
  return Array.from({ length: count }, () => {
    let body = '';
    for (let position = 1; position <= 17; position++) {
      body += position >= 3 && position <= 8 ? pick('0123456789') : pick(USCI_ALPHABET);
    }
    return body + usciCheckCharacter(body);
  });
}

describe('validateUsci', () => {
  it.each(PUBLIC_CODES)('accepts the public code %s', (code) => {
    expect(validateUsci(code)).toEqual({ ok: true, value: code });
  });

  it('accepts codes whose check character is 0 (31 − 0 wraps to "0")', () => {
    // Search the generated space for a body whose weighted sum is a multiple of 31.
    const code = generatedCodes(2000).find((candidate) => candidate.endsWith('0'));
    expect(code).toBeDefined();
    expect(validateUsci(code!)).toEqual({ ok: true, value: code });
  });

  it('accepts generated codes with computed check characters', () => {
    for (const code of generatedCodes(300)) expect(validateUsci(code)).toEqual({ ok: true, value: code });
  });

  it('trims surrounding white space, including a full-width space', () => {
    expect(validateUsci('  91350100M000100Y43\t')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUsci('\u300091350100M000100Y43\u3000')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it.each(PUBLIC_CODES)('rejects every wrong check character on %s', (code) => {
    const correct = code.charAt(17);
    const wrong = Array.from(USCI_ALPHABET).filter((character) => character !== correct);
    expect(wrong).toHaveLength(30);
    for (const character of wrong) {
      expect(validateUsci(code.slice(0, 17) + character)).toEqual({
        ok: false,
        code: 'IDENTIFIER_CHECK_CHARACTER',
        messageZh: `校验码为"${character}"，应为"${correct}"`,
        messageEn: `check character is "${character}" but should be "${correct}"`,
      });
    }
  });

  it('rejects every single-character substitution in the first 17 positions', () => {
    const code = '91350100M000100Y43';
    for (let index = 0; index < 17; index++) {
      for (const character of USCI_ALPHABET) {
        if (character === code.charAt(index)) continue;
        const mutated = code.slice(0, index) + character + code.slice(index + 1);
        expect(validateUsci(mutated).ok, mutated).toBe(false);
      }
    }
  });

  it('rejects empty and blank input', () => {
    for (const input of ['', '   ', '\n\t']) {
      expect(validateUsci(input)).toMatchObject({ ok: false, code: 'IDENTIFIER_EMPTY' });
    }
  });

  it('rejects a code of the wrong length and says how long it is', () => {
    expect(validateUsci('91350100M000100Y4')).toEqual({
      ok: false,
      code: 'IDENTIFIER_LENGTH',
      messageZh: '应为 18 位，实际为 17 位',
      messageEn: 'must be 18 characters long, got 17',
    });
    expect(validateUsci('91350100M000100Y433')).toMatchObject({ code: 'IDENTIFIER_LENGTH' });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the excluded letter %s', (letter) => {
    const result = validateUsci(`91350100${letter}000100Y43`);
    expect(result).toMatchObject({ ok: false, code: 'IDENTIFIER_CHARSET' });
    expect(failure(result).messageEn).toBe(
      `character "${letter}" at position 9 is not allowed; allowed: digits 0-9 and upper-case letters except I, O, S, V, Z`,
    );
  });

  it('rejects lower case instead of folding it, and says why', () => {
    const result = validateUsci('91350100m000100Y43');
    expect(result).toMatchObject({ ok: false, code: 'IDENTIFIER_CHARSET' });
    expect(failure(result).messageEn).toBe(
      'character "m" at position 9 is a lower-case letter; use upper case',
    );
    expect(failure(result).messageZh).toBe('第 9 位字符"m"为小写字母，应使用大写字母');
  });

  it('rejects full-width characters, and says why', () => {
    const result = validateUsci('９1350100M000100Y43');
    expect(result).toMatchObject({ ok: false, code: 'IDENTIFIER_CHARSET' });
    expect(failure(result).messageEn).toMatch(/^character "９" at position 1 is a full-width character/);
  });

  it('rejects a letter in the administrative division code (positions 3-8)', () => {
    const body = '9135A100M000100Y4';
    expect(validateUsci(body + usciCheckCharacter(body))).toEqual({
      ok: false,
      code: 'IDENTIFIER_REGION',
      messageZh: '登记管理机关行政区划码（第 3–8 位）应为 6 位数字，实际为"35A100"',
      messageEn: 'administrative division code (positions 3-8) must be 6 digits, got "35A100"',
    });
  });

  it('reports a known non-conforming Xiamen code as a check-character error', () => {
    // Real, but issued before GB 32100 was applied (hutool issues #2020, #4119); see usci.ts.
    expect(validateUsci('91350203M0001FUE2P')).toMatchObject({
      ok: false,
      code: 'IDENTIFIER_CHECK_CHARACTER',
      messageEn: 'check character is "P" but should be "J"',
    });
  });
});

describe('usciCheckCharacter', () => {
  it('refuses text that is not 17 alphabet characters', () => {
    expect(() => usciCheckCharacter('91350100M000100Y')).toThrow(/expects 17 characters/);
    expect(() => usciCheckCharacter('91350100I000100Y4')).toThrow(/position 9/);
  });
});
