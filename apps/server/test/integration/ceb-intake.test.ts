import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, SENDER, sampleSet, statuses } from '../ceb-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

describe('CEB import set intake', () => {
  it('accepts order, payment, waybill and inventory, answers each with its receipt and releases the set', async () => {
    const set = sampleSet(t);
    const order = await post(t, SENDER.order, set.order, { json: true });
    expect(order.status).toBe(200);
    expect(statuses(order.body)).toEqual(['120']);
    expect(Object.keys(order.body)).toEqual(['CEB312Message']);
    const payment = await post(t, SENDER.payment, set.payment, { json: true });
    expect(statuses(payment.body)).toEqual(['120']);
    const waybill = await post(t, SENDER.waybill, set.waybill);
    expect(waybill.status).toBe(200);
    expect(waybill.headers['content-type']).toContain('application/xml');
    expect(waybill.text).toContain('<ceb:CEB512Message');
    const inventory = await post(t, SENDER.inventory, set.inventory, { json: true });
    expect(statuses(inventory.body)).toEqual(['120']);
    const officer = await t.login('customs');
    const found = await t.request('GET', `/api/ceb/inventories?orderNo=${set.orderNo}`, { token: officer });
    expect(found.status).toBe(200);
    expect(found.body.items[0].status).toBe('800');
  });
});
