import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decimal, formatDecimal, mul } from '../money';
import {
  checkAnnualQuota,
  checkTransactionLimit,
  inventoryDutiableValue,
  isSingleItemInventory,
} from './limits';
import { DEFAULT_RETAIL_POLICIES, retailPolicyAt } from './policy';
import { readUnit } from './testing';

const inv = readUnit(
  readFileSync(new URL('../ceb/fixtures/ceb621-inventory.xml', import.meta.url)),
  'CEB621Message',
);
const p2019 = retailPolicyAt(DEFAULT_RETAIL_POLICIES, new Date('2024-06-11T00:00:00Z'));
const p2016 = retailPolicyAt(DEFAULT_RETAIL_POLICIES, new Date('2018-06-11T00:00:00Z'));
const line = inv.lists[0]!;
/** An inventory of one line (`qty` pieces at `price`) plus freight and insurance. */
const single = (price: string, qty = '1', freight = '0', insuredFee = '0') => ({
  head: { ...inv.head, freight, insuredFee },
  lists: [
    {
      ...line,
      qty,
      price,
      totalPrice: formatDecimal(mul(decimal(price), decimal(qty))),
    },
  ],
});

describe('inventoryDutiableValue', () => {
  it('is Σ totalPrice + freight + insuredFee, exact', () => {
    expect(formatDecimal(inventoryDutiableValue(inv))).toBe('398.00');
    expect(formatDecimal(inventoryDutiableValue(single('4990.00', '1', '8.50', '1.50')))).toBe('5000.00');
  });
});

describe('checkTransactionLimit', () => {
  it('accepts exactly the limit (5,000.00 including freight and insurance) at the reduced rate', () => {
    expect(
      checkTransactionLimit({ inventory: single('4990.00', '1', '8.50', '1.50'), policy: p2019 }),
    ).toEqual({
      fullRate: false,
      valueCny: '5000.00',
    });
  });

  it('refuses 5,000.01 over two lines with -621005 naming the amount and the limit', () => {
    const two = {
      head: inv.head,
      lists: [{ ...line, totalPrice: '4940.01', price: '2470.005' }, inv.lists[1]!],
    };
    const r = checkTransactionLimit({ inventory: two, policy: p2019 });
    expect(r.fullRate).toBe(false);
    expect(r.finding?.code).toBe('-621005');
    expect(r.finding?.field).toBe('/CEB621Message/Inventory[1]');
    expect(r.finding?.zh).toContain('购买金额 5000.01');
    expect(r.finding?.zh).toContain('超过单笔限额[5000]');
  });

  it('accepts a single item (one line, qty 1) of 8,000 at full tax under 49号', () => {
    const r = checkTransactionLimit({ inventory: single('8000.00'), policy: p2019 });
    expect(r).toEqual({ fullRate: true, valueCny: '8000.00' });
  });

  it('refuses two pieces of the same product over the limit (qty 2 is not 一件商品)', () => {
    const r = checkTransactionLimit({ inventory: single('3000.00', '2'), policy: p2019 });
    expect(r.finding?.code).toBe('-621005');
    expect(r.finding?.en).toContain('not a single item');
  });

  it('refuses a single item at or above the annual limit (26,000)', () => {
    expect(checkTransactionLimit({ inventory: single('26000.00'), policy: p2019 }).finding?.code).toBe(
      '-621005',
    );
    expect(checkTransactionLimit({ inventory: single('25999.99'), policy: p2019 }).fullRate).toBe(true);
  });

  it('under 18号 refuses a single item over 2,000 (general trade)', () => {
    const r = checkTransactionLimit({ inventory: single('2000.01'), policy: p2016 });
    expect(r.finding?.code).toBe('-621005');
    expect(r.finding?.zh).toContain('财关税〔2016〕18号');
  });

  it('knows a single item', () => {
    expect(isSingleItemInventory(single('1.00', '1.00000'))).toBe(true);
    expect(isSingleItemInventory(inv)).toBe(false);
  });
});

describe('checkAnnualQuota', () => {
  it('allows reaching 26,000 exactly', () => {
    expect(checkAnnualQuota({ usedCny: '25601.78', requestCny: '398.22', policy: p2019 })).toBeUndefined();
  });

  it('refuses 0.01 more with -621018, buyer ID masked', () => {
    const f = checkAnnualQuota({
      usedCny: '25601.78',
      requestCny: '398.23',
      policy: p2019,
      buyerIdNumber: '330106198803150417',
      inventoryRef: 'YP2024061100123',
    });
    expect(f?.code).toBe('-621018');
    expect(f?.zh).toBe(
      '清单[YP2024061100123]中购买人[330***********0417]已用购买额度为[25601.78]，本次购买 398.23 将超过年度限额[26000]（财关税〔2018〕49号）',
    );
  });

  it('uses the policy in force: 20,000 under 18号', () => {
    expect(checkAnnualQuota({ usedCny: '19800', requestCny: '300', policy: p2016 })?.code).toBe('-621018');
    expect(checkAnnualQuota({ usedCny: '19800', requestCny: '300', policy: p2019 })).toBeUndefined();
  });
});
