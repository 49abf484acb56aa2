/** Each check of the intake refuses with the spec's error code and says which fields and values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cebIntakeDeps, createCebIntakeService } from '../../src/features/ceb';
import { actorFor } from '../../src/features/identity/resolve-actor';
import {
  apiKeyFor,
  cancelXml,
  demoParties,
  enterpriseFor,
  freshBuyer,
  post,
  refundXml,
  SENDER,
  sampleSet,
  signAs,
  statuses,
  submitSet,
} from '../ceb-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

describe('三单对碰 and policy checks', () => {
  it('a payment amount different from the order acturalPaid rejects the inventory with -621003', async () => {
    const set = sampleSet(t, { buyer: freshBuyer(), amountPaidOverride: '1.00' });
    const { inventory } = await submitSet(t, set);
    expect(inventory?.returnStatus).toBe('-621003');
    expect(inventory?.returnInfo).toContain('amountPaid');
    expect(inventory?.returnInfo).toContain(set.acturalPaid);
  });

  it('a waybill consignee different from the order rejects with -621003', async () => {
    const { inventory } = await submitSet(t, sampleSet(t, { buyer: freshBuyer(), waybillConsignee: '王五' }));
    expect(inventory?.returnStatus).toBe('-621003');
    expect(inventory?.returnInfo).toContain('consignee');
  });

  it('goods over CNY 5,000 in several lines are refused with -621005', async () => {
    const lines = [
      { gcode: '3304990099', name: '精华液 50毫升', qty: '10', price: '300.00' },
      { gcode: '3303000000', name: '香水 100毫升', qty: '3', price: '900.00' },
    ];
    const { inventory } = await submitSet(t, sampleSet(t, { buyer: freshBuyer(), lines }));
    expect(inventory?.returnStatus).toBe('-621005');
    expect(inventory?.returnInfo).toContain('5000');
  });

  it('a single item over CNY 5,000 within the annual limit is accepted at the full rate', async () => {
    const lines = [{ gcode: '9101219000', name: '自动机械手表', qty: '1', price: '8000.00' }];
    const { inventory } = await submitSet(t, sampleSet(t, { buyer: freshBuyer(), lines }));
    expect(inventory?.returnStatus).toBe('120');
  });

  it('goods not on the positive list are refused with -621003 naming the HS code', async () => {
    const lines = [{ gcode: '8703231990', name: '小轿车', qty: '1', price: '100.00' }];
    const { inventory } = await submitSet(t, sampleSet(t, { buyer: freshBuyer(), lines, taxTotal: '0' }));
    expect(inventory?.returnStatus).toBe('-621003');
    expect(inventory?.returnInfo).toContain('8703231990');
  });

  it('an order whose own sums are wrong is refused in its CEB312 with -301008 naming the field', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    const wrong = set.order
      .replace(/guid="[^"]+"/, 'guid="AAAAAAAA-BBBB-CCCC-DDDD-000000000004"')
      .replace(/<ceb:acturalPaid>[^<]+<\/ceb:acturalPaid>/, '<ceb:acturalPaid>1.00</ceb:acturalPaid>');
    const res = await post(t, SENDER.order, wrong, { json: true });
    expect(statuses(res.body)).toEqual(['-301008']);
    const info = res.body.CEB312Message.OrderReturn[0].returnInfo as string;
    expect(info).toContain('acturalPaid');
    expect(info).toContain('1.00');
    // nothing stored: the corrected order is then accepted as new
    expect(statuses((await post(t, SENDER.order, set.order, { json: true })).body)).toEqual(['120']);
  });

  it('a declared taxTotal far from the assessed tax is refused with -621003', async () => {
    const { inventory } = await submitSet(t, sampleSet(t, { buyer: freshBuyer(), taxTotal: '1.00' }));
    expect(inventory?.returnStatus).toBe('-621003');
    expect(inventory?.returnInfo).toContain('taxTotal');
  });

  it('taxTotal 0 (nothing withheld, the spec\'s "无则填写0") is accepted and flagged with the tax due', async () => {
    const set = sampleSet(t, { buyer: freshBuyer(), taxTotal: '0' });
    const { inventory } = await submitSet(t, set);
    expect(inventory?.returnStatus).toBe('120');
    const officer = await t.login('customs');
    const list = await t.request('GET', `/api/ceb/inventories?orderNo=${set.orderNo}`, { token: officer });
    const findings = list.body.items[0].findings as {
      code: string;
      severity: string;
      message: { zh: string };
    }[];
    expect(findings.map((f) => [f.code, f.severity])).toContainEqual(['-621003', 'warning']);
  });

  it('the annual limit of CNY 26,000 per buyer refuses the purchase that would pass it with -621018', async () => {
    const buyer = freshBuyer();
    const lines = [{ gcode: '3304990099', name: '护肤套装', qty: '1', price: '4500.00' }];
    const results: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { inventory } = await submitSet(t, sampleSet(t, { buyer, lines }));
      results.push(inventory?.returnStatus ?? 'none');
    }
    // 5 × 4,500 (+ tax-free value) = 22,500 used; the sixth would reach 27,000.
    expect(results).toEqual(['120', '120', '120', '120', '120', '-621018']);
  });

  it('a cancelled inventory (CEB623) gives its amount back to the buyer quota', async () => {
    const buyer = freshBuyer();
    const lines = [{ gcode: '3304990099', name: '护肤套装', qty: '1', price: '4500.00' }];
    const sets = [];
    for (let i = 0; i < 5; i++) {
      const set = sampleSet(t, { buyer, lines });
      const { inventory } = await submitSet(t, set);
      expect(inventory?.returnStatus).toBe('120');
      sets.push({ ...set, invtNo: inventory?.invtNo as string });
    }
    const first = sets[0]!;
    const cancel = await post(t, SENDER.inventory, cancelXml(t, { ...first, buyer }), { json: true });
    expect(statuses(cancel.body)).toEqual(['399']);
    const { inventory } = await submitSet(t, sampleSet(t, { buyer, lines }));
    expect(inventory?.returnStatus).toBe('120');
    const officer = await t.login('customs');
    const found = await t.request('GET', `/api/ceb/inventories?invtNo=${first.invtNo}`, { token: officer });
    expect(found.body.items[0].status).toBe('cancelled');
  });
});

describe('returns (CEB625)', () => {
  it('refuses more than was declared (-625001), then accepts a partial return and gives its value back to the quota', async () => {
    const buyer = freshBuyer();
    const lines = [{ gcode: '3304990099', name: '护肤套装', qty: '2', price: '2500.00' }];
    const sets = [];
    for (let i = 0; i < 5; i++) {
      const set = sampleSet(t, { buyer, lines });
      const { inventory } = await submitSet(t, set);
      expect(inventory?.returnStatus).toBe('120');
      sets.push({ ...set, invtNo: inventory?.invtNo as string });
    }
    // 25,000 used: a 5,000 purchase would pass 26,000.
    const over = await submitSet(t, sampleSet(t, { buyer, lines }));
    expect(over.inventory?.returnStatus).toBe('-621018');
    const first = sets[0]!;
    const tooMuch = await post(
      t,
      SENDER.inventory,
      refundXml(t, { ...first, buyer, lines: [{ gnum: 1, gcode: '3304990099', qty: '3' }] }),
      { json: true },
    );
    expect(statuses(tooMuch.body)).toEqual(['-625001']);
    const ok = await post(
      t,
      SENDER.inventory,
      refundXml(t, { ...first, buyer, lines: [{ gnum: 1, gcode: '3304990099', qty: '1' }] }),
      { json: true },
    );
    expect(statuses(ok.body)).toEqual(['120']);
    // the accepted return is credited once: changing or deleting it, or cancelling the inventory
    // it returned goods of, would credit it again, and is refused
    for (const appType of ['2', '3'] as const) {
      const again = await post(
        t,
        SENDER.inventory,
        refundXml(t, { ...first, buyer, appType, lines: [{ gnum: 1, gcode: '3304990099', qty: '1' }] }),
        { json: true },
      );
      expect(statuses(again.body)).toEqual(['-625022']);
    }
    const cancel = await post(t, SENDER.inventory, cancelXml(t, { ...first, buyer }), { json: true });
    expect(statuses(cancel.body)).toEqual(['-623005']);
    // 22,500 used now: a purchase of 3,500 fits exactly into 26,000, and then not one yuan more.
    const fits = await submitSet(
      t,
      sampleSet(t, { buyer, lines: [{ gcode: '3304990099', name: '面霜', qty: '1', price: '3500.00' }] }),
    );
    expect(fits.inventory?.returnStatus).toBe('120');
    const full = await submitSet(
      t,
      sampleSet(t, { buyer, lines: [{ gcode: '3304990099', name: '唇膏', qty: '1', price: '1.00' }] }),
    );
    expect(full.inventory?.returnStatus).toBe('-621018');
  });

  it("refuses a cancel or a return that names another order than the inventory's own (-623001, -625001), naming both", async () => {
    const buyer = freshBuyer();
    const set = sampleSet(t, { buyer });
    const { inventory } = await submitSet(t, set);
    const invtNo = inventory?.invtNo as string;
    const res = await post(
      t,
      SENDER.inventory,
      cancelXml(t, { ...set, orderNo: 'ORD-OTHER', invtNo, buyer }),
      {
        json: true,
      },
    );
    // The inventory exists: the application fails validation (not -623003, "no such inventory").
    expect(statuses(res.body)).toEqual(['-623001']);
    const info = res.body.CEB624Message.InvtCancelReturn[0].returnInfo as string;
    expect(info).toContain(set.orderNo);
    expect(info).toContain('ORD-OTHER');
    const refund = await post(
      t,
      SENDER.inventory,
      refundXml(t, {
        ...set,
        orderNo: 'ORD-OTHER',
        invtNo,
        buyer,
        lines: [{ gnum: 1, gcode: '1901101000', qty: '1' }],
      }),
      { json: true },
    );
    expect(statuses(refund.body)).toEqual(['-625001']);
    const refundInfo = refund.body.CEB626Message.InvtRefundReturn[0].returnInfo as string;
    expect(refundInfo).toContain(set.orderNo);
    expect(refundInfo).toContain('ORD-OTHER');
  });

  it('answers a cancel or a return naming an invtNo of another length than 18 with its refusal, not a 500', async () => {
    const buyer = freshBuyer();
    const set = sampleSet(t, { buyer });
    const cancel = await post(t, SENDER.inventory, cancelXml(t, { ...set, invtNo: 'SHORT1', buyer }), {
      json: true,
    });
    expect(cancel.status).toBe(200);
    expect(statuses(cancel.body)).toEqual(['-623003']);
    expect(cancel.body.CEB624Message.InvtCancelReturn[0].returnInfo).toContain('SHORT1');
    expect(cancel.body.CEB624Message.InvtCancelReturn[0].invtNo).toBeUndefined();
    const refund = await post(
      t,
      SENDER.inventory,
      refundXml(t, { ...set, invtNo: 'SHORT2', buyer, lines: [{ gnum: 1, gcode: '1901101000', qty: '1' }] }),
      { json: true },
    );
    expect(refund.status).toBe(200);
    expect(statuses(refund.body)).toEqual(['-625016']);
  });

  it('refuses a return of goods that were not released with -625004 and the reason', async () => {
    const buyer = freshBuyer();
    const set = sampleSet(t, { buyer });
    await post(t, SENDER.order, set.order);
    const inv = await post(t, SENDER.inventory, set.inventory, { json: true });
    const invtNo = inv.body.CEB622Message.InventoryReturn[0].invtNo;
    const res = await post(
      t,
      SENDER.inventory,
      refundXml(t, { ...set, invtNo, buyer, lines: [{ gnum: 1, gcode: '1901101000', qty: '1' }] }),
      { json: true },
    );
    expect(statuses(res.body)).toEqual(['-625004']);
    const info = res.body.CEB626Message.InvtRefundReturn[0].returnInfo as string;
    expect(info).toContain('退货申请单申报失败');
    expect(info).toContain('尚未放行');
  });
});

describe('withdrawing an import inventory: CEB623, never CEB621 appType 3', () => {
  /** The same inventory (same order, same waybill) declared with appType 3, signed by the broker. */
  const deletion = (set: ReturnType<typeof sampleSet>, buyer: ReturnType<typeof freshBuyer>) =>
    sampleSet(t, {
      buyer,
      orderNo: set.orderNo,
      logisticsNo: set.logisticsNo,
      signInventory: (xml) =>
        signAs(t, 'broker', xml.replace('<ceb:appType>1</ceb:appType>', '<ceb:appType>3</ceb:appType>')),
    }).inventory;

  const docCount = async (orderNo: string) =>
    (
      await t.sql<{ n: number }>(
        `select count(*)::int as n from ceb_documents where kind = 'inventory' and order_no = '${orderNo}'`,
      )
    )[0]?.n;

  it('a CEB621 appType 3 of a waiting inventory is refused -621012 pointing to CEB623, which withdraws it (399), nothing counted', async () => {
    const buyer = freshBuyer();
    const set = sampleSet(t, { buyer });
    await post(t, SENDER.order, set.order);
    const declared = await post(t, SENDER.inventory, set.inventory, { json: true });
    expect(statuses(declared.body)).toEqual(['2']);
    const invtNo = declared.body.CEB622Message.InventoryReturn[0].invtNo as string;
    const before = await docCount(set.orderNo);
    const deleted = await post(t, SENDER.inventory, deletion(set, buyer), { json: true });
    expect(deleted.status).toBe(200);
    expect(statuses(deleted.body)).toEqual(['-621012']);
    const info = deleted.body.CEB622Message.InventoryReturn[0].returnInfo as string;
    expect(info).toContain('CEB623');
    expect(info).toContain(invtNo);
    expect(deleted.body.CEB622Message.InventoryReturn[0].invtNo).toBe(invtNo);
    expect(await docCount(set.orderNo)).toBe(before);
    const officer = await t.login('customs');
    const statusOf = async () =>
      (await t.request('GET', `/api/ceb/inventories?invtNo=${invtNo}`, { token: officer })).body.items[0]
        .status;
    expect(await statusOf()).toBe('2');
    const cancel = await post(t, SENDER.inventory, cancelXml(t, { ...set, invtNo, buyer }), { json: true });
    expect(statuses(cancel.body)).toEqual(['399']);
    expect(cancel.body.CEB624Message.InvtCancelReturn[0].returnInfo).toBe(
      '撤销申请已审结 / cancellation accepted',
    );
    expect(await statusOf()).toBe('cancelled');
    const history = await t.sql<{ status: string; previous_status: string | null }>(
      `select h.status, h.previous_status from ceb_status_history h join ceb_inventories i on i.doc_key = h.doc_key
       where i.invt_no = '${invtNo}' order by h.id`,
    );
    expect(history.map((h) => [h.previous_status, h.status])).toEqual([
      [null, '2'],
      ['2', 'cancelled'],
    ]);
    // It counted nothing against the buyer's quota, so it gives nothing back.
    const usage = await t.sql<{ n: number }>(
      `select count(*)::int as n from ceb_buyer_usage_entries e join ceb_inventories i on i.doc_key = e.doc_key
       where i.invt_no = '${invtNo}'`,
    );
    expect(usage[0]?.n).toBe(0);
    // The set's late documents no longer complete a withdrawn inventory.
    await post(t, SENDER.payment, set.payment);
    await post(t, SENDER.waybill, set.waybill);
    expect(await statusOf()).toBe('cancelled');
  });

  it('a CEB621 appType 3 of a rejected inventory (100) is refused -621012, not answered 399 (customs decided)', async () => {
    const buyer = freshBuyer();
    const set = sampleSet(t, { buyer, amountPaidOverride: '1.00' });
    const { inventory } = await submitSet(t, set);
    expect(inventory?.returnStatus).toBe('-621003');
    const deleted = await post(t, SENDER.inventory, deletion(set, buyer), { json: true });
    expect(statuses(deleted.body)).toEqual(['-621012']);
    expect(deleted.body.CEB622Message.InventoryReturn[0].returnInfo).toContain('（100）');
    const officer = await t.login('customs');
    const found = await t.request('GET', `/api/ceb/inventories?invtNo=${inventory?.invtNo}`, {
      token: officer,
    });
    expect(found.body.items[0].status).toBe('100');
  });
});

describe('sender, duplicates and changes', () => {
  it('a message whose copCode is not the API key enterprise is refused and nothing is stored', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    const before = await t.sql<{ n: number }>('select count(*)::int as n from ceb_messages');
    const res = await post(t, 'payment', set.order, { json: true });
    expect(res.status).toBe(200);
    expect(statuses(res.body)).toEqual(['-10102']);
    expect(res.body.CEB312Message.OrderReturn[0].returnInfo).toContain('copCode');
    const after = await t.sql<{ n: number }>('select count(*)::int as n from ceb_messages');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('a party that is not filed refuses the unit with -10102', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    const xml = set.order.replace(
      /<ceb:ebpCode>[^<]+<\/ceb:ebpCode>/,
      '<ceb:ebpCode>3303960Z99</ceb:ebpCode>',
    );
    const res = await post(t, SENDER.order, xml, { json: true });
    expect(statuses(res.body)).toEqual(['-10102']);
    expect(res.body.CEB312Message.OrderReturn[0].returnInfo).toContain('3303960Z99');
  });

  it('a code filed as another kind of party is refused -10101, naming the field and both kinds', async () => {
    const parties = demoParties(t.demo);
    const set = sampleSet(t, {
      buyer: freshBuyer(),
      parties: { ...parties, ebp: { code: parties.logistics.code, name: parties.logistics.name } },
    });
    const before = await t.sql<{ n: number }>('select count(*)::int as n from ceb_documents');
    const res = await post(t, SENDER.order, set.order, { json: true });
    expect(statuses(res.body)).toEqual(['-10101']);
    const info = res.body.CEB312Message.OrderReturn[0].returnInfo as string;
    expect(info).toContain('ebpCode');
    expect(info).toContain(parties.logistics.code);
    expect(info).toContain('物流企业');
    expect(info).toContain('电商平台');
    const after = await t.sql<{ n: number }>('select count(*)::int as n from ceb_documents');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('an enterprise filed as both platform and e-commerce enterprise (自营) declares with the key of either filing', async () => {
    const code = '3303960S01';
    // The platform filing comes first, so the enterprise filing the key belongs to is the second row.
    await enterpriseFor(t, code, 990_101, 'ebp');
    const asEbc = await enterpriseFor(t, code, 990_102, 'ebc');
    const key = await apiKeyFor(t, asEbc.orgId, '自营 ebc');
    const self = { code, name: '自营跨境电商' };
    const set = sampleSet(t, {
      buyer: freshBuyer(),
      parties: { ...demoParties(t.demo), ebp: self, ebc: self },
    });
    const res = await t.request('POST', '/api/ceb/messages', {
      apiKey: key,
      body: set.order,
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
    });
    expect(statuses(res.body)).toEqual(['120']);
  });

  it('a refused first declaration of an inventory carries no invtNo (customs issued none)', async () => {
    const set = sampleSet(t, {
      buyer: freshBuyer(),
      parties: { ...demoParties(t.demo), logistics: { code: '3303960Z98', name: '未备案物流' } },
    });
    const res = await post(t, SENDER.inventory, set.inventory, { json: true });
    expect(statuses(res.body)).toEqual(['-10102']);
    const unit = res.body.CEB622Message.InventoryReturn[0];
    expect(unit.returnInfo).toContain('logisticsCode');
    expect(unit.invtNo).toBeUndefined();
    expect(unit.preNo).toMatch(/^B\d{17}$/);
  });

  it('the same guid twice returns the first receipt and changes nothing', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    const first = await post(t, SENDER.order, set.order);
    const count = await t.sql<{ n: number }>('select count(*)::int as n from ceb_documents');
    const second = await post(t, SENDER.order, set.order);
    expect(second.text).toBe(first.text);
    const asJson = await post(t, SENDER.order, set.order, { json: true });
    expect(statuses(asJson.body)).toEqual(['120']);
    expect(asJson.body.CEB312Message.guid).toBe(/guid="([^"]+)"/.exec(first.text)?.[1]);
    const again = await t.sql<{ n: number }>('select count(*)::int as n from ceb_documents');
    expect(again[0]?.n).toBe(count[0]?.n);
  });

  it('a new message with an orderNo the platform already used is refused with -301010', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    await post(t, SENDER.order, set.order);
    const copy = set.order.replace(/guid="[^"]+"/, 'guid="AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE"');
    const res = await post(t, SENDER.order, copy, { json: true });
    expect(statuses(res.body)).toEqual(['-301010']);
  });

  it('an order cannot change once its inventory was declared (-301011), nor the inventory be declared twice (-621004)', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    const { inventory } = await submitSet(t, set);
    expect(inventory?.returnStatus).toBe('120');
    const change = set.order
      .replace(/guid="[^"]+"/, 'guid="AAAAAAAA-BBBB-CCCC-DDDD-000000000001"')
      .replace('<ceb:appType>1</ceb:appType>', '<ceb:appType>2</ceb:appType>');
    const res = await post(t, SENDER.order, change, { json: true });
    expect(statuses(res.body)).toEqual(['-301011']);
    const again = set.inventory.replace(/guid="[^"]+"/, 'guid="AAAAAAAA-BBBB-CCCC-DDDD-000000000002"');
    const dup = await post(t, SENDER.inventory, again, { json: true });
    expect(statuses(dup.body)[0]).toMatch(/^-62/);
  });

  it("another platform's order of the same number is not locked by this platform's inventory", async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    expect((await submitSet(t, set)).inventory?.returnStatus).toBe('120');
    // orderNo is unique per platform only: platform B files its own order ORDx, then changes it
    await enterpriseFor(t, '3303960C99', 990_001, 'ebp');
    const other = sampleSet(t, {
      buyer: freshBuyer(),
      orderNo: set.orderNo,
      parties: { ...demoParties(t.demo), ebp: { code: '3303960C99', name: '另一跨境电商平台' } },
    });
    expect(statuses((await post(t, SENDER.order, other.order, { json: true })).body)).toEqual(['120']);
    const change = other.order
      .replace(/guid="[^"]+"/, 'guid="AAAAAAAA-BBBB-CCCC-DDDD-000000000003"')
      .replace('<ceb:appType>1</ceb:appType>', '<ceb:appType>2</ceb:appType>');
    const changed = await post(t, SENDER.order, change, { json: true });
    expect(statuses(changed.body)).toEqual(['120']);
    expect(changed.body.CEB312Message.OrderReturn[0].returnInfo).toBe('变更成功 / changed');
  });
});

describe('an enterprise that is not a party to the inventory', () => {
  /**
   * A filed broker of its own sending as itself where the demo broker is named, through an intake
   * with the signature check off (its own certificate is not the point), and what it is answered.
   */
  async function stranger(code: string, n: number) {
    const { orgId } = await enterpriseFor(t, code, n, 'customs_broker');
    const org = await t.platform.store.repos.identity.getOrganisation(orgId);
    const actor = actorFor({
      type: 'api_key',
      id: `key_stranger_${n}`,
      displayName: 'stranger broker',
      roles: ['enterprise_system'],
      org: org!,
      requestId: `req_stranger_${n}`,
    });
    const broker = t.demo.enterprises.find((e) => e.key === 'broker')?.customsCode as string;
    const intake = createCebIntakeService(cebIntakeDeps(t.platform.deps, { signaturePolicy: 'off' }));
    return async (xml: string) => {
      const own = xml
        .replaceAll(`<ceb:agentCode>${broker}</ceb:agentCode>`, `<ceb:agentCode>${code}</ceb:agentCode>`)
        .replace(`<ceb:copCode>${broker}</ceb:copCode>`, `<ceb:copCode>${code}</ceb:copCode>`);
      const [result] = await intake.submitMany([
        { actor, body: new TextEncoder().encode(own), format: 'xml' },
      ]);
      return result?.units[0];
    };
  }

  it('is refused as not permitted before anything about the inventory (its order) is said', async () => {
    const buyer = freshBuyer();
    const set = sampleSet(t, { buyer });
    const { inventory } = await submitSet(t, set);
    const invtNo = inventory?.invtNo as string;
    const realOrderNo = /<ceb:orderNo>([^<]+)/.exec(set.inventory)?.[1] as string;
    const logisticsNo = /<ceb:logisticsNo>([^<]+)/.exec(set.inventory)?.[1] as string;
    const send = await stranger('3303980B99', 990_611);
    const unit = await send(cancelXml(t, { orderNo: 'GUESS0001', logisticsNo, invtNo, buyer }));
    expect(unit?.returnStatus).toBe('-623026');
    expect(unit?.returnInfo).not.toContain(realOrderNo);
  });

  it('cannot change a waiting inventory or declare over it, and learns none of its numbers', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    // The inventory alone: it waits (2) for its order, payment and waybill.
    const first = await post(t, SENDER.inventory, set.inventory, { json: true });
    expect(statuses(first.body)).toEqual(['2']);
    const broker = t.demo.enterprises.find((e) => e.key === 'broker')?.customsCode as string;
    const send = await stranger('3303980B98', 990_612);
    const orderNo = /<ceb:orderNo>([^<]+)/.exec(set.inventory)?.[1] as string;
    const [stored] = await t.sql<{ invt_no: string; agent_code: string }>(
      `select invt_no, agent_code from ceb_inventories where order_no = '${orderNo}'`,
    );
    for (const appType of ['1', '2']) {
      const unit = await send(
        set.inventory
          .replace(/<ceb:appType>1<\/ceb:appType>/, `<ceb:appType>${appType}</ceb:appType>`)
          // a message of its own (a guid seen before is answered with the first receipt)
          .replace(/guid="[0-9A-F]{8}/, `guid="0000000${appType}`),
      );
      expect(unit?.returnStatus).toBe(appType === '1' ? '-621004' : '-621016');
      expect(unit?.invtNo).toBeUndefined();
      expect(unit?.returnInfo).not.toContain(stored?.invt_no);
    }
    const [after] = await t.sql<{ agent_code: string }>(
      `select agent_code from ceb_inventories where order_no = '${orderNo}'`,
    );
    expect(after?.agent_code).toBe(broker);
  });
});
