import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/workflows/demo-data';
import { startTestPlatform, type TestPlatform } from '../harness';
import { procurementFixtures } from '../procurement-fixtures';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
type Json = any;

/**
 * Who sees which market procurement records. Two sales go the whole way to a VAT filing: one bought
 * in the Lucheng shoe market (WZ-LC-01, district 330302, the demo supplier) and one in the Ouhai
 * glasses market (WZ-OH-01, district 330304, a second supplier), through the same operator and broker.
 */
let t: TestPlatform;
let f: ReturnType<typeof procurementFixtures>;

interface Chain {
  supplierId: string;
  purchaserId: string;
  transactionId: string;
  containerId: string;
  declaration: Json;
  vatFilingId: string;
}
let lucheng: Chain;
let shoesId: string;
let ouhai: Chain;

/** A new session now (the harness caches sessions, which expire when a test moves the clock on). */
async function freshLogin(username: string) {
  const res = await t.request('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
  expect(res.status, res.text).toBe(200);
  return { token: res.body.token as string };
}

const ids = (items: { id: string }[]) => items.map((x) => x.id);

async function zoneId(code: string): Promise<string> {
  const rows = await t.sql<{ id: string }>(`select id from market_zones where code = '${code}'`);
  return rows[0]!.id;
}

let ouhaiProductId: string;

/** A supplier with a stall in the Ouhai glasses market, filed and given a product by the platform admin. */
async function ouhaiSupplier() {
  const admin = await f.officer('admin');
  const [supplier] = (
    await f.ok(
      t.request('POST', '/api/parties', {
        ...admin,
        body: {
          parties: [
            {
              kind: 'supplier',
              legalForm: 'organisation',
              name: '温州市瓯海区明视眼镜商行',
              usci: f.newUsci(),
              zoneId: await zoneId('WZ-OH-01'),
              stallNo: 'C3-021',
            },
          ],
        },
      }),
    )
  ).items;
  const product = await f.ok(
    t.request('POST', '/api/procurement/products', {
      ...admin,
      body: {
        supplierId: supplier.id,
        name: '太阳镜',
        hsCode: '9004100000',
        unit: '副',
        referencePrice: '4.00',
        currency: 'USD',
      },
    }),
  );
  ouhaiProductId = product.id;
  return { supplierId: supplier.id as string, productId: product.id as string };
}

let entrySerial = 0;

/** One sale registered by the operator, packed, declared, released and its FX collected in full. */
async function sale(input: { supplierId: string; productId: string; purchaser: string }) {
  const purchaser = await f.filePurchaser(input.purchaser);
  const tx = await f.ok(
    t.request('POST', '/api/procurement/transactions', {
      ...f.as('operator'),
      body: f.transaction({
        supplierId: input.supplierId,
        purchaserId: purchaser.id,
        lines: [{ productId: input.productId, quantity: '100', unitPrice: '4.00' }],
      }),
    }),
  );
  const detail = await f.ok(
    t.request('GET', `/api/procurement/transactions/${tx.id}`, f.as('operator')),
    200,
  );
  const container = await f.pack(detail.lines.map((l: { id: string }) => l.id));
  const [declaration] = await f.declare(container.id);
  await f.ok(
    t.request('POST', `/api/procurement/declarations/${declaration.id}/clearance`, {
      ...f.as('broker'),
      body: { action: 'declared', customsEntryNo: `3301202610000${String(++entrySerial).padStart(5, '0')}` },
    }),
    200,
  );
  await f.ok(
    t.request('POST', `/api/procurement/declarations/${declaration.id}/clearance`, {
      ...(await freshLogin('customs')),
      body: { action: 'released' },
    }),
    200,
  );
  await f.ok(
    t.request('POST', '/api/procurement/fx-collections', {
      ...f.as('operator'),
      body: {
        declarationId: declaration.id,
        transactionId: tx.id,
        bankReference: `BOC-${tx.id}`,
        payerRole: 'operator',
        amount: '400.00',
        currency: 'USD',
        creditedOn: t.clock.now().toISOString().slice(0, 10),
      },
    }),
  );
  return {
    supplierId: input.supplierId,
    purchaserId: purchaser.id,
    transactionId: tx.id as string,
    containerId: container.id as string,
    declaration,
  };
}

beforeAll(async () => {
  t = await startTestPlatform();
  f = procurementFixtures(t);
  shoesId = (await f.product({ hsCode: '6402991000', unit: '双', price: '4.00' })).id;
  const luchengSale = await sale({
    supplierId: f.enterprise('supplier').partyId,
    productId: shoesId,
    purchaser: 'Omar Lucheng',
  });
  const ouhaiSale = await sale({ ...(await ouhaiSupplier()), purchaser: 'Lena Ouhai' });
  t.clock.set(new Date('2026-12-02T02:00:00Z'));
  const { items: filings } = await f.ok(
    t.request('POST', '/api/procurement/vat-filings/generate', {
      ...(await f.officer('tax')),
      body: { month: '2026-12' },
    }),
  );
  t.clock.set(new Date('2026-11-20T02:00:00Z'));
  const filingOf = (supplierId: string) => {
    const filing = filings.find((x: { supplierId: string }) => x.supplierId === supplierId);
    expect(filing, `VAT filing of ${supplierId}`).toBeDefined();
    return filing.id as string;
  };
  lucheng = { ...luchengSale, vatFilingId: filingOf(luchengSale.supplierId) };
  ouhai = { ...ouhaiSale, vatFilingId: filingOf(ouhaiSale.supplierId) };
}, 120_000);
afterAll(async () => t?.close());

describe('a district regulator sees the procurement records of its district zones only', () => {
  // 'district' is the Lucheng district government (330302), a regulator viewer.
  const asDistrict = () => f.officer('district');

  it('the city regulator sees both sales (so the narrowing below is the district, not missing data)', async () => {
    const city = await f.officer('commerce');
    const txs = await f.ok(t.request('GET', '/api/procurement/transactions?pageSize=200', city), 200);
    expect(ids(txs.items)).toEqual(expect.arrayContaining([lucheng.transactionId, ouhai.transactionId]));
    const decls = await f.ok(t.request('GET', '/api/procurement/declarations?pageSize=200', city), 200);
    expect(ids(decls.items)).toEqual(expect.arrayContaining([lucheng.declaration.id, ouhai.declaration.id]));
    await f.ok(t.request('GET', `/api/procurement/transactions/${ouhai.transactionId}`, city), 200);
  });

  it('lists only its district transactions, containers, declarations and VAT filings, with totals to match', async () => {
    const token = await asDistrict();
    const txs = await f.ok(t.request('GET', '/api/procurement/transactions?pageSize=200', token), 200);
    expect(ids(txs.items)).toContain(lucheng.transactionId);
    expect(ids(txs.items)).not.toContain(ouhai.transactionId);
    const luchengZones = [await zoneId('WZ-LC-01'), await zoneId('WZ-LC-02')];
    expect(txs.items.every((x: { zoneId: string }) => luchengZones.includes(x.zoneId))).toBe(true);
    expect(txs.total).toBe(txs.items.length);

    const containers = await f.ok(t.request('GET', '/api/procurement/containers?pageSize=200', token), 200);
    expect(ids(containers.items)).toContain(lucheng.containerId);
    expect(ids(containers.items)).not.toContain(ouhai.containerId);

    const decls = await f.ok(t.request('GET', '/api/procurement/declarations?pageSize=200', token), 200);
    expect(ids(decls.items)).toEqual([lucheng.declaration.id]);
    expect(decls.total).toBe(1);
    const byOperator = await f.ok(
      t.request('GET', `/api/procurement/declarations?partyId=${f.enterprise('operator').partyId}`, token),
      200,
    );
    expect(ids(byOperator.items)).toEqual([lucheng.declaration.id]);

    const vat = await f.ok(t.request('GET', '/api/procurement/vat-filings?pageSize=200', token), 200);
    expect(ids(vat.items)).toEqual([lucheng.vatFilingId]);
  });

  it('reads a record outside the district as not found, and its own as usual', async () => {
    const token = await asDistrict();
    await f.ok(t.request('GET', `/api/procurement/transactions/${lucheng.transactionId}`, token), 200);
    await f.ok(t.request('GET', `/api/procurement/declarations/${lucheng.declaration.id}`, token), 200);
    const outside = [
      `/api/procurement/transactions/${ouhai.transactionId}`,
      `/api/procurement/declarations/${ouhai.declaration.id}`,
      `/api/procurement/declarations/${ouhai.declaration.id}/print`,
      `/api/procurement/trace/declarations/${ouhai.declaration.declarationNo}`,
    ];
    for (const url of outside)
      f.expectError(await t.request('GET', url, token), 404, 'PROCUREMENT_NOT_FOUND');
  });

  it('traces by declaration and by party within the district only', async () => {
    const token = await asDistrict();
    const trace = await f.ok(
      t.request('GET', `/api/procurement/trace/declarations/${lucheng.declaration.declarationNo}`, token),
      200,
    );
    expect(ids(trace.transactions)).toEqual([lucheng.transactionId]);
    const operatorId = f.enterprise('operator').partyId;
    const byParty = await f.ok(t.request('GET', `/api/procurement/trace/parties/${operatorId}`, token), 200);
    expect(ids(byParty.items)).toEqual([lucheng.declaration.id]);
    expect(byParty.total).toBe(1);
    const ouhaiSupplier = await f.ok(
      t.request('GET', `/api/procurement/trace/parties/${ouhai.supplierId}`, token),
      200,
    );
    expect(ouhaiSupplier.items).toEqual([]);
    expect(ouhaiSupplier.total).toBe(0);
  });

  it('reports FX for the district declarations only', async () => {
    const token = await asDistrict();
    const operatorId = f.enterprise('operator').partyId;
    const report = await f.ok(
      t.request('GET', `/api/procurement/fx/report?partyId=${operatorId}`, token),
      200,
    );
    expect(report.declarations.map((d: { declarationId: string }) => d.declarationId)).toEqual([
      lucheng.declaration.id,
    ]);
    expect(report.totals).toMatchObject({ declarations: 1, declaredUsd: '400.00', collectedUsd: '400.00' });
    const other = await f.ok(
      t.request('GET', `/api/procurement/fx/report?declarationId=${ouhai.declaration.id}`, token),
      200,
    );
    expect(other.declarations).toEqual([]);
    const city = await f.ok(
      t.request('GET', `/api/procurement/fx/report?partyId=${operatorId}`, await f.officer('fx')),
      200,
    );
    expect(city.totals.declarations).toBe(2);
  });
});

describe('an enterprise sees only the procurement records it is party to', () => {
  it('the supplier gets the other district supplier’s sale as not found on every read route', async () => {
    const supplier = f.as('supplier');
    for (const url of [
      `/api/procurement/transactions/${ouhai.transactionId}`,
      `/api/procurement/declarations/${ouhai.declaration.id}`,
      `/api/procurement/declarations/${ouhai.declaration.id}/print`,
      `/api/procurement/trace/declarations/${ouhai.declaration.declarationNo}`,
      `/api/procurement/trace/parties/${ouhai.supplierId}`,
    ])
      f.expectError(await t.request('GET', url, supplier), 404, 'PROCUREMENT_NOT_FOUND');
    const print = await t.request(
      'GET',
      `/api/procurement/declarations/${lucheng.declaration.id}/print`,
      supplier,
    );
    expect(print.status, print.text).toBe(200);
    expect(print.text).toContain(lucheng.declaration.declarationNo);
  });

  it('trace by party: an enterprise traces itself, not another party', async () => {
    const own = await f.ok(
      t.request(
        'GET',
        `/api/procurement/trace/parties/${f.enterprise('supplier').partyId}`,
        f.as('supplier'),
      ),
      200,
    );
    expect(ids(own.items)).toContain(lucheng.declaration.id);
    expect(ids(own.items)).not.toContain(ouhai.declaration.id);
    f.expectError(
      await t.request(
        'GET',
        `/api/procurement/trace/parties/${f.enterprise('operator').partyId}`,
        f.as('supplier'),
      ),
      404,
      'PROCUREMENT_NOT_FOUND',
    );
  });

  it('FX report: an enterprise gets its own declarations whatever party or declaration it names', async () => {
    const named = await f.ok(
      t.request('GET', `/api/procurement/fx/report?partyId=${ouhai.supplierId}`, f.as('supplier')),
      200,
    );
    expect(named.partyId).toBe(f.enterprise('supplier').partyId);
    const declared = named.declarations.map((d: { declarationId: string }) => d.declarationId);
    expect(declared).toContain(lucheng.declaration.id);
    expect(declared).not.toContain(ouhai.declaration.id);
    const other = await f.ok(
      t.request('GET', `/api/procurement/fx/report?declarationId=${ouhai.declaration.id}`, f.as('supplier')),
      200,
    );
    expect(other.declarations).toEqual([]);
    const outsider = await f.ok(
      t.request('GET', `/api/procurement/fx/report?declarationId=${lucheng.declaration.id}`, f.as('ebc')),
      200,
    );
    expect(outsider.declarations).toEqual([]);
  });

  it('VAT filings: a supplier lists its own, even when it asks for another supplier’s', async () => {
    const mine = await f.ok(t.request('GET', '/api/procurement/vat-filings', f.as('supplier')), 200);
    expect(ids(mine.items)).toEqual([lucheng.vatFilingId]);
    const asked = await f.ok(
      t.request('GET', `/api/procurement/vat-filings?supplierId=${ouhai.supplierId}`, f.as('supplier')),
      200,
    );
    expect(ids(asked.items)).toEqual([lucheng.vatFilingId]);
    const outsider = await f.ok(t.request('GET', '/api/procurement/vat-filings', f.as('ebc')), 200);
    expect(outsider.total).toBe(0);
  });

  it('containers and declarations lists: an enterprise not party to any sees none', async () => {
    const outsider = f.as('ebc');
    for (const url of ['/api/procurement/containers', '/api/procurement/declarations']) {
      const page = await f.ok(t.request('GET', url, outsider), 200);
      expect(page.total, url).toBe(0);
    }
    const supplierDecls = await f.ok(
      t.request('GET', '/api/procurement/declarations', f.as('supplier')),
      200,
    );
    expect(ids(supplierDecls.items)).toEqual([lucheng.declaration.id]);
  });
});

describe('a district regulator files parties of its own district only', () => {
  const party = (extra: Record<string, unknown>) => ({
    kind: 'manufacturer',
    legalForm: 'organisation',
    name: '温州市某某鞋材厂',
    usci: f.newUsci(),
    ...extra,
  });
  const countByUsci = async (usci: string) =>
    (await t.sql<{ n: number }>(`select count(*)::int as n from parties where usci = '${usci}'`))[0]!.n;

  it('refuses a supplier in another district’s zone, naming the zone field', async () => {
    const token = await f.officer('lucheng-commerce');
    const supplier = {
      ...party({ zoneId: await zoneId('WZ-OH-01'), stallNo: 'D1-001' }),
      kind: 'supplier',
      name: '瓯海眼镜商行',
    };
    const res = await t.request('POST', '/api/parties', { ...token, body: { parties: [supplier] } });
    f.expectError(res, 403, 'PARTY_OUTSIDE_DISTRICT');
    expect(res.body.error.field).toBe('/parties/0/zoneId');
    expect(res.body.error.message.zh).toContain('zoneId');
    expect(res.body.error.message.en).toContain('zoneId');
    expect(res.body.error.message.en).toContain('330304');
    expect(await countByUsci(supplier.usci as string)).toBe(0);
  });

  it('refuses a party given another district, all or nothing for the batch', async () => {
    const token = await f.officer('lucheng-commerce');
    const fine = party({ districtCode: '330302' });
    const outside = party({ districtCode: '330304' });
    const res = await t.request('POST', '/api/parties', { ...token, body: { parties: [fine, outside] } });
    f.expectError(res, 403, 'PARTY_OUTSIDE_DISTRICT');
    expect(res.body.error.field).toBe('/parties/1/districtCode');
    expect(res.body.error.message.zh).toContain('districtCode');
    expect(await countByUsci(fine.usci as string)).toBe(0);
    expect(await countByUsci(outside.usci as string)).toBe(0);
  });

  it('files a party of its district, and one with no district into its own, and sees both', async () => {
    const token = await f.officer('lucheng-commerce');
    const res = await f.ok(
      t.request('POST', '/api/parties', {
        ...token,
        body: {
          parties: [
            { ...party({ zoneId: await zoneId('WZ-LC-02'), stallNo: 'E1-007' }), kind: 'supplier' },
            party({}),
          ],
        },
      }),
    );
    expect(res.items.map((p: { districtCode: string }) => p.districtCode)).toEqual(['330302', '330302']);
    for (const filed of res.items) await f.ok(t.request('GET', `/api/parties/${filed.id}`, token), 200);
  });

  it('the city regulator still files a party in any district', async () => {
    const filed = await f.ok(
      t.request('POST', '/api/parties', {
        ...(await f.officer('commerce')),
        body: { parties: [party({ districtCode: '330304' })] },
      }),
    );
    expect(filed.items[0].districtCode).toBe('330304');
  });
});

describe('a district regulator acts only on records of its district', () => {
  /** A regulator organisation of `department` with jurisdiction over `district`, and one officer. */
  async function districtOfficer(username: string, department: 'customs' | 'tax', district: string) {
    const { identity } = t.platform.store.repos;
    const [demo] = await t.sql<{ password_hash: string }>(
      `select password_hash from users where username = 'customs'`,
    );
    const orgId = `org_${username}`;
    const createdAt = t.clock.now();
    await identity.insertOrganisation({
      id: orgId,
      kind: 'regulator',
      department,
      name: `${username} 机关`,
      jurisdictionDistrictCode: district,
      partyId: null,
      createdAt,
    });
    await identity.insertUser({
      id: `user_${username}`,
      orgId,
      username,
      displayName: username,
      passwordHash: demo!.password_hash,
      roles: ['regulator_officer'],
      createdAt,
    });
    return f.officer(username);
  }

  it('customs of the Ouhai district records clearance on an Ouhai declaration only', async () => {
    const token = await districtOfficer('ouhai-customs', 'customs', '330304');
    const clear = (id: string) =>
      t.request('POST', `/api/procurement/declarations/${id}/clearance`, {
        ...token,
        body: { action: 'inspected' },
      });
    f.expectError(await clear(lucheng.declaration.id), 404, 'PROCUREMENT_NOT_FOUND');
    // Its own district's declaration gets past the reach check (and is refused only for its step).
    const own = await clear(ouhai.declaration.id);
    expect(own.body.error?.code).not.toBe('PROCUREMENT_NOT_FOUND');
    f.expectError(own, own.status, 'DECLARATION_STEP_OUT_OF_ORDER');
    const events = await t.sql<{ n: number }>(
      `select count(*)::int as n from procurement_declaration_events where actor_id = 'user_ouhai-customs'`,
    );
    expect(events[0]!.n).toBe(0);
  });

  it('tax of the Lucheng district declares the Lucheng VAT filing, and gets the Ouhai one as not found', async () => {
    const token = await districtOfficer('lucheng-tax', 'tax', '330302');
    const declare = (id: string) => t.request('POST', `/api/procurement/vat-filings/${id}/declare`, token);
    f.expectError(await declare(ouhai.vatFilingId), 404, 'PROCUREMENT_NOT_FOUND');
    const city = await f.ok(t.request('GET', '/api/procurement/vat-filings', await f.officer('tax')), 200);
    const ouhaiFiling = city.items.find((x: { id: string }) => x.id === ouhai.vatFilingId);
    expect(ouhaiFiling.status).toBe('pending');
    const done = await f.ok(declare(lucheng.vatFilingId), 200);
    expect(done.status).toBe('declared');
  });

  it('tax of the Lucheng district generates VAT filings for its district suppliers only', async () => {
    t.clock.set(new Date('2026-12-05T02:00:00Z'));
    await sale({ supplierId: lucheng.supplierId, productId: shoesId, purchaser: 'Karim December' });
    await sale({ supplierId: ouhai.supplierId, productId: ouhaiProductId, purchaser: 'Mira December' });
    t.clock.set(new Date('2027-01-02T02:00:00Z'));
    const generate = async (token: { token: string }) =>
      (
        await f.ok(
          t.request('POST', '/api/procurement/vat-filings/generate', {
            ...token,
            body: { month: '2027-01' },
          }),
        )
      ).items.map((x: { supplierId: string }) => x.supplierId);
    expect(await generate(await freshLogin('lucheng-tax'))).toEqual([lucheng.supplierId]);
    expect(await generate(await freshLogin('tax'))).toEqual([ouhai.supplierId]);
    t.clock.set(new Date('2026-11-20T02:00:00Z'));
  });
});
