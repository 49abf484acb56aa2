import { decimal, formatDecimal, sum } from '@kouan/domain/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../harness';
import { procurementFixtures } from '../procurement-fixtures';

let t: TestPlatform;
let f: ReturnType<typeof procurementFixtures>;
let purchaser: { id: string; passport: string };
beforeAll(async () => {
  t = await startTestPlatform();
  f = procurementFixtures(t);
  purchaser = await f.filePurchaser('Omar Khaled');
});
afterAll(async () => t?.close());

type Line = { productId: string; quantity: string; unitPrice: string };

async function declareLines(lines: Line[], currency = 'USD', buyer = purchaser.id) {
  const tx = await f.register(f.transaction({ purchaserId: buyer, lines, currency }));
  const container = await f.pack(await f.linesOf(tx.id));
  return f.declare(container.id);
}

const total = (values: string[]) => formatDecimal(sum(values.map(decimal)), 2);

describe('declarations are split at USD 150,000', () => {
  it('accepts exactly 150,000.00 in one declaration', async () => {
    const machine = await f.product({ hsCode: '8452101100', unit: '台', price: '150000.00' });
    const declarations = await declareLines([
      { productId: machine.id, quantity: '1', unitPrice: '150000.00' },
    ]);
    expect(declarations).toHaveLength(1);
    expect(declarations[0]!.totalValueUsd).toBe('150000.00');
  });

  it('splits a single line worth 150,000.01 by quantity into parts that add up', async () => {
    const yarn = await f.product({ hsCode: '5205110000', unit: 'kg', price: '1500.0001' });
    const declarations = await declareLines([
      { productId: yarn.id, quantity: '100', unitPrice: '1500.0001' },
    ]);
    expect(declarations).toHaveLength(2);
    for (const d of declarations) expect(Number(d.totalValueUsd)).toBeLessThanOrEqual(150000);
    expect(total(declarations.map((d) => d.totalValueUsd))).toBe('150000.01');
    expect(total(declarations.flatMap((d) => d.items.map((i: { quantity: string }) => i.quantity)))).toBe(
      '100.00',
    );
  });

  it('keeps lines whole when each is under the limit even if together they are over', async () => {
    const a = await f.product({ hsCode: '6403990000', unit: '双', price: '100000.00' });
    const b = await f.product({ hsCode: '6404110000', unit: '双', price: '50000.01' });
    const declarations = await declareLines([
      { productId: a.id, quantity: '1', unitPrice: '100000.00' },
      { productId: b.id, quantity: '1', unitPrice: '50000.01' },
    ]);
    expect(declarations).toHaveLength(2);
    const items = declarations.flatMap((d) => d.items as { quantity: string; valueUsd: string }[]);
    expect(items.map((i) => i.valueUsd).sort()).toEqual(['100000.00', '50000.01']);
    expect(items.every((i) => i.quantity === '1.00000' || i.quantity === '1')).toBe(true);
  });

  it('converts at the dated rate, never exceeds the limit, keeps the container total, and simplifies above five kinds', async () => {
    const codes = [
      '6402991000',
      '4202920000',
      '9004100000',
      '3926909000',
      '6110200000',
      '6505009900',
      '6506100000',
      '4202210000',
    ];
    const products = [];
    for (const hsCode of codes)
      products.push(await f.product({ hsCode, unit: '个', price: '100', currency: 'CNY' }));
    const lines = products.map((p, i) => ({
      productId: p.id,
      quantity: String(2000 + i * 1500),
      unitPrice: String(90 + i * 7),
    }));
    const declarations = await declareLines(lines, 'CNY');
    expect(declarations.length).toBeGreaterThan(1);
    for (const d of declarations) expect(Number(d.totalValueUsd)).toBeLessThanOrEqual(150000);
    const rows = await t.sql<{ usd: string }>(
      `select sum(value_usd)::text as usd from procurement_declaration_items where declaration_id in (${declarations.map((d) => `'${d.id}'`).join(',')})`,
    );
    expect(total(declarations.map((d) => d.totalValueUsd))).toBe(formatDecimal(decimal(rows[0]!.usd), 2));
    // CNY converted at the November 2026 rate (100 USD = 711.60 CNY) to the cent.
    const cny = lines.reduce((acc, l) => acc + Number(l.quantity) * Number(l.unitPrice), 0);
    expect(
      Math.abs(Number(total(declarations.map((d) => d.totalValueUsd))) - (cny * 100) / 711.6),
    ).toBeLessThan(0.05);
    const simplified = declarations.filter((d) => d.simplified);
    for (const d of simplified) {
      expect(d.lines.filter((l: { basis: string }) => l.basis === 'top-value').length).toBeLessThanOrEqual(5);
      expect(d.lines.some((l: { basis: string }) => l.basis === 'chapter-merge')).toBe(true);
    }
    expect(declarations.every((d) => d.consignor.id === f.enterprise('operator').partyId)).toBe(true);
  });

  it('gives each purchaser in a shared container its own declaration with its name in the remarks', async () => {
    const other = await f.filePurchaser('Irina Petrova', 'RU');
    const toy = await f.product({ hsCode: '9503008900', unit: '个', price: '1' });
    const first = await f.register(
      f.transaction({
        purchaserId: purchaser.id,
        lines: [{ productId: toy.id, quantity: '100', unitPrice: '1' }],
      }),
    );
    const second = await f.register(
      f.transaction({
        purchaserId: other.id,
        lines: [{ productId: toy.id, quantity: '200', unitPrice: '1' }],
      }),
    );
    const container = await f.pack([...(await f.linesOf(first.id)), ...(await f.linesOf(second.id))]);
    const declarations = await f.declare(container.id);
    expect(declarations).toHaveLength(2);
    expect(declarations.map((d) => d.purchaser.nationality).sort()).toEqual(['EG', 'RU']);
    expect(declarations.every((d) => d.remarks.includes(d.purchaser.nationality))).toBe(true);
  });

  it('refuses to declare without an exchange rate for the day', async () => {
    const goods = await f.product({ hsCode: '6402991000', unit: '双', price: '1', currency: 'CNY' });
    const tx = await f.register(
      f.transaction({
        purchaserId: purchaser.id,
        currency: 'CHF',
        lines: [{ productId: goods.id, quantity: '1', unitPrice: '1' }],
      }),
    );
    const container = await f.pack(await f.linesOf(tx.id));
    const res = await t.request('POST', `/api/procurement/containers/${container.id}/declarations`, {
      ...f.as('operator'),
      body: { brokerId: f.enterprise('broker').partyId },
    });
    f.expectError(res, 422, 'EXCHANGE_RATE_MISSING');
    await f.ok(
      t.request('POST', '/api/procurement/exchange-rates', {
        ...(await f.officer('customs')),
        body: { currency: 'CHF', effectiveFrom: '2026-11-01', rate: '889.12', rateUnit: 100 },
      }),
    );
    expect(await f.declare(container.id)).toHaveLength(1);
  });
});
