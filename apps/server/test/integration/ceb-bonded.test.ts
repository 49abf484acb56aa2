/** 1210 bonded stock: entries add, released inventories deduct, never below zero; cancels add back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelXml, freshBuyer, post, SENDER, sampleSet, statuses, submitSet } from '../ceb-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

const EMS = 'T2991W000001';
const bonded = (buyer: ReturnType<typeof freshBuyer>, qty: string) =>
  sampleSet(t, {
    buyer,
    tradeMode: '1210',
    emsNo: EMS,
    lines: [{ gcode: '1901101000', name: '婴儿配方奶粉 900克', qty, price: '169.00', itemRecordNo: 'A001' }],
  });

async function stock(): Promise<string | undefined> {
  const res = await t.request('GET', `/api/ceb/bonded-stock/${EMS}`, { apiKey: t.apiKey('warehouse') });
  return res.body.stock.find((s: { itemRecordNo: string }) => s.itemRecordNo === 'A001')?.quantity;
}

describe('bonded account book', () => {
  it('only a bonded warehouse records entries, with positive quantities', async () => {
    const denied = await t.request('POST', '/api/ceb/bonded-stock', {
      apiKey: t.apiKey('ebc'),
      body: { emsNo: EMS, reference: 'HZQD0001', items: [{ itemRecordNo: 'A001', qty: '3' }] },
    });
    expect(denied.status).toBe(403);
    const bad = await t.request('POST', '/api/ceb/bonded-stock', {
      apiKey: t.apiKey('warehouse'),
      body: { emsNo: EMS, reference: 'HZQD0001', items: [{ itemRecordNo: 'A001', qty: '-3' }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('CEB_BONDED_STOCK_INVALID');
  });

  it('release deducts, a shortfall refuses the inventory and leaves the stock, a cancel gives it back', async () => {
    const entry = await t.request('POST', '/api/ceb/bonded-stock', {
      apiKey: t.apiKey('warehouse'),
      body: { emsNo: EMS, reference: 'HZQD0002', items: [{ itemRecordNo: 'A001', qty: '3' }] },
    });
    expect(entry.status).toBe(201);
    expect(Number(await stock())).toBe(3);
    const buyer = freshBuyer();
    const first = bonded(buyer, '2');
    const { inventory } = await submitSet(t, first);
    expect(inventory?.returnStatus).toBe('120');
    expect(Number(await stock())).toBe(1);
    const second = await submitSet(t, bonded(freshBuyer(), '2'));
    expect(second.inventory?.returnStatus).toBe('120');
    const rows = await t.sql<{ status: string }>(
      `select status from ceb_inventories where invt_no = '${second.inventory?.invtNo}'`,
    );
    expect(rows[0]?.status).toBe('100');
    expect(Number(await stock())).toBe(1);
    const cancel = await post(
      t,
      SENDER.inventory,
      cancelXml(t, { ...first, invtNo: inventory?.invtNo as string, buyer }),
      { json: true },
    );
    expect(statuses(cancel.body)).toEqual(['399']);
    expect(Number(await stock())).toBe(3);
  });
});
