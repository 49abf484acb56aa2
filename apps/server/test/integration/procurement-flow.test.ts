import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../harness';
import { procurementFixtures } from '../procurement-fixtures';

let t: TestPlatform;
let f: ReturnType<typeof procurementFixtures>;
beforeAll(async () => {
  t = await startTestPlatform();
  f = procurementFixtures(t);
});
afterAll(async () => t?.close());

async function count(table: string): Promise<number> {
  const rows = await t.sql<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

describe('market procurement from a stall sale to VAT exemption', () => {
  it('carries one sale through registration, packing, declaration, clearance, FX and VAT, with the whole chain traceable', async () => {
    const purchaser = await f.filePurchaser('Ahmed Mostafa');
    const shoes = await f.product({ hsCode: '6402991000', unit: '双', price: '12.50' });
    const evidenceBefore = await count('evidence_entries');
    const tx = await f.register(
      f.transaction({
        purchaserId: purchaser.id,
        lines: [{ productId: shoes.id, quantity: '1000', unitPrice: '12.50' }],
      }),
    );
    expect(tx.status).toBe('registered');
    expect(tx.totalAmount).toBe('12500.00');
    expect(await count('evidence_entries')).toBe(evidenceBefore + 1);

    const container = await f.pack(await f.linesOf(tx.id));
    const [declaration] = await f.declare(container.id);
    expect(declaration!.consignor.id).toBe(f.enterprise('operator').partyId);
    expect(declaration!.totalValueUsd).toBe('12500.00');
    expect(declaration!.remarks).toContain('EG');
    // The operator's staff do not see passports unmasked; customs officers do.
    expect(declaration!.remarks).not.toContain(purchaser.passport);
    const asCustoms = await f.ok(
      t.request('GET', `/api/procurement/declarations/${declaration!.id}`, await f.officer('customs')),
      200,
    );
    expect(asCustoms.remarks).toContain(purchaser.passport);

    const print = await t.request(
      'GET',
      `/api/procurement/declarations/${declaration!.id}/print`,
      f.as('broker'),
    );
    expect(print.status).toBe(200);
    expect(String(print.headers['content-type'])).toContain('text/html');
    expect(print.text).toContain(declaration!.declarationNo);

    const entryNo = '330120261000012345';
    await f.ok(
      t.request('POST', `/api/procurement/declarations/${declaration!.id}/clearance`, {
        ...f.as('broker'),
        body: { action: 'declared', customsEntryNo: entryNo },
      }),
      200,
    );
    await f.ok(
      t.request('POST', `/api/procurement/declarations/${declaration!.id}/clearance`, {
        ...(await f.officer('customs')),
        body: { action: 'released' },
      }),
      200,
    );
    const cleared = await f.ok(
      t.request('GET', `/api/procurement/transactions/${tx.id}`, f.as('supplier')),
      200,
    );
    expect(cleared.status).toBe('cleared');

    const fx = await f.ok(
      t.request('POST', '/api/procurement/fx-collections', {
        ...f.as('operator'),
        body: {
          declarationId: declaration!.id,
          transactionId: tx.id,
          bankReference: 'BOC-2026-0001',
          payerRole: 'operator',
          amount: '12600.00',
          currency: 'USD',
          creditedOn: '2026-11-20',
        },
      }),
    );
    expect(fx.overCollected).toBe(true);
    const report = await f.ok(
      t.request('GET', `/api/procurement/fx/report?declarationId=${declaration!.id}`, await f.officer('fx')),
      200,
    );
    expect(report.declarations[0]).toMatchObject({
      collectedUsd: '12600.00',
      outstandingUsd: '0.00',
      overCollected: true,
    });

    t.clock.set(new Date('2026-12-02T02:00:00Z'));
    const { items: filings } = await f.ok(
      t.request('POST', '/api/procurement/vat-filings/generate', {
        ...(await f.officer('tax')),
        body: { month: '2026-12' },
      }),
    );
    const filing = filings.find(
      (x: { supplierId: string }) => x.supplierId === f.enterprise('supplier').partyId,
    );
    expect(filing).toMatchObject({
      period: '2026-11',
      transactionCount: 1,
      status: 'pending',
      overdue: false,
    });
    t.clock.set(new Date('2026-12-16T02:00:00Z'));
    const listed = await f.ok(t.request('GET', '/api/procurement/vat-filings', f.as('supplier')), 200);
    expect(listed.items[0].overdue).toBe(true);
    await f.ok(t.request('POST', `/api/procurement/vat-filings/${filing.id}/declare`, f.as('supplier')), 200);
    const done = await f.ok(
      t.request('GET', `/api/procurement/transactions/${tx.id}`, f.as('supplier')),
      200,
    );
    expect(done.status).toBe('vat_exemption_declared');
    expect(done.history.map((h: { to: string }) => h.to)).toEqual([
      'registered',
      'consolidated',
      'declared',
      'cleared',
      'fx_collected',
      'vat_exemption_declared',
    ]);

    for (const number of [declaration!.declarationNo, entryNo]) {
      const trace = await f.ok(
        t.request('GET', `/api/procurement/trace/declarations/${number}`, await f.officer('market')),
        200,
      );
      expect(trace.container.id).toBe(container.id);
      expect(trace.transactions.map((x: { id: string }) => x.id)).toEqual([tx.id]);
      expect(trace.operator.id).toBe(f.enterprise('operator').partyId);
      expect(trace.broker.id).toBe(f.enterprise('broker').partyId);
      expect(trace.purchasers.map((p: { id: string }) => p.id)).toEqual([purchaser.id]);
      expect(trace.suppliers.map((p: { id: string }) => p.id)).toEqual([f.enterprise('supplier').partyId]);
    }
    const byParty = await f.ok(
      t.request('GET', `/api/procurement/trace/parties/${purchaser.id}`, await f.officer('commerce')),
      200,
    );
    expect(byParty.items.map((d: { id: string }) => d.id)).toEqual([declaration!.id]);
    expect(byParty.items[0].roles).toEqual(['purchaser']);
    t.clock.set(new Date('2026-11-20T02:00:00Z'));
  });

  it('shows an enterprise only the transactions it is party to', async () => {
    const purchaser = await f.filePurchaser('Nadia Farouk');
    const bag = await f.product({ hsCode: '4202920000', unit: '个' });
    const tx = await f.register(
      f.transaction({
        purchaserId: purchaser.id,
        lines: [{ productId: bag.id, quantity: '10', unitPrice: '3' }],
      }),
    );
    f.expectError(
      await t.request('GET', `/api/procurement/transactions/${tx.id}`, f.as('ebc')),
      404,
      'PROCUREMENT_NOT_FOUND',
    );
    const list = await f.ok(t.request('GET', '/api/procurement/transactions', f.as('ebc')), 200);
    expect(list.total).toBe(0);
    const mine = await f.ok(t.request('GET', '/api/procurement/transactions', f.as('operator')), 200);
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(tx.id);
  });

  it('registers once when a request is retried with the same Idempotency-Key', async () => {
    const purchaser = await f.filePurchaser('Retry Buyer');
    const toy = await f.product({ hsCode: '9503008900', unit: '个' });
    const body = f.transaction({
      purchaserId: purchaser.id,
      lines: [{ productId: toy.id, quantity: '5', unitPrice: '2' }],
    });
    const send = (payload: unknown) =>
      t.request('POST', '/api/procurement/transactions', {
        ...f.as('supplier'),
        body: payload,
        headers: { 'idempotency-key': 'pos-2026-11-20-0001' },
      });
    const [first, second] = await Promise.all([send(body), send(body)]);
    expect(first.status, first.text).toBe(201);
    expect(second.status, second.text).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const rows = await t.sql<{ n: number }>(
      `select count(*)::int as n from procurement_transactions where purchaser_id = '${purchaser.id}'`,
    );
    expect(rows[0]!.n).toBe(1);
    const changed = await send({ ...body, lines: [{ productId: toy.id, quantity: '6', unitPrice: '2' }] });
    f.expectError(changed, 422, 'IDEMPOTENCY_KEY_REUSED');
  });
});
