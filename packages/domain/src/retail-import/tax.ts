/**
 * Retail-import tax of one inventory (财关税〔2016〕18号, 〔2018〕49号), per line, in exact arithmetic, shaped
 * like the CEB816 电子税单 (TaxHeadRd customsTax / valueAddedTax / consumptionTax; TaxListRd gnum, gcode,
 * taxPrice, customsTax, valueAddedTax, consumptionTax).
 *
 * 1. Dutiable value (taxPrice) of a line = its totalPrice + its share of the inventory's freight +
 *    insuredFee. Shares are proportional to totalPrice, computed in fen (or finer if the fees have more
 *    digits) by the largest-remainder method: every share is rounded down, the fen left over go one each
 *    to the lines with the largest remainders (earlier line on ties). So shares are never negative and
 *    add up exactly to the fees; Σ taxPrice = the inventory's dutiable value. All-zero prices: the whole
 *    fee goes to the first line.
 * 2. Tariff = taxPrice × tariffRate at the full rate (over-limit single item), else 0; rounded to fen.
 * 3. Consumption tax (ad valorem) = (taxPrice + tariff) / (1 − ctRate) × ctRate.
 *    VAT = (taxPrice + tariff + consumption tax) × vatRate, using the unrounded statutory consumption tax.
 * 4. Within the limits VAT and consumption tax are × policy.taxRateFactor (0.7); at the full rate × 1.
 * 5. Rounding: each tax of each line is computed as an exact fraction and rounded once to 0.01 CNY,
 *    half up (税款计算至分，分以下四舍五入). Totals are the sums of the rounded line amounts, so the lines
 *    always add up to the head.
 */
import type { CebDeclarationUnit } from '../ceb';
import type { Decimal } from '../money';
import {
  add,
  compare as compareDecimal,
  DECIMAL_ZERO,
  decimal,
  formatDecimal,
  makeDecimal,
  roundQuotient,
  sub,
  sum,
} from '../money';
import { type RetailFinding, retailError } from './finding';
import { inventoryPaths } from './import-set';
import { formatCny } from './limits';
import type { RetailImportPolicy } from './policy';
import { findTaxRate, type TaxRateTable } from './tax-rates';

/** One line of the assessment: the CEB816 TaxListRd fields plus the rates and the fee share used. */
export interface TaxAssessmentLine {
  readonly gnum: number;
  readonly gcode: string;
  readonly taxPrice: string;
  readonly customsTax: string;
  readonly valueAddedTax: string;
  readonly consumptionTax: string;
  /** Share of freight + insuredFee included in taxPrice. */
  readonly feeShare: string;
  readonly tariffRate: string;
  readonly vatRate: string;
  readonly consumptionTaxRate: string;
}

export interface TaxAssessment {
  /** Policy version and legal source applied. */
  readonly policyId: string;
  readonly source: string;
  readonly fullRate: boolean;
  /** Share of VAT and consumption tax collected (`0.7`, or `1` at the full rate). */
  readonly factor: string;
  readonly rounding: 'half-up, 0.01 CNY, per line and tax';
  readonly lines: readonly TaxAssessmentLine[];
  /** CEB816 TaxHeadRd amounts: sums of the lines. */
  readonly taxPrice: string;
  readonly customsTax: string;
  readonly valueAddedTax: string;
  readonly consumptionTax: string;
  /** customsTax + valueAddedTax + consumptionTax: what the order's taxTotal should be. */
  readonly taxTotal: string;
  /** Lines whose gcode has no rate (-621003): the amounts are then incomplete and must not be used. */
  readonly findings: readonly RetailFinding[];
}

/** An exact fraction n/d (d > 0): enough to carry rate divisions without rounding until the end. */
interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

const frac = (x: Decimal): Fraction => ({ n: x.units, d: 10n ** BigInt(x.scale) });
const fAdd = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const fMul = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.n, d: a.d * b.d });
const fDiv = (a: Fraction, b: Fraction): Fraction =>
  b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
const FEN = 2;
const toFen = (x: Fraction): Decimal =>
  makeDecimal(roundQuotient(x.n * 10n ** BigInt(FEN), x.d, 'half-up'), FEN);
const fen = (x: Decimal): string => formatDecimal(x, FEN);

/** Splits `amount` over `weights` by the largest-remainder method at `scale` (see the module doc). */
export function apportion(amount: Decimal, weights: readonly Decimal[], scale: number): Decimal[] {
  if (weights.length === 0) return [];
  const unit = 10n ** BigInt(scale);
  const total = frac(sum(weights));
  const amountUnits = roundQuotient(amount.units * unit, 10n ** BigInt(amount.scale), 'down');
  if (total.n === 0n) return weights.map((_, i) => makeDecimal(i === 0 ? amountUnits : 0n, scale));
  const exact = weights.map((w) => fDiv(fMul({ n: amountUnits, d: 1n }, frac(w)), total));
  const floors = exact.map((e) => e.n / e.d);
  let left = amountUnits - floors.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((e, i) => ({ i, rem: { n: e.n - floors[i]! * e.d, d: e.d } }))
    .sort((a, b) => {
      const diff = b.rem.n * a.rem.d - a.rem.n * b.rem.d;
      return diff > 0n ? 1 : diff < 0n ? -1 : a.i - b.i;
    });
  const shares = [...floors];
  for (const { i } of order) {
    if (left <= 0n) break;
    shares[i] = shares[i]! + 1n;
    left -= 1n;
  }
  return shares.map((s) => makeDecimal(s, scale));
}

export function assessImportTax(input: {
  readonly inventory: CebDeclarationUnit<'CEB621Message'>;
  readonly rates: TaxRateTable;
  readonly policy: RetailImportPolicy;
  readonly fullRate: boolean;
  /** 0-based position of the inventory in its message, for field paths. */
  readonly unitIndex?: number;
}): TaxAssessment {
  const { inventory, policy, fullRate } = input;
  const at = inventoryPaths(input.unitIndex ?? 0);
  const fees = add(decimal(inventory.head.freight), decimal(inventory.head.insuredFee));
  const prices = inventory.lists.map((l) => decimal(l.totalPrice));
  const shares = apportion(fees, prices, Math.max(FEN, fees.scale));
  const factor = fullRate ? decimal('1') : decimal(policy.taxRateFactor);
  const findings: RetailFinding[] = [];
  const lines = inventory.lists.map((line, i): TaxAssessmentLine => {
    const share = shares[i] ?? DECIMAL_ZERO;
    const taxPrice = add(prices[i]!, share);
    const rate = findTaxRate(input.rates, line.gcode);
    if (rate === undefined) {
      findings.push(
        retailError(
          '-621003',
          at.inventoryLine(i, 'gcode'),
          `清单商品 ${line.gnum} 的商品编码 ${line.gcode} 在税率表中不存在，无法计税`,
          `inventory line ${line.gnum}: gcode ${line.gcode} has no tax rate, the tax cannot be assessed`,
        ),
      );
    }
    const tariffRate = decimal(rate?.tariffRate ?? '0');
    const vatRate = decimal(rate?.vatRate ?? '0');
    const ctRate = decimal(rate?.consumptionTaxRate ?? '0');
    const tariff = fullRate ? toFen(fMul(frac(taxPrice), frac(tariffRate))) : makeDecimal(0n, FEN);
    const base = frac(add(taxPrice, tariff));
    const ctStatutory = fDiv(fMul(base, frac(ctRate)), frac(sub(decimal('1'), ctRate)));
    const vatStatutory = fMul(fAdd(base, ctStatutory), frac(vatRate));
    return {
      gnum: line.gnum,
      gcode: line.gcode,
      taxPrice: formatCny(taxPrice),
      customsTax: fen(tariff),
      valueAddedTax: fen(toFen(fMul(vatStatutory, frac(factor)))),
      consumptionTax: fen(toFen(fMul(ctStatutory, frac(factor)))),
      feeShare: formatCny(share),
      tariffRate: rate?.tariffRate ?? '0',
      vatRate: rate?.vatRate ?? '0',
      consumptionTaxRate: rate?.consumptionTaxRate ?? '0',
    };
  });
  const total = (pick: (l: TaxAssessmentLine) => string) => sum(lines.map((l) => decimal(pick(l))));
  const customsTax = total((l) => l.customsTax);
  const valueAddedTax = total((l) => l.valueAddedTax);
  const consumptionTax = total((l) => l.consumptionTax);
  return {
    policyId: policy.id,
    source: policy.source,
    fullRate,
    factor: formatDecimal(factor),
    rounding: 'half-up, 0.01 CNY, per line and tax',
    lines,
    taxPrice: formatCny(total((l) => l.taxPrice)),
    customsTax: fen(customsTax),
    valueAddedTax: fen(valueAddedTax),
    consumptionTax: fen(consumptionTax),
    taxTotal: fen(sum([customsTax, valueAddedTax, consumptionTax])),
    findings,
  };
}

/**
 * The order's declared taxTotal (tax withheld by the platform) against the assessment: a gap above
 * policy.taxTotalToleranceCny is -621003 on the order's taxTotal. taxTotal 0 is the spec's "无则填写0"
 * (nothing withheld, e.g. a price that includes the tax): not a refusal but a warning, the tax being
 * due as the CEB816 bill says and guaranteed by the inventory's assureCode. No finding while the
 * assessment itself is incomplete (its own findings say why).
 */
export function checkDeclaredTaxTotal(input: {
  readonly declaredTaxTotal: string;
  readonly assessment: TaxAssessment;
  readonly policy: RetailImportPolicy;
  /** Field path; defaults to the first order's taxTotal. */
  readonly field?: string;
}): RetailFinding | undefined {
  const { assessment, policy } = input;
  if (assessment.findings.length > 0) return undefined;
  const gap = sub(decimal(input.declaredTaxTotal), decimal(assessment.taxTotal));
  const absGap = gap.units < 0n ? makeDecimal(-gap.units, gap.scale) : gap;
  if (compareDecimal(absGap, decimal(policy.taxTotalToleranceCny)) <= 0) return undefined;
  if (decimal(input.declaredTaxTotal).units === 0n) {
    return {
      code: '-621003',
      severity: 'warning',
      field: input.field ?? '/CEB311Message/Order[1]/OrderHead/taxTotal',
      zh: `订单未代扣税款（taxTotal 为 0），应征税款 ${assessment.taxTotal} 按电子税单征收`,
      en: `the order withheld no tax (taxTotal 0); the assessed tax ${assessment.taxTotal} is due as the tax bill says`,
    };
  }
  return retailError(
    '-621003',
    input.field ?? '/CEB311Message/Order[1]/OrderHead/taxTotal',
    `订单代扣税款（taxTotal）${input.declaredTaxTotal} 与应征税款 ${assessment.taxTotal}（关税 ${assessment.customsTax}、增值税 ${assessment.valueAddedTax}、消费税 ${assessment.consumptionTax}）相差超过 ${policy.taxTotalToleranceCny} 元`,
    `order taxTotal ${input.declaredTaxTotal} differs from the assessed tax ${assessment.taxTotal} (tariff ${assessment.customsTax}, VAT ${assessment.valueAddedTax}, consumption tax ${assessment.consumptionTax}) by more than CNY ${policy.taxTotalToleranceCny}`,
  );
}
