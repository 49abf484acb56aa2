import {
  add,
  compare,
  type Decimal,
  decimal,
  formatDecimal,
  isNegative,
  isZero,
  sub,
} from '@kouan/domain/money';
import type { Repositories } from '../../db/store';

/** Scale of ceb_buyer_usage.used (numeric(19, 5)). */
const USAGE_SCALE = 5;
const ZERO = decimal('0');
const usageKey = (buyerHash: string, year: number) => `${buyerHash}|${year}`;

interface BuyerUsage {
  readonly buyerHash: string;
  readonly year: number;
  readonly stored: Decimal;
  used: Decimal;
}

/**
 * The annual usage of the buyers a batch holds the locks of: as stored, and as changed by the batch
 * (checked in memory, the net change written once per buyer and year at flush).
 */
export class BatchUsage {
  private readonly usage = new Map<string, BuyerUsage>();

  constructor(private readonly repos: Repositories) {}

  /**
   * Takes the usage locks of these buyers (sorted; a batch takes them once, after its set locks) and
   * reads their usage. While the transaction holds a buyer's lock no other can change its usage, so
   * the checks done in memory are exact; the net change is written at flush.
   */
  async load(keys: readonly { buyerHash: string; year: number }[]): Promise<void> {
    const wanted = new Map<string, { buyerHash: string; year: number }>();
    for (const k of keys) {
      const key = usageKey(k.buyerHash, k.year);
      if (k.buyerHash && !this.usage.has(key)) wanted.set(key, k);
    }
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    await this.repos.ceb.lockBuyers(list.map((k) => k.buyerHash));
    for (const k of list) this.usage.set(usageKey(k.buyerHash, k.year), { ...k, stored: ZERO, used: ZERO });
    for (const row of await this.repos.ceb.getUsages(list)) {
      const used = decimal(row.used);
      this.usage.set(usageKey(row.buyer_hash, row.year), {
        buyerHash: row.buyer_hash,
        year: row.year,
        stored: used,
        used,
      });
    }
  }

  private async usageOf(buyerHash: string, year: number): Promise<BuyerUsage> {
    await this.load([{ buyerHash, year }]);
    return this.usage.get(usageKey(buyerHash, year)) as BuyerUsage;
  }

  /** Adds to a buyer's annual usage only if the total stays within `limit`. */
  async add(input: { buyerHash: string; year: number; amount: string; limit: string }): Promise<boolean> {
    const u = await this.usageOf(input.buyerHash, input.year);
    const next = add(u.used, decimal(input.amount));
    if (compare(next, decimal(input.limit)) > 0) return false;
    u.used = next;
    return true;
  }

  /** Gives back to a buyer's annual usage (never below zero). */
  async subtract(input: { buyerHash: string; year: number; amount: string }): Promise<void> {
    const u = await this.usageOf(input.buyerHash, input.year);
    const next = sub(u.used, decimal(input.amount));
    u.used = isNegative(next) ? ZERO : next;
  }

  async get(buyerHash: string, year: number): Promise<string> {
    return formatDecimal((await this.usageOf(buyerHash, year)).used, USAGE_SCALE);
  }

  /** Writes the net change of each buyer's usage (none where it did not change). */
  async flush(): Promise<void> {
    const usage = [...this.usage.values()]
      .map((u) => ({ buyerHash: u.buyerHash, year: u.year, delta: sub(u.used, u.stored) }))
      .filter((c) => !isZero(c.delta))
      .map((c) => ({ ...c, delta: formatDecimal(c.delta) }));
    await this.repos.ceb.applyUsage(usage);
  }
}
