import { describe, expect, it } from 'vitest';
import { add, DECIMAL_ZERO, type Decimal, decimal, equals, formatDecimal, makeDecimal, sum } from '../money';
import { type SimplifiedLine, type SimplifyLine, simplifyDeclaration } from './simplify-declaration';

function goods(
  lineId: string,
  hsCode: string,
  valueUsd: string,
  options: { unit?: string; quantity?: string; exportDuty?: boolean; legalInspection?: boolean } = {},
): SimplifyLine {
  return {
    lineId,
    transactionIds: [`txn_${lineId}`],
    hsCode,
    unit: options.unit ?? '007',
    quantity: decimal(options.quantity ?? '10'),
    valueUsd: decimal(valueUsd),
    exportDuty: options.exportDuty ?? false,
    legalInspection: options.legalInspection ?? false,
  };
}

function simplify(lines: SimplifyLine[], itemizedKinds?: number) {
  const result = simplifyDeclaration({ lines, ...(itemizedKinds === undefined ? {} : { itemizedKinds }) });
  if (!result.ok) throw new Error(`unexpected ${result.code}: ${result.messageEn}`);
  return result.value;
}

/** Lines as `basis hsCode value [source ids]`, for readable expectations. */
function shape(lines: readonly SimplifiedLine[]): string[] {
  return lines.map(
    (line) =>
      `${line.basis} ${line.hsCode} ${formatDecimal(line.valueUsd)} [${line.sourceLineIds.join(',')}]`,
  );
}

function expectSumsPreserved(input: SimplifyLine[], output: readonly SimplifiedLine[]): void {
  expect(equals(sum(output.map((l) => l.valueUsd)), sum(input.map((l) => l.valueUsd)))).toBe(true);
  const units = new Set(input.map((l) => l.unit));
  for (const unit of units) {
    const of = (lines: Array<{ unit: string; quantity: Decimal }>) =>
      lines.filter((l) => l.unit === unit).reduce((total, l) => add(total, l.quantity), DECIMAL_ZERO);
    expect(equals(of(output.flatMap((l) => [...l.quantities])), of(input))).toBe(true);
  }
  expect(output.flatMap((l) => l.sourceLineIds).sort()).toEqual(input.map((l) => l.lineId).sort());
}

// Five kinds in chapters 95 and 39, plus extra kinds added per test.
const FIVE_KINDS = [
  goods('A', '9503008900', '5000.00'),
  goods('B', '3926100000', '4000.00'),
  goods('C', '9505900000', '3000.00'),
  goods('D', '3924100000', '2000.00'),
  goods('E', '9506910000', '1000.00'),
];

describe('simplifyDeclaration', () => {
  it('keeps a declaration of exactly 5 kinds as it is, in input order', () => {
    const result = simplify(FIVE_KINDS);
    expect(result.simplified).toBe(false);
    expect(shape(result.lines)).toEqual([
      'as-declared 9503008900 5000.00 [A]',
      'as-declared 3926100000 4000.00 [B]',
      'as-declared 9505900000 3000.00 [C]',
      'as-declared 3924100000 2000.00 [D]',
      'as-declared 9506910000 1000.00 [E]',
    ]);
  });

  it('counts kinds by HS code: 6 lines of 5 codes stay as they are', () => {
    const lines = [...FIVE_KINDS, goods('F', '9503008900', '10.00')];
    expect(simplify(lines).simplified).toBe(false);
  });

  it('with 6+ kinds, itemizes the top 5 by value and merges the rest by chapter', () => {
    const lines = [
      ...FIVE_KINDS,
      goods('F', '9503002100', '300.00'),
      goods('G', '9504901000', '500.00'),
      goods('H', '3923210000', '200.00'),
      goods('I', '6109100021', '100.00'),
    ];
    const result = simplify(lines);
    expect(result.simplified).toBe(true);
    expect(shape(result.lines)).toEqual([
      'top-value 9503008900 5000.00 [A]',
      'top-value 3926100000 4000.00 [B]',
      'top-value 9505900000 3000.00 [C]',
      'top-value 3924100000 2000.00 [D]',
      'top-value 9506910000 1000.00 [E]',
      'chapter-merge 3923210000 200.00 [H]',
      'chapter-merge 6109100021 100.00 [I]',
      // Chapter 95: the largest merged item (G, 500.00) gives the code; sources stay in input order.
      'chapter-merge 9504901000 800.00 [F,G]',
    ]);
    expectSumsPreserved(lines, result.lines);
  });

  it('orders the top 5 by value, high to low, whatever the input order', () => {
    const lines = [...FIVE_KINDS].reverse().concat(goods('F', '9503002100', '1.00'));
    expect(simplify(lines).lines.map((l) => l.sourceLineIds[0])).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('ranks kinds by the sum of their lines, ties to the kind that appears first', () => {
    const lines = [
      goods('A1', '9503008900', '600.00'),
      goods('B', '3926100000', '1000.00'),
      goods('A2', '9503008900', '600.00'),
      goods('C', '3924100000', '900.00'),
      goods('D', '9505900000', '900.00'),
      goods('E', '9506910000', '800.00'),
      goods('F', '9506990000', '800.00'),
    ];
    const result = simplify(lines);
    // Kind 9503008900 is worth 1,200 and ranks first; of the two 800s, E appears first.
    expect(shape(result.lines)).toEqual([
      'top-value 3926100000 1000.00 [B]',
      'top-value 3924100000 900.00 [C]',
      'top-value 9505900000 900.00 [D]',
      'top-value 9506910000 800.00 [E]',
      'top-value 9503008900 600.00 [A1]',
      'top-value 9503008900 600.00 [A2]',
      'chapter-merge 9506990000 800.00 [F]',
    ]);
  });

  it('never merges goods with export duty or legal inspection', () => {
    const lines = [
      ...FIVE_KINDS,
      goods('F', '9503002100', '300.00', { legalInspection: true }),
      goods('G', '9504901000', '500.00'),
      goods('H', '9503009000', '400.00', { exportDuty: true }),
      goods('I', '9505100000', '50.00'),
      { ...goods('J', '9505100090', '60.00'), otherExclusion: true },
    ];
    const result = simplify(lines);
    expect(shape(result.lines)).toEqual([
      'top-value 9503008900 5000.00 [A]',
      'top-value 3926100000 4000.00 [B]',
      'top-value 9505900000 3000.00 [C]',
      'top-value 3924100000 2000.00 [D]',
      'top-value 9506910000 1000.00 [E]',
      'not-simplifiable 9503009000 400.00 [H]',
      'not-simplifiable 9503002100 300.00 [F]',
      'not-simplifiable 9505100090 60.00 [J]',
      'chapter-merge 9504901000 550.00 [G,I]',
    ]);
    expectSumsPreserved(lines, result.lines);
  });

  it('sums merged quantities per unit, without converting between units', () => {
    const lines = [
      ...FIVE_KINDS,
      goods('F', '9503002100', '300.00', { unit: '007', quantity: '12' }),
      goods('G', '9504901000', '500.00', { unit: '035', quantity: '2.5' }),
      goods('H', '9504909000', '100.00', { unit: '007', quantity: '3' }),
    ];
    const merged = simplify(lines).lines.at(-1);
    expect(merged?.quantities.map((q) => `${q.unit}:${formatDecimal(q.quantity)}`)).toEqual([
      '007:15',
      '035:2.5',
    ]);
    expect(merged?.transactionIds).toEqual(['txn_F', 'txn_G', 'txn_H']);
    expectSumsPreserved(lines, simplify(lines).lines);
  });

  it('takes the number of itemized kinds as a parameter', () => {
    const result = simplify(FIVE_KINDS, 2);
    expect(shape(result.lines)).toEqual([
      'top-value 9503008900 5000.00 [A]',
      'top-value 3926100000 4000.00 [B]',
      'chapter-merge 3924100000 2000.00 [D]',
      'chapter-merge 9505900000 4000.00 [C,E]',
    ]);
  });

  it('preserves sums exactly for many lines with awkward cents', () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      goods(
        `L${i}`,
        `${String(10 + (i % 80)).padStart(2, '0')}0${String(i).padStart(7, '0')}`,
        formatDecimal(makeDecimal(BigInt((i * 7919) % 100_003), 2)),
        {
          quantity: formatDecimal(makeDecimal(BigInt(i * 13 + 1), 5)),
          unit: i % 2 === 0 ? '007' : '035',
          legalInspection: i % 11 === 0,
        },
      ),
    );
    const result = simplify(lines);
    expect(result.simplified).toBe(true);
    expectSumsPreserved(lines, result.lines);
    const merged = result.lines.filter((l) => l.basis === 'chapter-merge');
    expect(merged.every((l) => l.sources.every((s) => !s.legalInspection))).toBe(true);
    expect(new Set(merged.map((l) => l.chapter)).size).toBe(merged.length);
  });

  it('rejects a malformed HS code', () => {
    const result = simplifyDeclaration({ lines: [goods('A', '95', '1.00')] });
    expect(result).toMatchObject({
      ok: false,
      code: 'HS_CODE_FORMAT',
      details: { lineId: 'A', hsCode: '95' },
    });
  });

  it('rejects invalid amounts like the splitter does', () => {
    const result = simplifyDeclaration({ lines: [goods('A', '9503008900', '1.001')] });
    expect(result).toMatchObject({ ok: false, code: 'DECLARATION_LINE_INVALID' });
  });

  it('treats a bad itemizedKinds as a configuration fault', () => {
    expect(() => simplifyDeclaration({ lines: [], itemizedKinds: 0 })).toThrow(RangeError);
  });
});
