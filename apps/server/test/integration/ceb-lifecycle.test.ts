/** Matching in any arrival order, the set time-out, customs actions, receipts, queries and dry runs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialXsdErrors } from '../../../../packages/domain/test/official-xsd';
import { cebIntakeDeps, createCebIntakeService, rejectExpiredInventories } from '../../src/features/ceb';
import {
  actorOf,
  apiKeyFor,
  demoParties,
  enterpriseFor,
  freshBuyer,
  post,
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

type Kind = 'order' | 'payment' | 'waybill' | 'inventory';
function permutations(items: Kind[]): Kind[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

async function allReceipts(enterprise: string) {
  const out: { id: string; receiptType: string; returnStatus: string; xml: string }[] = [];
  let after = '';
  for (;;) {
    const page = await t.request('GET', `/api/ceb/receipts?limit=200&after=${after}`, {
      apiKey: t.apiKey(enterprise),
    });
    out.push(...page.body.items);
    if (!page.body.next) return out;
    after = page.body.next;
  }
}

async function statusOf(orderNo: string): Promise<string> {
  const officer = await t.login('customs');
  const res = await t.request('GET', `/api/ceb/inventories?orderNo=${orderNo}`, { token: officer });
  return res.body.items[0]?.status;
}

describe('matching in any arrival order', () => {
  it.each(permutations(['order', 'payment', 'waybill', 'inventory']).map((p) => [p.join(' → '), p]))(
    '%s',
    async (_name, order) => {
      const set = sampleSet(t, { buyer: freshBuyer() });
      const { answers } = await submitSet(t, set, order as Kind[]);
      for (const kind of order as Kind[]) expect(answers[kind]?.status).toBe(200);
      const position = (order as Kind[]).indexOf('inventory');
      expect(statuses(answers.inventory?.body)).toEqual([position === 3 ? '120' : '2']);
      expect(await statusOf(set.orderNo)).toBe('800');
    },
  );
});

/** Sends a set through an intake without auto-release: the inventory waits at 120 for customs. */
async function storeForCustoms(set: Record<'order' | 'payment' | 'waybill' | 'inventory', string>) {
  const manual = createCebIntakeService(cebIntakeDeps(t.platform.deps, { ceb: { autoRelease: false } }));
  for (const kind of ['order', 'payment', 'waybill', 'inventory'] as const) {
    await manual.submitMany([
      { actor: await actorOf(t, SENDER[kind]), body: new TextEncoder().encode(set[kind]), format: 'xml' },
    ]);
  }
}

describe('lifecycle', () => {
  it('customs holds for inspection, then releases, each with the receipt the enterprise gets', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    await storeForCustoms(set);
    expect(await statusOf(set.orderNo)).toBe('120');
    const officer = await t.login('customs');
    const list = await t.request('GET', `/api/ceb/inventories?orderNo=${set.orderNo}`, { token: officer });
    const invtNo = list.body.items[0].invtNo;
    const hold = await t.request('POST', `/api/ceb/inventories/${invtNo}/actions`, {
      token: officer,
      body: { action: 'hold', reason: '布控查验' },
    });
    expect(hold.body.status).toBe('500');
    const closeTooEarly = await t.request('POST', `/api/ceb/inventories/${invtNo}/actions`, {
      token: officer,
      body: { action: 'close', reason: 'x' },
    });
    expect(closeTooEarly.status).toBe(409);
    expect(closeTooEarly.body.error.code).toBe('CEB_STATUS_TRANSITION');
    const release = await t.request('POST', `/api/ceb/inventories/${invtNo}/actions`, {
      token: officer,
      body: { action: 'release', reason: '查验正常' },
    });
    expect(release.body.status).toBe('800');
    const mine = (await allReceipts('ebc')).filter((r) => r.xml.includes(invtNo));
    expect(mine.map((r) => r.returnStatus)).toEqual(['120', '500', '399', '800']);
    const denied = await t.request('POST', `/api/ceb/inventories/${invtNo}/actions`, {
      apiKey: t.apiKey('ebc'),
      body: { action: 'reject', reason: 'x' },
    });
    expect(denied.status).toBe(403);
  });

  it('customs puts an inventory to manual review (300), inspects it (500) and releases it', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    await storeForCustoms(set);
    const officer = await t.login('customs');
    const list = await t.request('GET', `/api/ceb/inventories?orderNo=${set.orderNo}`, { token: officer });
    const invtNo = list.body.items[0].invtNo;
    const act = (action: string, reason: string) =>
      t.request('POST', `/api/ceb/inventories/${invtNo}/actions`, {
        token: officer,
        body: { action, reason },
      });
    const review = await act('review', '申报价格偏低，人工审核');
    expect([review.body.status, review.body.hold]).toEqual(['300', true]);
    expect((await act('hold', '转查验')).body.status).toBe('500');
    expect((await act('release', '查验正常')).body.status).toBe('800');
    const mine = (await allReceipts('ebc')).filter((r) => r.xml.includes(invtNo));
    expect(mine.map((r) => r.returnStatus)).toEqual(['120', '300', '500', '399', '800']);
    // review is for an inventory customs has not decided yet
    expect((await act('review', 'x')).status).toBe(409);
  });

  it('customs rejects a stored inventory and the buyer quota is given back', async () => {
    const buyer = freshBuyer();
    const lines = [{ gcode: '3304990099', name: '护肤套装', qty: '1', price: '4500.00' }];
    const sets = Array.from({ length: 6 }, () => sampleSet(t, { buyer, lines }));
    for (const set of sets.slice(0, 5)) await storeForCustoms(set);
    const officer = await t.login('customs');
    const list = await t.request('GET', `/api/ceb/inventories?orderNo=${sets[0]!.orderNo}`, {
      token: officer,
    });
    const reject = await t.request('POST', `/api/ceb/inventories/${list.body.items[0].invtNo}/actions`, {
      token: officer,
      body: { action: 'reject', reason: '申报不实' },
    });
    expect(reject.body.status).toBe('100');
    const { inventory } = await submitSet(t, sets[5]!);
    expect(inventory?.returnStatus).toBe('120');
  });
});

describe('saved, not declared (appStatus 1, 暂存)', () => {
  it('answers 1 电子口岸已暂存 and declares nothing; the same inventory with appStatus 2 is declared', async () => {
    const buyer = freshBuyer();
    const saved = sampleSet(t, {
      buyer,
      signInventory: (xml) =>
        signAs(
          t,
          'broker',
          xml.replace('<ceb:appStatus>2</ceb:appStatus>', '<ceb:appStatus>1</ceb:appStatus>'),
        ),
    });
    await submitSet(t, saved, ['order', 'payment', 'waybill']);
    const answer = await post(t, SENDER.inventory, saved.inventory);
    expect(answer.status).toBe(200);
    expect(officialXsdErrors(answer.text)).toEqual([]);
    expect(answer.text).toContain('<ceb:returnStatus>1</ceb:returnStatus>');
    expect(answer.text).toContain('电子口岸已暂存');
    // no inventory, no quota used, nothing matched or released
    const officer = await t.login('customs');
    const list = await t.request('GET', `/api/ceb/inventories?orderNo=${saved.orderNo}`, { token: officer });
    expect(list.body.items).toEqual([]);
    // declared: the same inventory with appStatus 2 (a new message) completes the set
    const declared = sampleSet(t, { buyer, orderNo: saved.orderNo, logisticsNo: saved.logisticsNo });
    const { inventory } = await submitSet(t, { ...saved, inventory: declared.inventory }, ['inventory']);
    expect(inventory?.returnStatus).toBe('120');
    expect(await statusOf(saved.orderNo)).toBe('800');
  });
});

describe('queries and visibility', () => {
  it("a receipt of several units is not shown to a party named in one unit only (it holds the others' results)", async () => {
    const otherPay = '3303960P77';
    const { orgId } = await enterpriseFor(t, otherPay, 990_201, 'payment');
    const key = await apiKeyFor(t, orgId, 'other payment');
    const mine = sampleSet(t, { buyer: freshBuyer() });
    const theirs = sampleSet(t, {
      buyer: freshBuyer(),
      parties: { ...demoParties(t.demo), payment: { code: otherPay, name: '另一支付企业' } },
    });
    const unit = (xml: string) => /<ceb:Order>[\s\S]*<\/ceb:Order>/.exec(xml)![0];
    const both = await post(
      t,
      'ebc',
      mine.order.replace(unit(mine.order), unit(mine.order) + unit(theirs.order)),
      {
        json: true,
      },
    );
    expect(statuses(both.body)).toEqual(['120', '120']);
    const seen = async (auth: { apiKey: string }) => {
      const res = await t.request('GET', '/api/ceb/receipts?order=desc&limit=50', auth);
      return res.body.items.some((r: { xml: string }) => r.xml.includes(theirs.orderNo));
    };
    // The sender and the parties both orders name see it; each payment enterprise, named in one, does not.
    expect(await seen({ apiKey: t.apiKey('ebc') })).toBe(true);
    expect(await seen({ apiKey: t.apiKey('ebp') })).toBe(true);
    expect(await seen({ apiKey: key })).toBe(false);
    expect(await seen({ apiKey: t.apiKey('payment') })).toBe(false);
  });

  it('lists receipts newest first, of one type, or only the refusals', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    await submitSet(t, set);
    // the same order number again, as a new order: refused -301010
    const again = sampleSet(t, { buyer: freshBuyer(), orderNo: set.orderNo });
    const refused = await post(t, 'ebc', again.order, { json: true });
    expect(statuses(refused.body)).toEqual(['-301010']);
    const ebc = t.apiKey('ebc');
    const newest = await t.request('GET', '/api/ceb/receipts?order=desc&limit=5', { apiKey: ebc });
    const ids = newest.body.items.map((r: { id: string }) => r.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(newest.body.items[0].returnStatus).toBe('-301010');
    // the next page continues downwards from the cursor
    const older = await t.request('GET', `/api/ceb/receipts?order=desc&limit=5&after=${newest.body.next}`, {
      apiKey: ebc,
    });
    expect(older.body.items.length).toBeGreaterThan(0);
    expect(older.body.items.every((r: { id: string }) => r.id < ids.at(-1))).toBe(true);
    // one message, two orders: the first stored, the second's own sums wrong — a refusal in unit 2
    const two = sampleSet(t, { buyer: freshBuyer() });
    const second = sampleSet(t, { buyer: freshBuyer() });
    const unit = (xml: string) => /<ceb:Order>[\s\S]*<\/ceb:Order>/.exec(xml)![0];
    const wrongSums = unit(second.order).replace(/<ceb:acturalPaid>[^<]+</, '<ceb:acturalPaid>1.00<');
    const mixed = await post(t, 'ebc', two.order.replace(unit(two.order), unit(two.order) + wrongSums), {
      json: true,
    });
    expect(statuses(mixed.body)).toEqual(['120', '-301008']);
    const errors = await t.request('GET', '/api/ceb/receipts?order=desc&errorsOnly=true&limit=200', {
      apiKey: ebc,
    });
    expect(errors.body.items.some((r: { xml: string }) => r.xml.includes(second.orderNo))).toBe(true);
    expect(errors.body.items.length).toBeGreaterThan(0);
    // a receipt listed has a refused unit, whichever unit that is
    expect(errors.body.items.every((r: { xml: string }) => /<ceb:returnStatus>-/.test(r.xml))).toBe(true);
    const orders = await t.request('GET', '/api/ceb/receipts?receiptType=CEB312Message&limit=200', {
      apiKey: ebc,
    });
    expect(new Set(orders.body.items.map((r: { receiptType: string }) => r.receiptType))).toEqual(
      new Set(['CEB312Message']),
    );
    const bad = await t.request('GET', '/api/ceb/receipts?receiptType=orders', { apiKey: ebc });
    expect(bad.status).toBe(400);
  });

  it('shows the four documents of an order with receipts and history; buyer data masked for enterprises', async () => {
    const buyer = freshBuyer();
    const set = sampleSet(t, { buyer });
    await submitSet(t, set);
    const ebp = t.demo.enterprises.find((e) => e.key === 'ebp')!.customsCode;
    const view = await t.request('GET', `/api/ceb/orders/${ebp}/${set.orderNo}`, { apiKey: t.apiKey('ebc') });
    expect(view.status).toBe(200);
    // An enterprise sees the documents that name it: the ebc is on the order and the inventory.
    expect(view.body.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(['inventory', 'order']);
    expect(view.body.inventory.status).toBe('800');
    expect(view.body.statusHistory.map((h: { status: string }) => h.status)).toEqual([
      '2',
      '120',
      '399',
      '800',
    ]);
    expect(view.body.receipts.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(view.body)).not.toContain(buyer.idNumber);
    // The buyer's platform account (here made from the phone number) is masked too.
    expect(JSON.stringify(view.body)).not.toContain(buyer.phone);
    const order = view.body.documents.find((d: { kind: string }) => d.kind === 'order');
    expect(order.head.buyerRegNo).toMatch(/^u1\*+\d\d$/);
    const officer = await t.login('customs');
    const full = await t.request('GET', `/api/ceb/orders/${ebp}/${set.orderNo}`, { token: officer });
    expect(JSON.stringify(full.body)).toContain(buyer.idNumber);
    expect(full.body.documents.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'inventory',
      'order',
      'payment',
      'waybill',
    ]);
    const byBuyer = await t.request('GET', `/api/ceb/inventories?buyerIdNumber=${buyer.idNumber}`, {
      token: officer,
    });
    expect(byBuyer.body.total).toBe(1);
    const other = await t.request('GET', `/api/ceb/orders/${ebp}/${set.orderNo}`, {
      apiKey: t.apiKey('warehouse'),
    });
    expect(other.status).toBe(404);
    const theirs = await t.request('GET', `/api/ceb/inventories?orderNo=${set.orderNo}`, {
      apiKey: t.apiKey('warehouse'),
    });
    expect(theirs.body.total).toBe(0);
  });
});

describe('dry run (conformance check)', () => {
  it('reports every problem with signature diagnostics and stores nothing', async () => {
    const set = sampleSet(t, { buyer: freshBuyer(), amountPaidOverride: '2.00' });
    for (const kind of ['order', 'payment', 'waybill'] as const) await post(t, SENDER[kind], set[kind]);
    const tables = [
      'ceb_messages',
      'ceb_documents',
      'ceb_inventories',
      'ceb_receipts',
      'ceb_status_history',
      'evidence_entries',
      'audit_log',
    ];
    const count = async () =>
      Promise.all(
        tables.map(async (x) => (await t.sql<{ n: number }>(`select count(*)::int as n from ${x}`))[0]?.n),
      );
    const before = await count();
    const report = await post(t, SENDER.inventory, set.inventory, { dryRun: true });
    expect(report.status).toBe(200);
    expect(report.body.dryRun).toBe(true);
    expect(report.body.ok).toBe(false);
    expect(report.body.signature.ok).toBe(true);
    expect(report.body.units[0].returnStatus).toBe('-621003');
    expect(report.body.units[0].findings.some((f: { field: string }) => f.field.includes('amountPaid'))).toBe(
      true,
    );
    const tampered = set.inventory.replace(
      '<ceb:grossWeight>1.2</ceb:grossWeight>',
      '<ceb:grossWeight>9.9</ceb:grossWeight>',
    );
    const bad = await post(t, SENDER.inventory, tampered, { dryRun: true });
    expect(bad.body.signature.ok).toBe(false);
    expect(bad.body.signature.code).toBe('-621028');
    expect(bad.body.signature.details.reason).toBe('digest_mismatch');
    expect(bad.body.signature.details.computedDigestBase64).toBeTruthy();
    // the unit's finding names the signature, and a refused inventory gets no invtNo
    expect(bad.body.units[0].findings[0]).toMatchObject({ code: '-621028', field: 'Signature' });
    const sent = await post(t, SENDER.inventory, tampered, { json: true });
    expect(statuses(sent.body)).toEqual(['-621028']);
    expect(sent.body.CEB622Message.InventoryReturn[0].invtNo).toBeUndefined();
    const broken = await post(
      t,
      SENDER.inventory,
      '<ceb:CEB621Message xmlns:ceb="http://www.chinaport.gov.cn/ceb"/>',
      { dryRun: true },
    );
    expect(broken.body.format.valid).toBe(false);
    expect(broken.body.format.problems.length).toBeGreaterThan(1);
    expect(await count()).toEqual(before);
  });
});

// Last: it moves the clock a day ahead (sessions of the other tests would expire).
describe('set time-out', () => {
  it('an inventory whose set never completes is rejected after the time-out, with a receipt', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    await post(t, SENDER.order, set.order);
    const inv = await post(t, SENDER.inventory, set.inventory, { json: true });
    expect(statuses(inv.body)).toEqual(['2']);
    const deps = cebIntakeDeps(t.platform.deps);
    expect(await rejectExpiredInventories(deps)).toBe(0);
    t.clock.advance(25 * 3600 * 1000);
    expect(await rejectExpiredInventories(deps)).toBe(1);
    const rows = await t.sql<{ status: string }>(
      `select status from ceb_inventories where order_no = '${set.orderNo}'`,
    );
    expect(rows[0]?.status).toBe('100');
    const invtNo = inv.body.CEB622Message.InventoryReturn[0].invtNo;
    const mine = (await allReceipts('broker')).filter((r) => r.xml.includes(invtNo));
    const last = mine.at(-1) as { receiptType: string; returnStatus: string; xml: string };
    expect(last.receiptType).toBe('CEB622Message');
    expect(last.returnStatus).toBe('-621003');
    expect(last.xml).toContain('超时');
  });
});
