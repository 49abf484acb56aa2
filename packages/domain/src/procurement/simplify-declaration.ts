import { add, type Decimal, fromMinorUnits, toMinorUnits } from '../money';
import { type ProcurementError, type ProcurementResult, procurementError, procurementOk } from './errors';
import { findInvalidLine, type GoodsLineAmounts, MAX_GOODS_LINES, USD_VALUE_SCALE } from './goods-line';

/** Kinds of goods declared line by line before the rest is merged (GACC 2019 No. 221). */
export const SIMPLIFIED_DECLARATION_ITEMIZED_KINDS = 5;

const HS_CODE = /^\d{6,10}$/;

/** One goods line of a declaration, as the simplification needs it. */
export interface SimplifyLine extends GoodsLineAmounts {
  readonly transactionIds: readonly string[];
  /** Customs commodity code, 6 to 10 digits; its first two digits are the HS chapter. */
  readonly hsCode: string;
  /** Unit of `quantity` (customs unit code); merged quantities are summed per unit, never converted. */
  readonly unit: string;
  /** The goods pay export duty: never merged. */
  readonly exportDuty: boolean;
  /** The goods are subject to legal inspection (法检): never merged. */
  readonly legalInspection: boolean;
  /** Customs has excluded the goods from simplification for another reason: never merged. */
  readonly otherExclusion?: boolean;
}

/**
 * Why a line of the result looks the way it does: `as-declared` (the declaration has too few kinds
 * to simplify), `top-value` (one of the most valuable kinds), `not-simplifiable` (export duty, legal
 * inspection or another exclusion), `chapter-merge` (the rest of one HS chapter).
 */
export type SimplifiedLineBasis = 'as-declared' | 'top-value' | 'not-simplifiable' | 'chapter-merge';

export interface QuantityByUnit {
  readonly unit: string;
  readonly quantity: Decimal;
}

export interface SimplifiedLine<L extends SimplifyLine = SimplifyLine> {
  readonly basis: SimplifiedLineBasis;
  readonly hsCode: string;
  /** First two digits of `hsCode`. */
  readonly chapter: string;
  /** USD, 2 digits after the point. */
  readonly valueUsd: Decimal;
  /** One entry per unit, in order of first appearance; a single entry unless units were mixed. */
  readonly quantities: readonly QuantityByUnit[];
  readonly sourceLineIds: readonly string[];
  /** Distinct, in order of first appearance. */
  readonly transactionIds: readonly string[];
  readonly sources: readonly L[];
}

export interface SimplifyDeclarationInput<L extends SimplifyLine> {
  /** The goods lines of one declaration (e.g. one `DeclarationDraft` after splitting). */
  readonly lines: readonly L[];
  /** Default `SIMPLIFIED_DECLARATION_ITEMIZED_KINDS` (5); a policy number, so it can be configured. */
  readonly itemizedKinds?: number;
}

interface Kind {
  readonly hsCode: string;
  readonly firstIndex: number;
  valueCents: bigint;
}

/**
 * Simplified declaration of a market-procurement (1039) declaration (GACC 2019 No. 221): when its
 * goods list has more kinds than `itemizedKinds`, the most valuable kinds are declared line by line,
 * and the remaining lines are merged per HS chapter under the code of the most valuable kind in that
 * chapter's merged lines. Lines with export duty, legal inspection or another exclusion are never
 * merged: they stay on their own line. A kind is a distinct HS code; the value of a kind is the sum
 * of its lines. Ties go to the kind that appears first. Values and per-unit quantities add up to
 * the input exactly.
 *
 * Order of the result: the top kinds' lines by value, high to low (the notice's "按货值从高到低"),
 * then lines that may not be simplified by value, then merged chapters by chapter number. With too
 * few kinds, the lines come back one for one, in input order.
 */
export function simplifyDeclaration<L extends SimplifyLine>(
  input: SimplifyDeclarationInput<L>,
): ProcurementResult<{ simplified: boolean; lines: SimplifiedLine<L>[] }> {
  const itemizedKinds = input.itemizedKinds ?? SIMPLIFIED_DECLARATION_ITEMIZED_KINDS;
  if (!Number.isSafeInteger(itemizedKinds) || itemizedKinds < 1) {
    throw new RangeError(`itemizedKinds must be a positive integer, got ${itemizedKinds}`);
  }
  const invalid = findInvalidSimplifyLine(input.lines);
  if (invalid !== null) return invalid;

  const position = new Map(input.lines.map((line, index) => [line.lineId, index]));
  const kinds = kindsOf(input.lines, position);
  if (kinds.length <= itemizedKinds) {
    return procurementOk({
      simplified: false,
      lines: input.lines.map((line) => lineOf('as-declared', [line])),
    });
  }
  const topCodes = new Set(kinds.slice(0, itemizedKinds).map((kind) => kind.hsCode));
  const top: L[] = [];
  const excluded: L[] = [];
  const chapters = new Map<string, L[]>();
  for (const line of input.lines) {
    if (topCodes.has(line.hsCode)) top.push(line);
    else if (line.exportDuty || line.legalInspection || line.otherExclusion === true) excluded.push(line);
    else {
      const chapter = chapters.get(chapterOf(line.hsCode));
      if (chapter === undefined) chapters.set(chapterOf(line.hsCode), [line]);
      else chapter.push(line);
    }
  }
  const merged = [...chapters.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, lines]) => lineOf('chapter-merge', lines, kindsOf(lines, position)[0]?.hsCode));
  return procurementOk({
    simplified: true,
    lines: [
      ...byValue(top, position).map((line) => lineOf('top-value', [line])),
      ...byValue(excluded, position).map((line) => lineOf('not-simplifiable', [line])),
      ...merged,
    ],
  });
}

function findInvalidSimplifyLine(lines: readonly SimplifyLine[]): ProcurementError | null {
  if (lines.length > MAX_GOODS_LINES) {
    return procurementError('DECLARATION_TOO_MANY_LINES', { count: lines.length, max: MAX_GOODS_LINES });
  }
  const invalid = findInvalidLine(lines);
  if (invalid !== null) return invalid;
  const badCode = lines.find((line) => !HS_CODE.test(line.hsCode));
  return badCode === undefined
    ? null
    : procurementError('HS_CODE_FORMAT', { lineId: badCode.lineId, hsCode: badCode.hsCode });
}

function chapterOf(hsCode: string): string {
  return hsCode.slice(0, 2);
}

function centsOf(line: SimplifyLine): bigint {
  return toMinorUnits(line.valueUsd, USD_VALUE_SCALE);
}

/** Input position of each line, by line id (ids are unique). */
type Positions = ReadonlyMap<string, number>;

/** Kinds (distinct HS codes) of `lines`, most valuable first; ties by first input position. */
function kindsOf(lines: readonly SimplifyLine[], position: Positions): Kind[] {
  const kinds = new Map<string, Kind>();
  for (const line of lines) {
    const firstIndex = position.get(line.lineId) ?? 0;
    const kind = kinds.get(line.hsCode) ?? { hsCode: line.hsCode, firstIndex, valueCents: 0n };
    kind.valueCents += centsOf(line);
    kinds.set(line.hsCode, kind);
  }
  return [...kinds.values()].sort((a, b) =>
    a.valueCents === b.valueCents ? a.firstIndex - b.firstIndex : a.valueCents > b.valueCents ? -1 : 1,
  );
}

/** Lines by value, high to low; ties in input order. */
function byValue<L extends SimplifyLine>(lines: readonly L[], position: Positions): L[] {
  return [...lines].sort((a, b) => {
    const difference = centsOf(b) - centsOf(a);
    if (difference !== 0n) return difference > 0n ? 1 : -1;
    return (position.get(a.lineId) ?? 0) - (position.get(b.lineId) ?? 0);
  });
}

function lineOf<L extends SimplifyLine>(
  basis: SimplifiedLineBasis,
  sources: readonly L[],
  hsCode: string | undefined = sources[0]?.hsCode,
): SimplifiedLine<L> {
  if (hsCode === undefined) throw new Error('a simplified line needs at least one source line');
  const quantities = new Map<string, Decimal>();
  let valueCents = 0n;
  for (const source of sources) {
    const sofar = quantities.get(source.unit);
    quantities.set(source.unit, sofar === undefined ? source.quantity : add(sofar, source.quantity));
    valueCents += centsOf(source);
  }
  return {
    basis,
    hsCode,
    chapter: chapterOf(hsCode),
    valueUsd: fromMinorUnits(valueCents, USD_VALUE_SCALE),
    quantities: [...quantities.entries()].map(([unit, quantity]) => ({ unit, quantity })),
    sourceLineIds: sources.map((source) => source.lineId),
    transactionIds: [...new Set(sources.flatMap((source) => source.transactionIds))],
    sources,
  };
}
