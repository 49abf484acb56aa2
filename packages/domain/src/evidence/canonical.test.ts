import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonString } from './canonical';
import { EvidenceError } from './errors';

describe('canonicalJson (RFC 8785)', () => {
  it('writes the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJsonString(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3), recursively', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Object.keys would reorder the integer-like key "1", so read the order off the text.
    const text = canonicalJsonString(input);
    const order = Object.values(input).sort((a, b) => text.indexOf(a) - text.indexOf(b));
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    expect(text.startsWith('{"\\r":"Carriage Return","1":"One","\u0080":"Control"')).toBe(true);
    expect(canonicalJsonString({ b: { d: 1, c: [{ z: 0, a: 1 }] }, a: null })).toBe(
      '{"a":null,"b":{"c":[{"a":1,"z":0}],"d":1}}',
    );
  });

  it('serialises numbers the ECMAScript way', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [-0, '0'],
      [1, '1'],
      [-1.5, '-1.5'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [123456789012345680000, '123456789012345680000'],
      [5e-324, '5e-324'],
      [Number.MAX_SAFE_INTEGER, '9007199254740991'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [value, want] of cases) expect(canonicalJsonString(value)).toBe(want);
  });

  it('keeps non-ASCII literally, escapes controls in lower-case hex, and encodes UTF-8', () => {
    expect(canonicalJsonString('口岸 \u2028 / \u001f \u007f')).toBe('"口岸 \u2028 / \\u001f \u007f"');
    expect(Buffer.from(canonicalJson({ 名称: '口岸' })).toString('hex')).toBe(
      Buffer.from('{"名称":"口岸"}', 'utf8').toString('hex'),
    );
  });

  it.each([
    ['undefined', undefined],
    ['a member that is undefined', { a: undefined }],
    ['an undefined array element', [1, undefined, 3]],
    ['an array hole', new Array<number>(2)],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', 10n],
    ['NaN', Number.NaN],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a Buffer', Buffer.from('x')],
    ['a class instance', new (class Point {})()],
    ['a lone surrogate', { s: '\ud800' }],
    ['a lone surrogate key', { '\udc00': 1 }],
  ])('rejects %s with a clear error', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(EvidenceError);
    expect(() => canonicalJson(value)).toThrow(/NOT_CANONICAL_JSON: \$/);
  });

  it('names the path of the offending value', () => {
    expect(() => canonicalJson({ a: [{ b: 1n }] })).toThrow('$.a[0].b: bigint is not a JSON value');
  });

  it('rejects cycles and excessive nesting', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i += 1) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/nesting/);
    const shared = { x: 1 };
    expect(canonicalJsonString([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJsonString(bare)).toBe('{"a":1,"b":2}');
  });
});
