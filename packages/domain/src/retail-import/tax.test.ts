import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Decimal } from '../money';
import { add, compare, decimal, formatDecimal, makeDecimal, mul, sum } from '../money';
import { inventoryDutiableValue } from './limits';
import { DEFAULT_RETAIL_POLICIES, retailPolicyAt } from './policy';
import { apportion, assessImportTax, checkDeclaredTaxTotal } from './tax';
import { parseTaxRateCsv, SAMPLE_TAX_RATES_CSV } from './tax-rates';
import { readUnit } from './testing';

const inv = readUnit(
  readFileSync(new URL('../ceb/fixtures/ceb621-inventory.xml', import.meta.url)),
  'CEB621Message',
);
const policy = retailPolicyAt(DEFAULT_RETAIL_POLICIES, new Date('2024-06-11T00:00:00Z'));
const { rates, errors } = parseTaxRateCsv(SAMPLE_TAX_RATES_CSV);
const template = inv.lists[0]!;

type Line = { gcode: string; price: string; qty?: string };
function inventory(lines: readonly Line[], freight = '0', insuredFee = '0') {
  return {
    head: { ...inv.head, freight, insuredFee },
    lists: lines.map((l, i) => ({
      ...template,
      gnum: i + 1,
      gcode: l.gcode,
      qty: l.qty ?? '1',
      price: l.price,
      totalPrice: formatDecimal(mul(decimal(l.price), decimal(l.qty ?? '1'))),
    })),
  };
}
const assess = (
  lines: readonly Line[],
  opts: { freight?: string; insuredFee?: string; fullRate?: boolean } = {},
) =>
  assessImportTax({
    inventory: inventory(lines, opts.freight, opts.insuredFee),
    rates,
    policy,
    fullRate: opts.fullRate ?? false,
  });

describe('the sample rate table', () => {
  it('parses without errors', () => {
    expect(errors).toEqual([]);
    expect(rates.byHsCode.size).toBeGreaterThanOrEqual(30);
  });
});

describe('assessImportTax (hand-computed)', () => {
  it('fixture inventory: milk powder 338.00 and vitamin C 60.00 at 13% × 0.7 → 30.76 + 5.46 = 36.22, the order taxTotal', () => {
    const a = assessImportTax({ inventory: inv, rates, policy, fullRate: false });
    expect(
      a.lines.map((l) => [l.gnum, l.gcode, l.taxPrice, l.customsTax, l.valueAddedTax, l.consumptionTax]),
    ).toEqual([
      [1, '1901101000', '338.00', '0.00', '30.76', '0.00'],
      [2, '2106909090', '60.00', '0.00', '5.46', '0.00'],
    ]);
    expect([a.taxPrice, a.customsTax, a.valueAddedTax, a.consumptionTax, a.taxTotal]).toEqual([
      '398.00',
      '0.00',
      '36.22',
      '0.00',
      '36.22',
    ]);
    expect([a.factor, a.fullRate, a.source]).toEqual(['0.7', false, '财关税〔2018〕49号']);
  });

  it('high-end skin care 500.00 + freight 10.00 (CT 15%): CT 510/0.85×0.15×0.7 = 63.00, VAT (510+90)×0.13×0.7 = 54.60', () => {
    const a = assess([{ gcode: '3304990099', price: '500.00' }], { freight: '10.00' });
    expect([a.taxPrice, a.consumptionTax, a.valueAddedTax, a.taxTotal]).toEqual([
      '510.00',
      '63.00',
      '54.60',
      '117.60',
    ]);
  });

  it('wine 300.00 (CT 10%): CT 300/0.9×0.1×0.7 = 23.333… → 23.33, VAT 333.33…×0.13×0.7 = 30.333… → 30.33', () => {
    const a = assess([{ gcode: '2204210000', price: '300.00' }]);
    expect([a.consumptionTax, a.valueAddedTax, a.taxTotal]).toEqual(['23.33', '30.33', '53.66']);
  });

  it('full rate for an over-limit single watch 8,000.00: tariff 640.00, CT 8640/0.8×0.2 = 2160.00, VAT 10800×0.13 = 1404.00', () => {
    const a = assess([{ gcode: '9101219000', price: '8000.00' }], { fullRate: true });
    expect([a.customsTax, a.consumptionTax, a.valueAddedTax, a.taxTotal, a.factor]).toEqual([
      '640.00',
      '2160.00',
      '1404.00',
      '4204.00',
      '1',
    ]);
  });

  it('rounds a half fen up: 5.00 at 13% × 0.7 = 0.455 → 0.46', () => {
    expect(assess([{ gcode: '2106909090', price: '5.00' }]).valueAddedTax).toBe('0.46');
  });

  it('apportions freight + insurance 10.01 over 100 / 200 / 33.33 by largest remainder: 3.00, 6.01, 1.00', () => {
    const a = assess(
      [
        { gcode: '1901101000', price: '100.00' },
        { gcode: '1901101000', price: '200.00' },
        { gcode: '1901101000', price: '33.33' },
      ],
      { freight: '10.00', insuredFee: '0.01' },
    );
    expect(a.lines.map((l) => l.feeShare)).toEqual(['3.00', '6.01', '1.00']);
    expect(a.lines.map((l) => l.taxPrice)).toEqual(['103.00', '206.01', '34.33']);
  });

  it('a gcode without a rate → -621003 on that line and the amounts flagged incomplete', () => {
    const a = assess([
      { gcode: '1901101000', price: '10.00' },
      { gcode: '2402200000', price: '10.00' },
    ]);
    expect(a.findings.map((f) => [f.code, f.field])).toEqual([
      ['-621003', '/CEB621Message/Inventory[1]/InventoryList[2]/gcode'],
    ]);
  });

  it('finds the rate by 8-digit tariff line when the 10-digit code is not listed', () => {
    const table = parseTaxRateCsv(
      'hsCode,name,tariffRate,vatRate,consumptionTaxRate\n22042100,葡萄酒,0.14,0.13,0.10\n',
    );
    const a = assessImportTax({
      inventory: inventory([{ gcode: '2204210090', price: '300.00' }]),
      rates: table.rates,
      policy,
      fullRate: false,
    });
    expect(a.taxTotal).toBe('53.66');
  });
});

describe('checkDeclaredTaxTotal', () => {
  const a = assessImportTax({ inventory: inv, rates, policy, fullRate: false });
  it('accepts the fixture order taxTotal 36.22 and a gap within the tolerance (0.10)', () => {
    expect(checkDeclaredTaxTotal({ declaredTaxTotal: '36.22', assessment: a, policy })).toBeUndefined();
    expect(checkDeclaredTaxTotal({ declaredTaxTotal: '36.12', assessment: a, policy })).toBeUndefined();
  });
  it('refuses a taxTotal that differs from the assessment with -621003 naming both amounts', () => {
    const f = checkDeclaredTaxTotal({ declaredTaxTotal: '20.00', assessment: a, policy });
    expect([f?.code, f?.severity, f?.field]).toEqual([
      '-621003',
      'error',
      '/CEB311Message/Order[1]/OrderHead/taxTotal',
    ]);
    expect(f?.en).toContain('order taxTotal 20.00 differs from the assessed tax 36.22');
  });
  it('only flags 0, the spec\'s "无则填写0" (nothing withheld), naming the tax due', () => {
    const f = checkDeclaredTaxTotal({ declaredTaxTotal: '0', assessment: a, policy });
    expect([f?.code, f?.severity]).toEqual(['-621003', 'warning']);
    expect(f?.zh).toContain('应征税款 36.22');
    expect(checkDeclaredTaxTotal({ declaredTaxTotal: '0.00000', assessment: a, policy })?.severity).toBe(
      'warning',
    );
  });
});

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('rounding properties (500 random inventories)', () => {
  it('lines add up to the head, shares add up to the fees, taxPrice adds up to the dutiable value', () => {
    const codes = [...rates.byHsCode.keys()];
    const rnd = random(20240611);
    const amount = (maxUnits: number, scale = 2): string =>
      formatDecimal(makeDecimal(BigInt(Math.floor(rnd() * maxUnits)), scale));
    const failures: string[] = [];
    for (let k = 0; k < 500; k++) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => ({
        gcode: codes[Math.floor(rnd() * codes.length)]!,
        price: rnd() < 0.1 ? '0' : amount(200_000, rnd() < 0.2 ? 5 : 2),
        qty: String(1 + Math.floor(rnd() * 3)),
      }));
      const unit = inventory(lines, amount(3000), amount(500, rnd() < 0.2 ? 3 : 2));
      const a = assessImportTax({ inventory: unit, rates, policy, fullRate: rnd() < 0.2 });
      const col = (f: (l: (typeof a.lines)[number]) => string): Decimal =>
        sum(a.lines.map((l) => decimal(f(l))));
      const fees = add(decimal(unit.head.freight), decimal(unit.head.insuredFee));
      const taxes = sum([decimal(a.customsTax), decimal(a.valueAddedTax), decimal(a.consumptionTax)]);
      const checks = {
        customsTax:
          compare(
            col((l) => l.customsTax),
            decimal(a.customsTax),
          ) === 0,
        valueAddedTax:
          compare(
            col((l) => l.valueAddedTax),
            decimal(a.valueAddedTax),
          ) === 0,
        consumptionTax:
          compare(
            col((l) => l.consumptionTax),
            decimal(a.consumptionTax),
          ) === 0,
        taxTotal: compare(taxes, decimal(a.taxTotal)) === 0,
        feeShares:
          compare(
            col((l) => l.feeShare),
            fees,
          ) === 0,
        noNegativeShare: a.lines.every((l) => decimal(l.feeShare).units >= 0n),
        taxPrice: compare(decimal(a.taxPrice), inventoryDutiableValue(unit)) === 0,
        twoDecimals: a.lines.every(
          (l) => /^\d+\.\d\d$/.test(l.valueAddedTax) && /^\d+\.\d\d$/.test(l.consumptionTax),
        ),
      };
      const broken = Object.entries(checks).filter(([, ok]) => !ok);
      if (broken.length > 0)
        failures.push(`case ${k} ${broken.map(([name]) => name)}: ${JSON.stringify(lines)}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('apportion', () => {
  it('gives everything to the first line when all weights are zero', () => {
    expect(apportion(decimal('5.00'), [decimal('0'), decimal('0')], 2).map((d) => formatDecimal(d))).toEqual([
      '5.00',
      '0.00',
    ]);
  });
  it('splits an odd fen to the earlier line on equal remainders', () => {
    expect(apportion(decimal('0.01'), [decimal('1'), decimal('1')], 2).map((d) => formatDecimal(d))).toEqual([
      '0.01',
      '0.00',
    ]);
  });
});
