/**
 * Retail-import policy as dated configuration, not constants: each version names its legal source and
 * the day (China time) from which it applies. A deployment may pass its own list (e.g. a future notice
 * raising the limits); `retailPolicyAt` picks the version in force at an instant.
 *
 * 财关税〔2016〕18号 (from 2016-04-08): single transaction CNY 2,000, annual CNY 20,000; tariff 0 and
 * VAT/consumption tax at 70% within the limits; "完税价格超过2000元限值的单个不可分割商品" goes to general
 * trade, so a single item over the limit is refused here.
 * 财关税〔2018〕49号 (from 2019-01-01): CNY 5,000 and CNY 26,000; "完税价格超过5000元单次交易限值但低于
 * 26000元年度交易限值，且订单下仅一件商品时，可以自跨境电商零售渠道进口，按照货物税率全额征收关税和进口
 * 环节增值税、消费税，交易额计入年度交易总额".
 */
import { parseDecimal } from '../money';

export interface RetailImportPolicy {
  /** Stable id of this version, e.g. `cbec-retail-2019`. */
  readonly id: string;
  /** First day in force, `YYYY-MM-DD`, China time (UTC+8). */
  readonly effectiveFrom: string;
  /** The legal text, e.g. `财关税〔2018〕49号`. */
  readonly source: string;
  /** Single-transaction limit on the dutiable value of one inventory, CNY (exact decimal text). */
  readonly perTransactionLimitCny: string;
  /** Annual limit per buyer ID per calendar year (China time), CNY. */
  readonly annualLimitCny: string;
  /** Share of the statutory VAT and consumption tax collected within the limits (`0.7`). */
  readonly taxRateFactor: string;
  /** What a payer other than the buyer gives: a warning to verify, or a rejection. */
  readonly payerDifferentFromBuyer: 'warn' | 'reject';
  /** The only currency accepted on import documents (JGS-20 code, `142` = CNY). */
  readonly importCurrency: string;
  /**
   * A single-item inventory (one line, qty 1) whose dutiable value is over the per-transaction limit but
   * below the annual limit: `full-tax` accepts it at the full goods rate (49号), `reject` refuses it (18号).
   */
  readonly singleItemOverLimit: 'full-tax' | 'reject';
  /**
   * Largest accepted gap between the order's declared taxTotal and the assessed tax, CNY. Default 0.10:
   * a platform rounding per order instead of per line and tax differs by at most 0.005 per tax and line.
   */
  readonly taxTotalToleranceCny: string;
  /** Parcels per waybill and per inventory (the spec: "限定为1"). */
  readonly packNo: number;
}

export const DEFAULT_RETAIL_POLICIES: readonly RetailImportPolicy[] = [
  {
    id: 'cbec-retail-2016',
    effectiveFrom: '2016-04-08',
    source: '财关税〔2016〕18号',
    perTransactionLimitCny: '2000',
    annualLimitCny: '20000',
    taxRateFactor: '0.7',
    payerDifferentFromBuyer: 'warn',
    importCurrency: '142',
    singleItemOverLimit: 'reject',
    taxTotalToleranceCny: '0.10',
    packNo: 1,
  },
  {
    id: 'cbec-retail-2019',
    effectiveFrom: '2019-01-01',
    source: '财关税〔2018〕49号',
    perTransactionLimitCny: '5000',
    annualLimitCny: '26000',
    taxRateFactor: '0.7',
    payerDifferentFromBuyer: 'warn',
    importCurrency: '142',
    singleItemOverLimit: 'full-tax',
    taxTotalToleranceCny: '0.10',
    packNo: 1,
  },
];

/** China Standard Time has had no daylight saving since 1991: a fixed UTC+8. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day (`YYYY-MM-DD`) of an instant in China time. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar year of an instant in China time (the annual quota's year). */
export function chinaYear(at: Date): number {
  return Number(chinaDate(at).slice(0, 4));
}

/**
 * The policy in force at `at` (China time): the one with the latest `effectiveFrom` not after that day.
 * No policy in force is a configuration error (validate the list with `checkRetailPolicies` at start),
 * so it throws.
 */
export function retailPolicyAt(policies: readonly RetailImportPolicy[], at: Date): RetailImportPolicy {
  const day = chinaDate(at);
  let best: RetailImportPolicy | undefined;
  for (const p of policies) {
    if (p.effectiveFrom <= day && (best === undefined || p.effectiveFrom > best.effectiveFrom)) best = p;
  }
  if (best === undefined) throw new RangeError(`no retail-import policy in force on ${day}`);
  return best;
}

const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const AMOUNT = { maxScale: 2, maxIntegerDigits: 14 };

/** Every problem of a policy list (for configuration parsing at start): empty means usable. */
export function checkRetailPolicies(policies: readonly RetailImportPolicy[]): string[] {
  const problems: string[] = [];
  if (policies.length === 0) problems.push('no retail-import policy configured');
  const days = new Set<string>();
  for (const p of policies) {
    const at = `policy ${p.id}`;
    if (!DAY_PATTERN.test(p.effectiveFrom)) problems.push(`${at}: effectiveFrom must be YYYY-MM-DD`);
    if (days.has(p.effectiveFrom)) problems.push(`${at}: two policies start on ${p.effectiveFrom}`);
    days.add(p.effectiveFrom);
    for (const [name, text] of [
      ['perTransactionLimitCny', p.perTransactionLimitCny],
      ['annualLimitCny', p.annualLimitCny],
      ['taxTotalToleranceCny', p.taxTotalToleranceCny],
    ] as const) {
      const parsed = parseDecimal(text, AMOUNT);
      if (!parsed.ok || parsed.value.units < 0n) problems.push(`${at}: ${name} must be a CNY amount ≥ 0`);
    }
    const factor = parseDecimal(p.taxRateFactor, { maxScale: 6, maxIntegerDigits: 1 });
    if (!factor.ok || factor.value.units < 0n || factor.value.units > 10n ** BigInt(factor.value.scale))
      problems.push(`${at}: taxRateFactor must be between 0 and 1`);
    if (!/^\d{3}$/.test(p.importCurrency)) problems.push(`${at}: importCurrency must be a 3-digit code`);
  }
  return problems;
}
