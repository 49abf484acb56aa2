import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  DECIMAL_ZERO,
  type Decimal,
  decimal,
  equals,
  formatDecimal,
  isExactAt,
  makeDecimal,
  sum,
  toMinorUnits,
} from '../money';
import { type DeclarationDraft, type SplitLine, splitIntoDeclarations } from './split-declarations';

const LIMIT = decimal('150000.00');

interface TestLine extends SplitLine {
  readonly hsCode: string;
}

function line(
  lineId: string,
  quantity: string,
  valueUsd: string,
  options: { wholeUnitsOnly?: boolean; transactionIds?: string[] } = {},
): TestLine {
  return {
    lineId,
    transactionIds: options.transactionIds ?? [`txn_${lineId}`],
    quantity: decimal(quantity),
    valueUsd: decimal(valueUsd),
    wholeUnitsOnly: options.wholeUnitsOnly ?? true,
    hsCode: '9503008900',
  };
}

function split(lines: TestLine[], limitUsd: Decimal = LIMIT): DeclarationDraft<TestLine>[] {
  const result = splitIntoDeclarations({ lines, limitUsd });
  if (!result.ok) throw new Error(`unexpected ${result.code}: ${result.messageEn}`);
  return result.value.declarations;
}

/** Declarations as `lineId[part]=value` strings, for readable expectations. */
function shape(declarations: DeclarationDraft<TestLine>[]): string[][] {
  return declarations.map((declaration) =>
    declaration.lines.map(
      (l) =>
        `${l.sourceLineId}${l.part ? `[${l.part.index}/${l.part.count}]` : ''}×${formatDecimal(l.quantity)}=${formatDecimal(l.valueUsd)}`,
    ),
  );
}

describe('splitIntoDeclarations: the limit', () => {
  it('returns no declarations for an empty container', () => {
    expect(split([])).toEqual([]);
  });

  it('accepts a line of exactly USD 150,000.00 in one declaration, unsplit', () => {
    expect(shape(split([line('A', '100', '150000.00')]))).toEqual([['A×100=150000.00']]);
  });

  it('splits a line of USD 150,000.01', () => {
    const declarations = split([line('A', '2', '150000.01')]);
    // Unit price 75,000.005: the first part is unit price × 1 rounded half-up, the second the remainder.
    expect(shape(declarations)).toEqual([['A[1/2]×1=75000.01'], ['A[2/2]×1=75000.00']]);
  });

  it('packs lines adding up to exactly the limit into one declaration', () => {
    expect(shape(split([line('A', '1', '100000.00'), line('B', '1', '50000.00')]))).toEqual([
      ['A×1=100000.00', 'B×1=50000.00'],
    ]);
  });

  it('moves a line to a second declaration at one cent over, without cutting it', () => {
    expect(shape(split([line('A', '1', '100000.00'), line('B', '1', '50000.01')]))).toEqual([
      ['A×1=100000.00'],
      ['B×1=50000.01'],
    ]);
  });

  it('takes the limit as a parameter', () => {
    const declarations = split([line('A', '3', '2400.00')], decimal('1000'));
    expect(shape(declarations)).toEqual([['A[1/3]×1=800.00'], ['A[2/3]×1=800.00'], ['A[3/3]×1=800.00']]);
  });

  it('treats a bad limit as a configuration fault', () => {
    expect(() => splitIntoDeclarations({ lines: [], limitUsd: decimal('0') })).toThrow(RangeError);
    expect(() => splitIntoDeclarations({ lines: [], limitUsd: decimal('150000.005') })).toThrow(RangeError);
  });
});

describe('splitIntoDeclarations: cutting a line by quantity', () => {
  it('cuts into as few parts as possible, filling each, and packs the remainder with other goods', () => {
    const declarations = split([line('A', '400', '400000.00'), line('B', '10', '50000.00')]);
    expect(shape(declarations)).toEqual([
      ['A[1/3]×150=150000.00'],
      ['A[2/3]×150=150000.00'],
      ['A[3/3]×100=100000.00', 'B×10=50000.00'],
    ]);
  });

  it('cuts whole units only, even when that needs more parts than the value alone would', () => {
    // Unit price 90,000: only one unit fits per declaration.
    const declarations = split([line('A', '3', '270000.00')]);
    expect(shape(declarations)).toEqual([
      ['A[1/3]×1=90000.00'],
      ['A[2/3]×1=90000.00'],
      ['A[3/3]×1=90000.00'],
    ]);
  });

  it('cuts units measured by weight at 0.00001', () => {
    const declarations = split([line('A', '1000.5', '300000.00', { wholeUnitsOnly: false })]);
    // 0.00001 kg is worth USD 0.003, which rounds away: the first part is filled up to the last step
    // whose value, rounded to the cent, still fits; the second takes the rest.
    expect(shape(declarations)).toEqual([['A[1/2]×500.25001=150000.00'], ['A[2/2]×500.24999=150000.00']]);
  });

  it('keeps the quantity scale of a whole-unit line', () => {
    const declarations = split([line('A', '300.00', '300000.02')]);
    // Unit price 1,000.0000667: 149 units are 149,000.01; 150 units would be 150,000.01, over the limit.
    expect(shape(declarations)).toEqual([
      ['A[1/3]×149.00=149000.01'],
      ['A[2/3]×149.00=149000.01'],
      ['A[3/3]×2.00=2000.00'],
    ]);
  });

  it('gives every part the transactions of its line, for tracing declaration → container line → transaction', () => {
    const declarations = split([line('A', '4', '400000.00', { transactionIds: ['txn_1', 'txn_2'] })]);
    for (const declaration of declarations) {
      expect(declaration.lines.map((l) => [l.sourceLineId, l.transactionIds, l.source.hsCode])).toEqual([
        ['A', ['txn_1', 'txn_2'], '9503008900'],
      ]);
    }
  });

  it('rejects a line whose single unit is worth more than the limit', () => {
    const result = splitIntoDeclarations({ lines: [line('A', '2', '300000.02')], limitUsd: LIMIT });
    expect(result).toMatchObject({
      ok: false,
      code: 'DECLARATION_LINE_INDIVISIBLE',
      details: { lineId: 'A', unitValueUsd: '150000.01', limitUsd: '150000.00' },
    });
  });

  it('accepts units priced exactly at the limit, one per declaration', () => {
    expect(split([line('A', '3', '450000.00')])).toHaveLength(3);
  });
});

describe('splitIntoDeclarations: input checks', () => {
  it.each([
    ['QUANTITY_NOT_WHOLE', line('A', '1.5', '10.00')],
    ['QUANTITY_NOT_POSITIVE', line('A', '0', '10.00')],
    ['QUANTITY_TOO_PRECISE', line('A', '1.000001', '10.00', { wholeUnitsOnly: false })],
    ['VALUE_TOO_PRECISE', line('A', '1', '10.001')],
    ['VALUE_NEGATIVE', line('A', '1', '-10.00')],
    ['EMPTY_LINE_ID', line('', '1', '10.00')],
  ])('rejects a line as %s', (reason, bad) => {
    const result = splitIntoDeclarations({ lines: [bad], limitUsd: LIMIT });
    expect(result).toMatchObject({ ok: false, code: 'DECLARATION_LINE_INVALID', details: { reason } });
  });

  it('rejects duplicate line ids', () => {
    const result = splitIntoDeclarations({
      lines: [line('A', '1', '1.00'), line('A', '1', '2.00')],
      limitUsd: LIMIT,
    });
    expect(result).toMatchObject({ ok: false, details: { reason: 'DUPLICATE_LINE_ID' } });
  });

  it('accepts a zero-value line (free samples)', () => {
    expect(shape(split([line('A', '5', '0')]))).toEqual([['A×5=0.00']]);
  });

  it('refuses more lines than the limit on lines', () => {
    const lines = Array.from({ length: 5001 }, (_, i) => line(`L${i}`, '1', '1.00'));
    expect(splitIntoDeclarations({ lines, limitUsd: LIMIT })).toMatchObject({
      ok: false,
      code: 'DECLARATION_TOO_MANY_LINES',
    });
  });

  it('refuses a split that would need more declarations than allowed', () => {
    const result = splitIntoDeclarations({ lines: [line('A', '2000', '2000.00')], limitUsd: decimal('1') });
    expect(result).toMatchObject({ ok: false, code: 'DECLARATION_TOO_MANY_DECLARATIONS' });
  });
});

describe('splitIntoDeclarations: determinism and order', () => {
  it('orders lines within a declaration by container order, whatever their values', () => {
    const lines = [line('A', '1', '10.00'), line('B', '1', '30.00'), line('C', '1', '20.00')];
    expect(shape(split(lines))).toEqual([['A×1=10.00', 'B×1=30.00', 'C×1=20.00']]);
  });

  it('packs equal values in container order', () => {
    const lines = ['A', 'B', 'C', 'D'].map((id) => line(id, '1', '75000.00'));
    expect(shape(split(lines))).toEqual([
      ['A×1=75000.00', 'B×1=75000.00'],
      ['C×1=75000.00', 'D×1=75000.00'],
    ]);
  });

  it('gives the same result every time', () => {
    const lines = randomContainer(mulberry32(7), LIMIT);
    expect(split(lines)).toEqual(split(lines));
  });
});

// ---------------------------------------------------------------------------------------------
// Property-style check over many random containers, with a seeded PRNG so failures reproduce.

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInt(random: () => number, lowInclusive: number, highInclusive: number): bigint {
  return BigInt(lowInclusive + Math.floor(random() * (highInclusive - lowInclusive + 1)));
}

/** A container whose lines are small, near the limit, just over it, or many times over it. */
function randomContainer(random: () => number, limitUsd: Decimal): TestLine[] {
  const limitCents = toMinorUnits(limitUsd, 2);
  const count = Number(randomInt(random, 1, 40));
  return Array.from({ length: count }, (_, index) => {
    const wholeUnitsOnly = random() < 0.7;
    const quantity = wholeUnitsOnly
      ? makeDecimal(randomInt(random, 1, 5000), 0)
      : makeDecimal(randomInt(random, 1, 500_000_000), Number(randomInt(random, 0, 5)));
    const kind = random();
    let valueCents: bigint;
    if (kind < 0.5) valueCents = randomInt(random, 0, Number(limitCents / 4n));
    else if (kind < 0.7) valueCents = limitCents - randomInt(random, 0, 3);
    else if (kind < 0.8) valueCents = limitCents + randomInt(random, 1, 3);
    else valueCents = randomInt(random, Number(limitCents), Number(limitCents) * 12);
    // Keep one unit within the limit so every line can be cut.
    const steps = wholeUnitsOnly ? quantity.units : quantity.units * 10n ** BigInt(5 - quantity.scale);
    if (valueCents > limitCents * steps) valueCents = limitCents * steps;
    return {
      lineId: `L${index}`,
      transactionIds: [`txn_${index}`, `txn_${index % 3}`],
      quantity,
      valueUsd: makeDecimal(valueCents, 2),
      wholeUnitsOnly,
      hsCode: '0000000000',
    };
  });
}

/** A quantity counted in steps of 1 (whole units) or 0.00001. */
function stepsOf(quantity: Decimal, wholeUnitsOnly: boolean | undefined): bigint {
  return (quantity.units * 10n ** BigInt(wholeUnitsOnly ? 0 : 5)) / 10n ** BigInt(quantity.scale);
}

/** The value of the first `step` steps of a line, rounded half-up to cents: an independent oracle. */
function centsUpTo(line: TestLine, step: bigint): bigint {
  const steps = stepsOf(line.quantity, line.wholeUnitsOnly);
  const value = toMinorUnits(line.valueUsd, 2);
  const exactTimesTwo = (2n * value * step) / steps;
  const exact = (value * step) / steps;
  return exactTimesTwo - 2n * exact >= 1n ? exact + 1n : exact;
}

function checkInvariants(
  lines: TestLine[],
  limitUsd: Decimal,
  declarations: DeclarationDraft<TestLine>[],
): void {
  const partsByLine = new Map<string, Array<{ quantity: Decimal; valueUsd: Decimal; index: number }>>();
  for (const declaration of declarations) {
    // (a) never over the limit, and the total is the sum of the lines.
    expect(compare(declaration.totalValueUsd, limitUsd)).toBeLessThanOrEqual(0);
    expect(equals(declaration.totalValueUsd, sum(declaration.lines.map((l) => l.valueUsd)))).toBe(true);
    expect(declaration.lines.length).toBeGreaterThan(0);
    // A declaration lists each container line at most once, in container order.
    const ids = declaration.lines.map((l) => l.sourceLineId);
    expect(new Set(ids).size).toBe(ids.length);
    const order = ids.map((id) => lines.findIndex((l) => l.lineId === id));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    for (const draftLine of declaration.lines) {
      const parts = partsByLine.get(draftLine.sourceLineId) ?? [];
      parts.push({
        quantity: draftLine.quantity,
        valueUsd: draftLine.valueUsd,
        index: draftLine.part?.index ?? 1,
      });
      partsByLine.set(draftLine.sourceLineId, parts);
      expect(draftLine.transactionIds).toEqual(draftLine.source.transactionIds);
      expect(compare(draftLine.quantity, DECIMAL_ZERO)).toBe(1);
      if (draftLine.source.wholeUnitsOnly) expect(isExactAt(draftLine.quantity, 0)).toBe(true);
    }
  }
  for (const source of lines) {
    const parts = (partsByLine.get(source.lineId) ?? []).sort((x, y) => x.index - y.index);
    // (b) the declarations carry exactly the container's goods, line by line.
    expect(
      equals(
        parts.reduce((total, p) => add(total, p.quantity), DECIMAL_ZERO),
        source.quantity,
      ),
    ).toBe(true);
    expect(equals(sum(parts.map((p) => p.valueUsd)), source.valueUsd)).toBe(true);
    // (c) a line is cut only when it alone is over the limit, and then each part but the last is
    // as full as it can be: one more step of the line would not fit. That greedy fill is optimal.
    const over = compare(source.valueUsd, limitUsd) > 0;
    expect(parts.length > 1).toBe(over);
    checkPartsAreFull(source, parts, limitUsd);
  }
}

function checkPartsAreFull(source: TestLine, parts: Array<{ quantity: Decimal }>, limitUsd: Decimal): void {
  const limitCents = toMinorUnits(limitUsd, 2);
  let fromStep = 0n;
  for (const [index, part] of parts.entries()) {
    const toStep = fromStep + stepsOf(part.quantity, source.wholeUnitsOnly);
    if (index < parts.length - 1) {
      expect(centsUpTo(source, toStep + 1n) - centsUpTo(source, fromStep)).toBeGreaterThan(limitCents);
    }
    fromStep = toStep;
  }
}

describe('splitIntoDeclarations: invariants over random containers', () => {
  it('holds every invariant for 400 seeded random containers', () => {
    const random = mulberry32(20_190_221);
    const limits = [LIMIT, decimal('1000.00'), decimal('0.05'), decimal('99999.99')];
    let declarationsSeen = 0;
    let cutLines = 0;
    for (let run = 0; run < 400; run += 1) {
      const limitUsd = limits[run % limits.length] ?? LIMIT;
      const lines = randomContainer(random, limitUsd);
      const declarations = split(lines, limitUsd);
      checkInvariants(lines, limitUsd, declarations);
      declarationsSeen += declarations.length;
      cutLines += lines.filter((l) => compare(l.valueUsd, limitUsd) > 0).length;
    }
    // The generator really exercised both packing and cutting.
    expect(declarationsSeen).toBeGreaterThan(1000);
    expect(cutLines).toBeGreaterThan(500);
  });
});
