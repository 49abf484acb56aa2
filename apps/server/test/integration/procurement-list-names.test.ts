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

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
type Json = any;

async function nameOf(partyId: string): Promise<string> {
  const party = await f.ok(t.request('GET', `/api/parties/${partyId}`, await f.officer('customs')), 200);
  expect(party.party.name).toBeTruthy();
  return party.party.name;
}

async function list(path: string, who: { apiKey: string } | { token: string }): Promise<Json[]> {
  return (await f.ok(t.request('GET', path, who), 200)).items;
}

describe('procurement lists name the parties, not only their ids', () => {
  it('names supplier, purchaser, operator and broker on every list, masking a person for those who may not see it', async () => {
    const purchaser = await f.filePurchaser('Ahmed Mostafa Ibrahim');
    const product = await f.product({ hsCode: '6402991000', name: '拖鞋 names' });
    const tx = await f.register(
      f.transaction({
        purchaserId: purchaser.id,
        lines: [{ productId: product.id, quantity: '100', unitPrice: '10.00' }],
      }),
    );
    const container = await f.pack(await f.linesOf(tx.id));
    const [declaration] = await f.declare(container.id);
    const supplierName = await nameOf(f.enterprise('supplier').partyId!);
    const operatorName = await nameOf(f.enterprise('operator').partyId!);
    const brokerName = await nameOf(f.enterprise('broker').partyId!);
    const customs = await f.officer('customs');

    // an officer with pii:unmasked sees the purchaser's (a person's) full name
    const txAsCustoms = (await list('/api/procurement/transactions?pageSize=200', customs)).find(
      (x) => x.id === tx.id,
    );
    expect(txAsCustoms).toMatchObject({
      supplierName,
      operatorName,
      purchaserName: 'Ahmed Mostafa Ibrahim',
    });
    // the supplier's staff see the enterprises by name and the person masked
    const txAsSupplier = (await list('/api/procurement/transactions?pageSize=200', f.as('supplier'))).find(
      (x) => x.id === tx.id,
    );
    expect(txAsSupplier.supplierName).toBe(supplierName);
    expect(txAsSupplier.purchaserName).toBeTruthy();
    expect(txAsSupplier.purchaserName).not.toContain('Mostafa');

    const containerRow = (await list('/api/procurement/containers?pageSize=200', f.as('operator'))).find(
      (x) => x.id === container.id,
    );
    expect(containerRow.operatorName).toBe(operatorName);

    const declarationRow = (await list('/api/procurement/declarations?pageSize=200', customs)).find(
      (x) => x.id === declaration.id,
    );
    expect(declarationRow).toMatchObject({
      operatorName,
      brokerName,
      purchaserName: 'Ahmed Mostafa Ibrahim',
    });

    const productRow = (await list('/api/procurement/products?pageSize=200', f.as('supplier'))).find(
      (x) => x.id === product.id,
    );
    expect(productRow.supplierName).toBe(supplierName);
    expect(productRow.manufacturerId).toBeNull();
    expect(productRow.manufacturerName).toBeUndefined();

    const file = (await list('/api/procurement/purchaser-files?pageSize=200', f.as('operator'))).find(
      (x) => x.purchaserId === purchaser.id,
    );
    expect(file.operatorName).toBe(operatorName);
    expect(file.purchaserName).not.toContain('Mostafa');

    await f.ok(
      t.request('POST', '/api/procurement/bad-purchasers', {
        ...(await f.officer('commerce')),
        body: { purchaserId: purchaser.id, action: 'add', reason: '拖欠货款' },
      }),
      200,
    );
    const bad = (await list('/api/procurement/bad-purchasers?pageSize=200', customs)).find(
      (x) => x.purchaserId === purchaser.id,
    );
    expect(bad.purchaserName).toBe('Ahmed Mostafa Ibrahim');
  });
});
