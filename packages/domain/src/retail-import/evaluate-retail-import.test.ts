import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRetailImport } from './evaluate-retail-import';
import { DEFAULT_RETAIL_POLICIES, retailPolicyAt } from './policy';
import { parsePositiveListCsv, positiveListLookup, SAMPLE_POSITIVE_LIST_CSV } from './positive-list';
import { parseTaxRateCsv, SAMPLE_TAX_RATES_CSV } from './tax-rates';
import { importSetFromXml, withChanges } from './testing';

const fixture = (name: string) => readFileSync(new URL(`../ceb/fixtures/${name}`, import.meta.url));
const base = importSetFromXml({
  order: fixture('ceb311-order.xml'),
  payment: fixture('ceb411-payment.xml'),
  waybill: fixture('ceb511-waybill.xml'),
  inventory: fixture('ceb621-inventory.xml'),
});
const policy = retailPolicyAt(DEFAULT_RETAIL_POLICIES, new Date('2024-06-11T03:05:00Z'));
const rates = parseTaxRateCsv(SAMPLE_TAX_RATES_CSV).rates;
const isListed = positiveListLookup(parsePositiveListCsv(SAMPLE_POSITIVE_LIST_CSV).entries);

describe('evaluateRetailImport', () => {
  it('accepts the fixture set: value 398.00, tax 36.22 as declared on the order', () => {
    const e = evaluateRetailImport({ set: base, policy, rates, isListed, usedAnnualCny: '1000.00' });
    expect([e.findings, e.refused, e.fullRate, e.valueCny, e.tax.taxTotal]).toEqual([
      [],
      false,
      false,
      '398.00',
      '36.22',
    ]);
  });

  it('collects findings of every rule at once: matching, positive list, annual quota and declared tax', () => {
    const lines = base.inventory.lists.map((l) => (l.gnum === 2 ? { ...l, gcode: '2402200000' } : l));
    const set = withChanges(base, { inventoryLines: lines, payment: { amountPaid: '1.00' } });
    const e = evaluateRetailImport({ set, policy, rates, isListed, usedAnnualCny: '25700.00' });
    expect(e.findings.map((f) => [f.code, f.field])).toEqual([
      ['-621003', '/CEB411Message/Payment[1]/PaymentHead/amountPaid'],
      ['-621003', '/CEB621Message/Inventory[1]/InventoryList[2]/gcode'],
      ['-621018', '/CEB621Message/Inventory[1]/InventoryHead/buyerIdNumber'],
      ['-621003', '/CEB621Message/Inventory[1]/InventoryList[2]/gcode'],
    ]);
    expect(e.refused).toBe(true);
  });

  it('a payer other than the buyer alone is a warning: not refused', () => {
    const set = withChanges(base, { payment: { payerName: '李娜', payerIdNumber: '310115199001011234' } });
    const e = evaluateRetailImport({ set, policy, rates, isListed });
    expect([e.findings.length, e.refused]).toEqual([2, false]);
  });

  it('an order taxTotal far from the assessed tax → -621003 on the order taxTotal', () => {
    const set = withChanges(base, {
      order: { taxTotal: '30.00', acturalPaid: '408.00' },
      payment: { amountPaid: '408.00' },
    });
    const e = evaluateRetailImport({ set, policy, rates, isListed });
    expect(e.findings.map((f) => [f.code, f.field])).toEqual([
      ['-621003', '/CEB311Message/Order[1]/OrderHead/taxTotal'],
    ]);
  });
});
