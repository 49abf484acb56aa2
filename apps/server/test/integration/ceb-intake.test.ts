import { parseCebXml, readCebMessage, validateCebMessage } from '@kouan/domain/ceb';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBuyer, post, SENDER, sampleSet, signAs, statuses } from '../ceb-helpers';
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

describe('accepted forms', () => {
  it('takes JSON with the XSD element names and answers JSON', async () => {
    const set = sampleSet(t);
    const parsed = parseCebXml(new TextEncoder().encode(set.order));
    if (!parsed.ok) throw new Error('sample order does not parse');
    const report = validateCebMessage(parsed.value);
    if (!report.valid) throw new Error('sample order is invalid');
    const json = JSON.stringify({ CEB311Message: readCebMessage(report.message).data });
    const res = await post(t, SENDER.order, json, { json: true, contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(statuses(res.body)).toEqual(['120']);
  });

  it('takes a saved inventory (appStatus 1) as JSON; a declared one as JSON is refused: it cannot carry its signature', async () => {
    const set = sampleSet(t, {
      signInventory: (xml) =>
        signAs(
          t,
          'broker',
          xml.replace('<ceb:appStatus>2</ceb:appStatus>', '<ceb:appStatus>1</ceb:appStatus>'),
        ),
    });
    const asJson = (xml: string) => {
      const parsed = parseCebXml(new TextEncoder().encode(xml));
      if (!parsed.ok) throw new Error('sample inventory does not parse');
      const report = validateCebMessage(parsed.value);
      if (!report.valid) throw new Error('sample inventory is invalid');
      // The XSD requires ds:Signature last; JSON can give only its outline, not a verifiable signature.
      const { data } = readCebMessage(report.message);
      return JSON.stringify({
        CEB621Message: { ...data, Signature: { SignedInfo: { Reference: '' }, SignatureValue: 'AA==' } },
      });
    };
    const saved = await post(t, SENDER.inventory, asJson(set.inventory), {
      json: true,
      contentType: 'application/json',
    });
    expect(statuses(saved.body)).toEqual(['1']);
    const declared = sampleSet(t);
    const refused = await post(t, SENDER.inventory, asJson(declared.inventory), {
      json: true,
      contentType: 'application/json',
    });
    expect(statuses(refused.body)).toEqual(['-621026']);
  });

  it('checks a saved inventory (appStatus 1) as if declared in a conformance check, and says so', async () => {
    // Its order, payment and waybill are in; the inventory is saved only, with goods over CNY 5,000.
    const set = sampleSet(t, {
      buyer: freshBuyer(),
      lines: [{ gcode: '3304990099', name: '保湿精华液 50毫升', qty: '2', price: '2800.00' }],
      signInventory: (xml) =>
        signAs(
          t,
          'broker',
          xml.replace('<ceb:appStatus>2</ceb:appStatus>', '<ceb:appStatus>1</ceb:appStatus>'),
        ),
    });
    for (const kind of ['order', 'payment', 'waybill'] as const) await post(t, SENDER[kind], set[kind]);
    const report = await post(t, SENDER.inventory, set.inventory, { dryRun: true });
    expect(report.body.ok).toBe(false);
    expect(report.body.signature).toMatchObject({ ok: true, details: { algorithm: expect.any(String) } });
    const unit = report.body.units[0];
    expect(unit.returnStatus).toBe('-621005');
    expect(unit.findings).toContainEqual(
      expect.objectContaining({ severity: 'warning', field: 'inventory.appStatus' }),
    );
    // Sent for real, the same message is only saved.
    const sent = await post(t, SENDER.inventory, set.inventory, { json: true });
    expect(statuses(sent.body)).toEqual(['1']);
  });

  it('takes GBK-encoded XML as declared, with the Chinese names intact', async () => {
    const set = sampleSet(t);
    const gbk = iconv.encode(set.order.replace('encoding="UTF-8"', 'encoding="GBK"'), 'gbk');
    const res = await t.request('POST', '/api/ceb/messages', {
      apiKey: t.apiKey(SENDER.order),
      body: gbk,
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
    });
    expect(statuses(res.body)).toEqual(['120']);
    const officer = await t.login('customs');
    const ebp = t.demo.enterprises.find((e) => e.key === 'ebp')!.customsCode;
    const view = await t.request('GET', `/api/ceb/orders/${ebp}/${set.orderNo}`, { token: officer });
    expect(view.body.documents[0].lists[0].itemName).toBe('婴儿配方奶粉 900克');
  });

  it('echoes a refused GBK message readable in its CEB900 (oriBizMessage decoded as declared)', async () => {
    const set = sampleSet(t);
    const broken = set.order
      .replace('encoding="UTF-8"', 'encoding="GBK"')
      .replace(/<ceb:currency>142<\/ceb:currency>/, '<ceb:currency>1420</ceb:currency>');
    const res = await t.request('POST', '/api/ceb/messages', {
      apiKey: t.apiKey(SENDER.order),
      body: iconv.encode(broken, 'gbk'),
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
    });
    const unit = res.body.CEB900Message.MessageReturn;
    expect(unit.oriMessageType).toBe('CEB311Message');
    expect(unit.oriBizMessage).toContain('婴儿配方奶粉 900克');
    expect(unit.oriBizMessage).toBe(broken);
  });

  it('takes a DxpMsg envelope and a UTF-8 BOM', async () => {
    const set = sampleSet(t);
    const envelope = `<?xml version="1.0" encoding="UTF-8"?><dxp:DxpMsg ver="1.0" xmlns:dxp="http://www.chinaport.gov.cn/dxp"><dxp:TransInfo><dxp:CopMsgId>KOUAN-TEST-1</dxp:CopMsgId><dxp:SenderId>DXPENT0000000002</dxp:SenderId><dxp:ReceiverIds><dxp:ReceiverId>DXPEDCCEB0000002</dxp:ReceiverId></dxp:ReceiverIds><dxp:CreatTime>2026-11-20T10:00:00</dxp:CreatTime><dxp:MsgType>CEB411Message</dxp:MsgType></dxp:TransInfo><dxp:Data>${Buffer.from(set.payment).toString('base64')}</dxp:Data></dxp:DxpMsg>`;
    const wrapped = await post(t, SENDER.payment, envelope, { json: true });
    expect(statuses(wrapped.body)).toEqual(['120']);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(set.waybill)]);
    const res = await t.request('POST', '/api/ceb/messages', {
      apiKey: t.apiKey(SENDER.waybill),
      body: bom,
      headers: { 'content-type': 'text/xml', accept: 'application/json' },
    });
    expect(statuses(res.body)).toEqual(['120']);
  });
});
