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

async function stock(item = 'A001'): Promise<string | undefined> {
  const res = await t.request('GET', `/api/ceb/bonded-stock/${EMS}`, { apiKey: t.apiKey('warehouse') });
  return res.body.stock.find((s: { itemRecordNo: string }) => s.itemRecordNo === item)?.quantity;
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

  it('release deducts, a shortfall is refused 100 with the reason and leaves the stock, a cancel gives it back', async () => {
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
    // Customs refused it (100 海关退单, the reason in returnInfo): not a processing error (-621003).
    const receipts = await t.request(
      'GET',
      '/api/ceb/receipts?order=desc&receiptType=CEB622Message&limit=50',
      {
        apiKey: t.apiKey('broker'),
      },
    );
    const mine = receipts.body.items.filter((r: { xml: string }) =>
      r.xml.includes(second.inventory!.invtNo!),
    );
    const refusal = mine.find((r: { returnStatus: string }) => r.returnStatus === '100');
    expect(refusal?.xml).toContain('库存不足');
    expect(refusal?.xml).toContain('A001');
    expect(mine.map((r: { returnStatus: string }) => r.returnStatus)).not.toContain('-621003');
    const cancel = await post(
      t,
      SENDER.inventory,
      cancelXml(t, { ...first, invtNo: inventory?.invtNo as string, buyer }),
      { json: true },
    );
    expect(statuses(cancel.body)).toEqual(['399']);
    expect(Number(await stock())).toBe(3);
  });

  it('a release short on one line deducts nothing: the other lines keep their stock, and lines of one item add up', async () => {
    const entry = await t.request('POST', '/api/ceb/bonded-stock', {
      apiKey: t.apiKey('warehouse'),
      body: {
        emsNo: EMS,
        reference: 'HZQD0003',
        items: [
          { itemRecordNo: 'B001', qty: '5' },
          { itemRecordNo: 'B002', qty: '2' },
        ],
      },
    });
    expect(entry.status).toBe(201);
    const line = (itemRecordNo: string, qty: string) => ({
      gcode: '1901101000',
      name: '婴儿配方奶粉 900克',
      qty,
      price: '10.00',
      itemRecordNo,
    });
    /** Sends a 1210 set of these lines; the status its inventory is left in. */
    const release = async (lines: ReturnType<typeof line>[]) => {
      const { inventory } = await submitSet(
        t,
        sampleSet(t, { buyer: freshBuyer(), tradeMode: '1210', emsNo: EMS, lines }),
      );
      const [row] = await t.sql<{ status: string }>(
        `select status from ceb_inventories where invt_no = '${inventory?.invtNo}'`,
      );
      return row?.status;
    };
    const movements = async () =>
      (
        await t.sql<{ n: number }>(
          `select count(*)::int as n from ceb_bonded_movements where ems_no = '${EMS}' and item_record_no in ('B001', 'B002') and reason = 'released'`,
        )
      )[0]?.n;
    // B001 has enough; B002 needs 3 and holds 2: before, B001 was deducted and kept deducted.
    expect(await release([line('B001', '4'), line('B002', '3')])).toBe('100');
    expect(Number(await stock('B001'))).toBe(5);
    expect(Number(await stock('B002'))).toBe(2);
    expect(await movements()).toBe(0);
    // Two lines of B002 (1 + 2 = 3 > 2) are short together, though each alone would pass.
    expect(await release([line('B002', '1'), line('B002', '2')])).toBe('100');
    expect(Number(await stock('B002'))).toBe(2);
    // Enough of both: both deducted, one movement per line.
    expect(await release([line('B001', '4'), line('B002', '2')])).toBe('800');
    expect(Number(await stock('B001'))).toBe(1);
    expect(Number(await stock('B002'))).toBe(0);
    expect(await movements()).toBe(2);
  });
});
