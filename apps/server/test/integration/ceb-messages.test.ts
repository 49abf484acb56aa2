/**
 * Every import and export declaration type, in the official-format fixtures of the domain, gets the
 * receipt type the spec pairs with it, and every receipt Kouan emits passes the official schema. The
 * fixtures sent by the demo enterprises: export inventories keep their numbers and always get their
 * CEB604, the export cross-checks (cancel, waybill list, summary), the receipts' states and wording,
 * and the waybills a waybill status or a warehouse entry names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { CEB_RECEIPT_TYPE_FOR, parseCebXml, validateCebMessage } from '@kouan/domain/ceb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialXsdErrors } from '../../../../packages/domain/test/official-xsd';
import { cebIntakeDeps, createCebIntakeService } from '../../src/features/ceb';
import { actorFor } from '../../src/features/identity/resolve-actor';
import {
  apiKeyFor,
  demoParties,
  enterpriseFor,
  fileFixtureParties,
  freshBuyer,
  post,
  SENDER,
  sampleSet,
  signAs,
} from '../ceb-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

const dir = new URL('../../../../packages/domain/src/ceb/fixtures/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

function validates(xml: string) {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return validateCebMessage(parsed.value).violations;
}

describe('every declaration type round-trips to its receipt', () => {
  it.each(files)('%s', async (file) => {
    const bytes = readFileSync(new URL(file, dir));
    const text = bytes.toString('utf8');
    const type = /<(?:ceb:)?(CEB\d{3}Message)/.exec(text)?.[1] as keyof typeof CEB_RECEIPT_TYPE_FOR;
    const sender = await fileFixtureParties(t, text, files.indexOf(file) * 20);
    const org = await t.platform.store.repos.identity.getOrganisation(sender.orgId);
    const actor = actorFor({
      type: 'api_key',
      id: `key_${file}`,
      displayName: file,
      roles: ['enterprise_system'],
      org: org!,
      requestId: `req_${file}`,
    });
    // The fixtures carry sample signatures that no registered certificate made: checked elsewhere.
    const intake = createCebIntakeService(cebIntakeDeps(t.platform.deps, { signaturePolicy: 'off' }));
    const [result] = await intake.submitMany([{ actor, body: new Uint8Array(bytes), format: 'xml' }]);
    expect(result?.outcome).toBe('processed');
    expect(result?.receiptType).toBe(CEB_RECEIPT_TYPE_FOR[type]);
    expect(validates(result!.xml)).toEqual([]);
    const replay = await intake.submitMany([{ actor, body: new Uint8Array(bytes), format: 'xml' }]);
    expect(replay[0]?.outcome).toBe('replayed');
    expect(replay[0]?.xml).toBe(result?.xml);
    // Stored as XML only: the JSON answer read back from it is the one first given.
    expect(replay[0]?.json).toEqual(result?.json);
  });

  it('answers a body that is not CEB with a CEB900 that passes the schema, and stores nothing', async () => {
    const before = await t.sql<{ n: number }>('select count(*)::int as n from ceb_messages');
    const res = await t.request('POST', '/api/ceb/messages', {
      apiKey: t.apiKey('ebc'),
      body: '<?xml version="1.0"?><ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="X" version="1.0"><ceb:Order/></ceb:CEB311Message>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('CEB900Message');
    expect(validates(res.text)).toEqual([]);
    expect(res.text).toContain('/CEB311Message/@guid');
    const after = await t.sql<{ n: number }>('select count(*)::int as n from ceb_messages');
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

const uuid = () => crypto.randomUUID().toUpperCase();
let serial = 0;
/** A copNo no other test uses. */
const nextCopNo = (prefix: string) =>
  `${prefix}${Date.now() % 1_000_000}${String(++serial).padStart(4, '0')}`;

/**
 * An official-format fixture as the demo enterprises send it: their customs codes, fresh guids, no
 * sample signature (exports are unsigned: the policy verifies only a signature that is there), these
 * fields set (every occurrence), these elements inserted after the head's copNo, these lines.
 */
function fromFixture(
  file: string,
  options: {
    fields?: Record<string, string>;
    afterCopNo?: Record<string, string>;
    lines?: { element: string; items: string[] };
  } = {},
): string {
  const p = demoParties(t.demo);
  const warehouse = t.demo.enterprises.find((e) => e.key === 'warehouse')!.customsCode!;
  let xml = readFileSync(new URL(file, dir), 'utf8')
    .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
    .replaceAll('3301964J31', p.ebp.code)
    .replaceAll('3318960ABC', p.ebc.code)
    .replaceAll('3318980YT2', p.logistics.code)
    .replaceAll('4403180Z1A', p.logistics.code)
    .replaceAll('3318980BG5', p.agent.code)
    .replaceAll('31222699S7', p.payment.code)
    .replaceAll('3301968001', warehouse)
    .replace(/guid="[^"]+"/, `guid="${uuid()}"`)
    .replace(/<ceb:guid>[^<]+<\/ceb:guid>/g, () => `<ceb:guid>${uuid()}</ceb:guid>`);
  for (const [name, value] of Object.entries(options.fields ?? {}))
    xml = xml.replace(
      new RegExp(`<ceb:${name}>[^<]*</ceb:${name}>`, 'g'),
      `<ceb:${name}>${value}</ceb:${name}>`,
    );
  const inserted = Object.entries(options.afterCopNo ?? {})
    .map(([name, value]) => `<ceb:${name}>${value}</ceb:${name}>`)
    .join('');
  xml = xml.replace(/(<ceb:copNo>[^<]*<\/ceb:copNo>)/, `$1${inserted}`);
  if (options.lines) {
    const { element, items } = options.lines;
    const block = new RegExp(`<ceb:${element}>[\\s\\S]*</ceb:${element}>`);
    xml = xml.replace(block, items.map((item) => `<ceb:${element}>${item}</ceb:${element}>`).join(''));
  }
  return xml;
}

/** The fields of the (single) unit of an XML receipt; the answer must pass the official XSD. */
function receiptUnit(xml: string): Record<string, string> {
  expect(officialXsdErrors(xml)).toEqual([]);
  return Object.fromEntries([...xml.matchAll(/<ceb:(\w+)>([^<]*)<\/ceb:\1>/g)].map((m) => [m[1], m[2]]));
}

async function send(enterprise: string, xml: string): Promise<Record<string, string | undefined>> {
  const res = await post(t, enterprise, xml);
  expect(res.status).toBe(200);
  return { ...receiptUnit(res.text), root: /<ceb:(CEB\d{3}Message)\b/.exec(res.text)?.[1] };
}

/** A CEB603 export inventory sent by the demo broker. */
function exportInventory(copNo: string, options: Parameters<typeof fromFixture>[1] = {}) {
  const p = demoParties(t.demo);
  return fromFixture('ceb603-export-inventory.xml', {
    ...options,
    fields: { copNo, copCode: p.agent.code, ...options.fields },
  });
}

/** A CEB605 cancel of an export inventory sent by the demo broker. */
function exportCancel(invtNo: string, fields: Record<string, string> = {}) {
  const p = demoParties(t.demo);
  return fromFixture('ceb605-export-cancel.xml', {
    fields: { copNo: nextCopNo('QX'), invtNo, copCode: p.agent.code, ...fields },
  });
}

async function declaredExportInventory() {
  const copNo = nextCopNo('EX');
  const answer = await send('broker', exportInventory(copNo));
  expect([answer.root, answer.returnStatus]).toEqual(['CEB604Message', '120']);
  return { copNo, preNo: answer.preNo as string, invtNo: answer.invtNo as string };
}

const exportKey = (copNo: string) => `export_inventory:${demoParties(t.demo).agent.code}:${copNo}`;

describe('export inventory receipts (CEB604) when nothing is declared', () => {
  it('a party refusal answers CEB604 with the refusal code and an empty invtNo, also in a dry run', async () => {
    const xml = exportInventory(nextCopNo('EX'), { fields: { logisticsCode: '3303960Z98' } });
    const refused = await send('broker', xml);
    expect(refused).toMatchObject({ root: 'CEB604Message', returnStatus: '-10102', invtNo: '' });
    expect(refused.returnInfo).toContain('3303960Z98');
    expect(refused.preNo).toMatch(/^B\d{17}$/);
    const dry = await post(
      t,
      'broker',
      exportInventory(nextCopNo('EX'), { fields: { logisticsCode: '3303960Z98' } }),
      {
        dryRun: true,
      },
    );
    expect(dry.status).toBe(200);
    expect(dry.body.units[0].returnStatus).toBe('-10102');
    expect(dry.body.receipt.CEB604Message.InventoryReturn[0].invtNo).toBe('');
  });

  it("a sender refusal echoes the message's own invtNo (or none) in CEB604, also in a dry run", async () => {
    // The broker's message sent with the platform's key: BaseTransfer.copCode is not the key's enterprise.
    const own = await send(
      'ebp',
      exportInventory(nextCopNo('EX'), { afterCopNo: { invtNo: 'OWN0000000001' } }),
    );
    expect(own).toMatchObject({ root: 'CEB604Message', returnStatus: '-10102', invtNo: 'OWN0000000001' });
    const none = await send('ebp', exportInventory(nextCopNo('EX')));
    expect(none).toMatchObject({ returnStatus: '-10102', invtNo: '' });
    const dry = await post(t, 'ebp', exportInventory(nextCopNo('EX')), { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.outcome).toBe('sender_refused');
    expect(dry.body.receipt.CEB604Message.InventoryReturn[0]).toMatchObject({
      returnStatus: '-10102',
      invtNo: '',
    });
  });

  it('a saved unit (appStatus 1) answers 1 with its own invtNo or an empty one; a dry run checks it as declared', async () => {
    const saved = await send('broker', exportInventory(nextCopNo('EX'), { fields: { appStatus: '1' } }));
    expect(saved).toMatchObject({ root: 'CEB604Message', returnStatus: '1', invtNo: '' });
    const own = await send(
      'broker',
      exportInventory(nextCopNo('EX'), {
        fields: { appStatus: '1' },
        afterCopNo: { invtNo: 'OWN0000000002' },
      }),
    );
    expect(own).toMatchObject({ returnStatus: '1', invtNo: 'OWN0000000002' });
    const dry = await post(t, 'broker', exportInventory(nextCopNo('EX'), { fields: { appStatus: '1' } }), {
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body.units[0].returnStatus).toBe('120');
    const rows = await t.sql<{ n: number }>(
      `select count(*)::int as n from ceb_export_inventories where doc_key = '${exportKey(saved.copNo as string)}'`,
    );
    expect(rows[0]?.n).toBe(0);
  });
});

describe('export inventory identity (CEB603 preNo and invtNo, one per document)', () => {
  it('a duplicate, a change and a delete name the numbers first issued; history keeps each change', async () => {
    const first = await declaredExportInventory();
    expect(first.invtNo).toMatch(/^\d{8}E\d{9}$/);
    const duplicate = await send('broker', exportInventory(first.copNo));
    expect(duplicate).toMatchObject({ returnStatus: '-621004', preNo: first.preNo, invtNo: first.invtNo });
    const change = await send('broker', exportInventory(first.copNo, { fields: { appType: '2' } }));
    expect(change).toMatchObject({
      returnStatus: '120',
      returnInfo: '变更成功 / changed',
      preNo: first.preNo,
      invtNo: first.invtNo,
    });
    const deleted = await send('broker', exportInventory(first.copNo, { fields: { appType: '3' } }));
    expect(deleted).toMatchObject({
      returnStatus: '120',
      returnInfo: '删除成功 / deleted',
      preNo: first.preNo,
      invtNo: first.invtNo,
    });
    const key = exportKey(first.copNo);
    const versions = await t.sql<{ app_type: string; pre_no: string; invt_no: string }>(
      `select app_type, pre_no, invt_no from ceb_documents where doc_key = '${key}' order by version`,
    );
    expect(versions).toEqual(
      ['1', '2', '3'].map((app_type) => ({ app_type, pre_no: first.preNo, invt_no: first.invtNo })),
    );
    const history = await t.sql<{
      status: string;
      previous_status: string | null;
      reason: string;
      actor_type: string;
      actor_id: string;
    }>(
      `select status, previous_status, reason, actor_type, actor_id from ceb_status_history where doc_key = '${key}' order by id`,
    );
    expect(history.map((h) => [h.previous_status, h.status, h.reason])).toEqual([
      [null, '120', '出口清单申报 / declared'],
      ['120', '120', '出口清单变更 / changed'],
      ['120', 'deleted', '出口清单删除 / deleted'],
    ]);
    expect(history.every((h) => h.actor_type === 'api_key' && h.actor_id !== '')).toBe(true);
    // A deleted inventory cannot be cancelled.
    const cancel = await send('broker', exportCancel(first.invtNo));
    expect(cancel).toMatchObject({ root: 'CEB606Message', returnStatus: '-623005' });
    expect(cancel.returnInfo).toContain('已删除');
  });

  it('a refused first declaration names no invented invtNo and stores nothing', async () => {
    const copNo = nextCopNo('EX');
    const change = await send('broker', exportInventory(copNo, { fields: { appType: '2' } }));
    expect(change).toMatchObject({ returnStatus: '-621011', invtNo: '' });
    const docs = await t.sql<{ n: number }>(
      `select count(*)::int as n from ceb_documents where doc_key = '${exportKey(copNo)}'`,
    );
    expect(docs[0]?.n).toBe(0);
  });
});

describe('export cross-checks: cancel (CEB605), waybill list (CEB607), summary (CEB701)', () => {
  it('a cancel of an unknown inventory is refused -623003 and stores nothing', async () => {
    const copNo = nextCopNo('QX');
    const res = await send('broker', exportCancel('29332026E999999999', { copNo }));
    expect(res).toMatchObject({ root: 'CEB606Message', returnStatus: '-623003' });
    expect(res.returnInfo).toContain('29332026E999999999');
    const docs = await t.sql<{ n: number }>(
      `select count(*)::int as n from ceb_documents where kind = 'export_cancel' and cop_no = '${copNo}'`,
    );
    expect(docs[0]?.n).toBe(0);
  });

  it('a cancel by an enterprise that is not a party to the inventory reads as unknown (-623003)', async () => {
    const { invtNo } = await declaredExportInventory();
    const other = '3303960B77';
    const { orgId } = await enterpriseFor(t, other, 990_301, 'customs_broker');
    const key = await apiKeyFor(t, orgId, 'other broker');
    const res = await t.request('POST', '/api/ceb/messages', {
      apiKey: key,
      body: exportCancel(invtNo, { agentCode: other, copCode: other }),
      headers: { 'content-type': 'application/xml' },
    });
    expect(receiptUnit(res.text)).toMatchObject({ returnStatus: '-623003' });
  });

  it("an enterprise that is not a party cannot learn an export inventory's numbers, change it, cancel it or list it", async () => {
    const target = await declaredExportInventory();
    // A filed e-commerce enterprise of its own, sending the broker's key (agentCode + copNo) as ebc.
    const stranger = '3303960C55';
    const { orgId } = await enterpriseFor(t, stranger, 990_302, 'ebc');
    const key = await apiKeyFor(t, orgId, 'stranger ebc');
    const as = async (xml: string) => {
      const res = await t.request('POST', '/api/ceb/messages', {
        apiKey: key,
        body: xml,
        headers: { 'content-type': 'application/xml' },
      });
      expect(res.status).toBe(200);
      return receiptUnit(res.text);
    };
    const fields = { ebcCode: stranger, copCode: stranger };
    const duplicate = await as(exportInventory(target.copNo, { fields }));
    expect(duplicate.returnStatus).toBe('-621004');
    expect(duplicate.invtNo).not.toBe(target.invtNo);
    expect(duplicate.preNo).not.toBe(target.preNo);
    const change = await as(exportInventory(target.copNo, { fields: { ...fields, appType: '2' } }));
    expect(change.returnStatus).not.toBe('120');
    expect(change.returnInfo).toContain('没有权限进行操作');
    expect(change.invtNo).not.toBe(target.invtNo);
    const state = await t.sql<{ status: string; party_codes: string[] }>(
      `select status, party_codes from ceb_export_inventories where invt_no = '${target.invtNo}'`,
    );
    expect(state[0]?.status).toBe('120');
    expect(state[0]?.party_codes).not.toContain(stranger);
    const cancel = await as(exportCancel(target.invtNo, { agentCode: stranger, copCode: stranger }));
    expect(cancel.returnStatus).toBe('-623003');
    // A summary naming the real broker as its agent does not vouch for the stranger sending it.
    const summary = fromFixture('ceb701-export-summary.xml', {
      fields: { copNo: nextCopNo('HZ'), copCode: stranger, ebcCode: stranger },
      lines: { element: 'SummaryApplyList', items: [`<ceb:invtNo>${target.invtNo}</ceb:invtNo>`] },
    });
    const listed = await as(summary);
    expect(listed.returnStatus).toBe('-9701003');
    expect(listed.returnInfo).toContain('在系统中不存在');
  });

  it('an accepted cancel cancels the inventory: a second cancel, a change, a waybill list and a summary naming it are refused', async () => {
    const target = await declaredExportInventory();
    const live = await declaredExportInventory();
    const cancel = await send('broker', exportCancel(target.invtNo));
    expect(cancel).toMatchObject({
      root: 'CEB606Message',
      returnStatus: '399',
      returnInfo: '撤销申请已审结 / cancellation accepted',
      invtNo: target.invtNo,
    });
    const state = await t.sql<{ status: string }>(
      `select status from ceb_export_inventories where invt_no = '${target.invtNo}'`,
    );
    expect(state[0]?.status).toBe('cancelled');
    const history = await t.sql<{ status: string; reason: string }>(
      `select status, reason from ceb_status_history where doc_key = '${exportKey(target.copNo)}' order by id`,
    );
    expect(history.at(-1)).toEqual({ status: 'cancelled', reason: '撤销：境外买家取消订单，货物未离境' });
    const evidence = await t.sql<{ kind: string }>(
      `select kind from evidence_entries where subject_type = 'ceb_inventory' and subject_id = '${target.invtNo}'`,
    );
    expect(evidence.map((e) => e.kind)).toContain('status.changed');

    expect(await send('broker', exportCancel(target.invtNo))).toMatchObject({ returnStatus: '-623005' });
    const change = await send('broker', exportInventory(target.copNo, { fields: { appType: '2' } }));
    expect(change).toMatchObject({ returnStatus: '-621012', invtNo: target.invtNo, preNo: target.preNo });
    const missing = await send('broker', exportCancel(target.invtNo, { appType: '2' }));
    expect(missing).toMatchObject({ returnStatus: '-623004' });

    const p = demoParties(t.demo);
    const list = (invtNos: string[], appType = '1', copNo = nextCopNo('ZF')) =>
      fromFixture('ceb607-export-waybill-list.xml', {
        fields: { copNo, copCode: p.agent.code, appType },
        lines: {
          element: 'WayBillList',
          items: invtNos.map(
            (n, i) =>
              `<ceb:gnum>${i + 1}</ceb:gnum><ceb:logisticsNo>YT${n}</ceb:logisticsNo><ceb:invtNo>${n}</ceb:invtNo>`,
          ),
        },
      });
    const refusedList = await send('broker', list([live.invtNo, target.invtNo]));
    expect(refusedList).toMatchObject({ root: 'CEB608Message', returnStatus: '-9607003' });
    expect(refusedList.returnInfo).toContain(`[${target.invtNo}]已撤销`);
    expect(refusedList.returnInfo).not.toContain(live.invtNo);
    expect(await send('broker', list([live.invtNo]))).toMatchObject({ returnStatus: '120' });

    const summary = (invtNos: string[], appType = '1', copNo = nextCopNo('HZ')) =>
      fromFixture('ceb701-export-summary.xml', {
        fields: { copNo, copCode: p.agent.code, appType },
        lines: { element: 'SummaryApplyList', items: invtNos.map((n) => `<ceb:invtNo>${n}</ceb:invtNo>`) },
      });
    const refusedSummary = await send('broker', summary([target.invtNo, '29332026E888888888']));
    expect(refusedSummary).toMatchObject({ root: 'CEB702Message', returnStatus: '-9701003' });
    expect(refusedSummary.returnInfo).toContain(`[${target.invtNo}]已撤销`);
    expect(refusedSummary.returnInfo).toContain('[29332026E888888888]在系统中不存在');
    expect(refusedSummary.sumNo).toBeUndefined();
    const copNo = nextCopNo('HZ');
    const accepted = await send('broker', summary([live.invtNo], '1', copNo));
    expect(accepted).toMatchObject({ returnStatus: '399', returnInfo: '海关审结 / accepted' });
    expect(accepted.sumNo).toMatch(/^S\d{17}$/);
    const changed = await send('broker', summary([live.invtNo], '2', copNo));
    expect(changed).toMatchObject({
      returnStatus: '399',
      returnInfo: '变更成功 / changed',
      sumNo: accepted.sumNo,
      preNo: accepted.preNo,
    });
  });
});

describe('export summary (CEB701): time range and split messages', () => {
  const p = () => demoParties(t.demo);
  const summary = (head: string, invtNo: string) =>
    fromFixture('ceb701-export-summary.xml', {
      fields: { copNo: nextCopNo('HZ'), copCode: p().agent.code },
      lines: { element: 'SummaryApplyList', items: [`<ceb:invtNo>${invtNo}</ceb:invtNo>`] },
    }).replace('</ceb:declAgentName>', `</ceb:declAgentName>${head}`);

  it('a summary of a time range ignores its list, as the spec says: an unknown invtNo there is not refused', async () => {
    const range = '<ceb:startTime>20260701000000</ceb:startTime><ceb:endTime>20260731235959</ceb:endTime>';
    const res = await send('broker', summary(range, '29332026E777777777'));
    expect(res).toMatchObject({ root: 'CEB702Message', returnStatus: '399' });
  });

  it('a change of a summary that does not exist is answered -9701002, whatever its list names', async () => {
    const change = fromFixture('ceb701-export-summary.xml', {
      fields: { copNo: nextCopNo('HZ'), copCode: p().agent.code, appType: '2' },
      lines: { element: 'SummaryApplyList', items: ['<ceb:invtNo>29332026E666666666</ceb:invtNo>'] },
    });
    expect(await send('broker', change)).toMatchObject({ root: 'CEB702Message', returnStatus: '-9701002' });
  });

  it('a reversed or unpaired time range, and a split part beyond msgCount, fail the format check (CEB900)', async () => {
    const reversed = await t.request('POST', '/api/ceb/messages', {
      apiKey: t.apiKey('broker'),
      body: summary(
        '<ceb:startTime>20260731000000</ceb:startTime><ceb:endTime>20260701000000</ceb:endTime>',
        'X',
      ),
      headers: { 'content-type': 'application/xml' },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('CEB900Message');
    expect(reversed.text).toContain('SummaryApplyHead/endTime');
    const unpaired = await t.request('POST', '/api/ceb/messages', {
      apiKey: t.apiKey('broker'),
      body: summary('<ceb:startTime>20260701000000</ceb:startTime>', 'X'),
      headers: { 'content-type': 'application/xml' },
    });
    expect(unpaired.status).toBe(400);
    expect(unpaired.text).toContain('成对填写');
    const beyond = await t.request('POST', '/api/ceb/messages', {
      apiKey: t.apiKey('broker'),
      body: summary('', 'X').replace('<ceb:msgSeqNo>1</ceb:msgSeqNo>', '<ceb:msgSeqNo>2</ceb:msgSeqNo>'),
      headers: { 'content-type': 'application/xml' },
    });
    expect(beyond.status).toBe(400);
    expect(beyond.text).toContain('SummaryApplyHead/msgSeqNo');
  });
});

describe('export receipts: states and wording', () => {
  it('CEB304 and CEB404 answer 120 海关入库, as their field tables list', async () => {
    const p = demoParties(t.demo);
    const order = await send(
      'ebc',
      fromFixture('ceb303-export-order.xml', { fields: { orderNo: nextCopNo('AE'), copCode: p.ebc.code } }),
    );
    expect([order.root, order.returnStatus, order.returnInfo]).toEqual([
      'CEB304Message',
      '120',
      '海关入库 / stored',
    ]);
    const receipts = await send(
      'ebc',
      fromFixture('ceb403-export-receipt.xml', { fields: { orderNo: nextCopNo('AE'), copCode: p.ebc.code } }),
    );
    expect([receipts.root, receipts.returnStatus]).toEqual(['CEB404Message', '120']);
  });

  it("a departure report (CEB509) changed or deleted says so, with the preNo it was given; a missing one is refused with Kouan's own code", async () => {
    const p = demoParties(t.demo);
    const copNo = nextCopNo('LJ');
    const departure = (appType: string, no = copNo) =>
      fromFixture('ceb509-export-departure.xml', {
        fields: { copNo: no, copCode: p.logistics.code, appType },
      });
    const first = await send('logistics', departure('1'));
    expect([first.root, first.returnStatus, first.returnInfo]).toEqual([
      'CEB510Message',
      '399',
      '海关审结 / accepted',
    ]);
    const changed = await send('logistics', departure('2'));
    expect(changed).toMatchObject({
      returnStatus: '399',
      returnInfo: '变更成功 / changed',
      preNo: first.preNo,
    });
    const deleted = await send('logistics', departure('3'));
    expect(deleted).toMatchObject({
      returnStatus: '399',
      returnInfo: '删除成功 / deleted',
      preNo: first.preNo,
    });
    const missing = await send('logistics', departure('2', nextCopNo('LJ')));
    expect(missing.returnStatus).toBe('-9509002');
    expect(missing.returnInfo).toContain('-9509002');
    const again = await send('logistics', departure('1'));
    expect(again.returnStatus).toBe('399');
  });
});

describe('waybill status (CEB513) and warehouse entry (CEB711) name known waybills', () => {
  it('a status of an unknown waybill is refused -505014; of a known one it is stored (120)', async () => {
    const p = demoParties(t.demo);
    const status = (logisticsNo: string) =>
      fromFixture('ceb513-waybill-status.xml', { fields: { logisticsNo, copCode: p.logistics.code } });
    const unknown = await send('logistics', status('SFUNKNOWN0001'));
    expect(unknown).toMatchObject({ root: 'CEB514Message', returnStatus: '-505014' });
    expect(unknown.returnInfo).toContain('SFUNKNOWN0001');
    const set = sampleSet(t, { buyer: freshBuyer() });
    await post(t, SENDER.waybill, set.waybill);
    const known = await send('logistics', status(set.logisticsNo));
    expect([known.returnStatus, known.returnInfo]).toEqual(['120', '海关入库 / stored']);
  });

  it('a warehouse entry listing a waybill Kouan does not know is refused -800001 naming the line', async () => {
    const set = sampleSet(t, { buyer: freshBuyer() });
    await post(t, SENDER.waybill, set.waybill);
    const warehouse = t.demo.enterprises.find((e) => e.key === 'warehouse')!.customsCode!;
    const entry = (logisticsNos: string[]) =>
      signAs(
        t,
        'warehouse',
        fromFixture('ceb711-delivery.xml', {
          fields: { copNo: nextCopNo('RK'), copCode: warehouse },
          lines: {
            element: 'DeliveryList',
            items: logisticsNos.map(
              (n, i) => `<ceb:gnum>${i + 1}</ceb:gnum><ceb:logisticsNo>${n}</ceb:logisticsNo>`,
            ),
          },
        }),
      );
    const refused = await send('warehouse', entry([set.logisticsNo, 'SFUNKNOWN0002']));
    expect(refused).toMatchObject({ root: 'CEB712Message', returnStatus: '-800001' });
    expect(refused.returnInfo).toContain('第2项');
    expect(refused.returnInfo).toContain('SFUNKNOWN0002');
    expect(refused.returnInfo).not.toContain(set.logisticsNo);
    const accepted = await send('warehouse', entry([set.logisticsNo]));
    expect(accepted.returnStatus).toBe('120');
  });
});
