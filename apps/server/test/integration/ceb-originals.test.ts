import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetDecodedMessages, unitsOfStoredMessage } from '../../src/features/ceb/documents';
import { freshBuyer, post, SENDER, sampleSet, statuses, submitSet } from '../ceb-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Sends one message as `enterprise` (bytes as given) and expects it accepted (120). */
async function send(enterprise: string, body: Buffer) {
  const res = await t.request('POST', '/api/ceb/messages', {
    apiKey: t.apiKey(enterprise),
    body,
    headers: { 'content-type': 'application/xml', accept: 'application/json' },
  });
  expect(statuses(res.body)).toEqual(['120']);
}

/** Sends a whole set and returns the order view as the customs officer sees it. */
async function sendSet() {
  const set = sampleSet(t);
  const sent = {
    order: Buffer.from(set.order),
    payment: Buffer.from(set.payment),
    waybill: Buffer.from(set.waybill),
    inventory: Buffer.from(set.inventory),
  };
  for (const kind of ['order', 'payment', 'waybill', 'inventory'] as const)
    await send(SENDER[kind], sent[kind]);
  const ebp = t.demo.enterprises.find((e) => e.key === 'ebp')!.customsCode;
  const view = await t.request('GET', `/api/ceb/orders/${ebp}/${set.orderNo}`, {
    token: await t.login('customs'),
  });
  expect(view.status).toBe(200);
  const messageOf = (kind: string) =>
    (view.body.documents as { kind: string; messageId: string }[]).find((d) => d.kind === kind)!.messageId;
  return { set, sent, ebp, messageOf };
}

/** What someone with database access could do: give a message another's (validly sealed) body and hash. */
async function swapBody(victim: string, donor: string) {
  await t.sql(`alter table ceb_messages disable trigger ceb_messages_append_only`);
  await t.sql(`update ceb_messages set body = (select body from ceb_messages where id = '${donor}'),
    body_sha256 = (select body_sha256 from ceb_messages where id = '${donor}')
    where id = '${victim}'`);
  await t.sql(`alter table ceb_messages enable trigger ceb_messages_append_only`);
}

describe('original messages', () => {
  it('gives customs the order exactly as sent, checked against the ledger, and audits the download', async () => {
    const { sent, messageOf } = await sendSet();
    const id = messageOf('order');
    const officer = await t.login('customs');
    const res = await t.request('GET', `/api/ceb/messages/${id}/original`, { token: officer });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="CEB311Message-.+\.xml"$/);
    expect(res.raw.equals(sent.order)).toBe(true);
    expect(res.headers['x-kouan-body-sha256']).toBe(sha256(sent.order));
    const entry = await t.request('GET', `/api/evidence/entries/${res.headers['x-kouan-evidence-index']}`, {
      token: officer,
    });
    expect(entry.body).toMatchObject({ kind: 'message.accepted', subjectType: 'ceb_message', subjectId: id });
    const audit = await t.sql<{ action: string; actor_id: string; details: string }>(
      `select action, actor_id, details::text from audit_log where target_id = '${id}' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['ceb.message.accepted', 'ceb.message.original.read']);
    expect(audit[1]!.details).toContain(sha256(sent.order));
  });

  it('keeps the bytes of a GBK message as they came, not re-encoded', async () => {
    const set = sampleSet(t);
    const gbk = iconv.encode(set.order.replace('encoding="UTF-8"', 'encoding="GBK"'), 'gbk');
    await send(SENDER.order, gbk);
    const [row] = await t.sql<{ id: string }>(
      `select id from ceb_messages where body_sha256 = '${sha256(gbk)}'`,
    );
    const original = await t.request('GET', `/api/ceb/messages/${row!.id}/original`, {
      token: await t.login('customs'),
    });
    expect(original.status).toBe(200);
    expect(original.raw.equals(gbk)).toBe(true);
    // Not labelled UTF-8: the XML declaration says GBK.
    expect(original.headers['content-type']).toBe('application/xml');
  });

  it('stores the body compressed and encrypted, smaller than it came (signed, about half)', async () => {
    const { sent, messageOf } = await sendSet();
    const id = messageOf('inventory');
    const [row] = await t.sql<{ body: Uint8Array; body_enc: string | null }>(
      `select body, body_enc from ceb_messages where id = '${id}'`,
    );
    expect(row!.body_enc).toBeNull();
    const stored = Buffer.from(row!.body);
    // The signature and certificate (base64) do not compress; the XML around them does.
    expect(stored.length).toBeLessThan(sent.inventory.length * 0.75);
    // Nothing readable: neither the buyer's name nor the XML itself.
    expect(stored.includes(Buffer.from('王芳'))).toBe(false);
    expect(stored.includes(Buffer.from('<ceb:'))).toBe(false);
  });

  it('lets the sending enterprise download its own message and nobody else in the chain', async () => {
    const { sent, ebp, set, messageOf } = await sendSet();
    const id = messageOf('order');
    const sender = await t.login('ebc');
    const own = await t.request('GET', `/api/ceb/messages/${id}/original`, { token: sender });
    expect(own.status).toBe(200);
    expect(own.raw.equals(sent.order)).toBe(true);

    // The platform (ebp) sees the order in its view, but not the ebc's original.
    const platform = await t.login('ebp');
    const view = await t.request('GET', `/api/ceb/orders/${ebp}/${set.orderNo}`, { token: platform });
    const order = (view.body.documents as { kind: string; originalAvailable: boolean }[]).find(
      (d) => d.kind === 'order',
    );
    expect(order?.originalAvailable).toBe(false);
    const refused = await t.request('GET', `/api/ceb/messages/${id}/original`, { token: platform });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('CEB_NOT_FOUND');

    // A regulator who reads masked data only is told why.
    const viewer = await t.login('market-viewer');
    const masked = await t.request('GET', `/api/ceb/messages/${id}/original`, { token: viewer });
    expect(masked.status).toBe(403);
    expect(masked.body.error.code).toBe('CEB_ORIGINAL_UNMASKED_ONLY');
    expect(masked.body.error.message.zh).toContain('pii:unmasked');
    expect(masked.text).not.toContain('王芳');
  });

  it('refuses to return a stored body that no longer matches the ledger', async () => {
    const first = await sendSet();
    const second = await sendSet();
    const victim = first.messageOf('order');
    // Someone with database access swaps in another message's (validly sealed) body.
    await swapBody(victim, second.messageOf('order'));
    const res = await t.request('GET', `/api/ceb/messages/${victim}/original`, {
      token: await t.login('customs'),
    });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('CEB_ORIGINAL_ALTERED');
    // The message names the hash the ledger holds for the message as it was accepted.
    expect(res.body.error.message.en).toContain(sha256(first.sent.order));
    expect(res.raw.includes(second.sent.order.subarray(0, 200))).toBe(false);
  });

  it('refuses the swap too when the ledger entry document was also altered', async () => {
    const first = await sendSet();
    const second = await sendSet();
    const victim = first.messageOf('order');
    const officer = await t.login('customs');
    const before = await t.request('GET', `/api/ceb/messages/${victim}/original`, { token: officer });
    const index = Number(before.headers['x-kouan-evidence-index']);
    // The body and its hash column swapped, and the ledger's document of that entry overwritten.
    await swapBody(victim, second.messageOf('order'));
    await t.sql(`alter table evidence_bundles disable trigger user`);
    await t.sql(`update evidence_bundles b set documents = (
        select string_agg(case when d.i = ${index} - b.first_idx + 1 then 'v2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' else d.doc end,
          chr(30) order by d.i)
        from unnest(string_to_array(b.documents, chr(30))) with ordinality as d(doc, i))
      where b.first_idx <= ${index} and ${index} < b.first_idx + b.entry_count`);
    await t.sql(`alter table evidence_bundles enable trigger user`);
    const res = await t.request('GET', `/api/ceb/messages/${victim}/original`, { token: officer });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('CEB_ORIGINAL_ALTERED');
    expect(res.body.error.message.en).toContain(`entry ${index}`);
    expect(res.raw.includes(second.sent.order.subarray(0, 200))).toBe(false);
  });

  it('still serves a message stored before bodies were sealed as bytes (body_enc)', async () => {
    const { sent, messageOf } = await sendSet();
    const id = messageOf('payment');
    const legacy = t.platform.deps.vault.encrypt(sent.payment.toString('base64'));
    await t.sql(`alter table ceb_messages disable trigger ceb_messages_append_only`);
    await t.sql(`update ceb_messages set body = null, body_enc = '${legacy}' where id = '${id}'`);
    await t.sql(`alter table ceb_messages enable trigger ceb_messages_append_only`);
    const res = await t.request('GET', `/api/ceb/messages/${id}/original`, {
      token: await t.login('customs'),
    });
    expect(res.status).toBe(200);
    expect(res.raw.equals(sent.payment)).toBe(true);
  });

  it('refuses a row with neither or both bodies', async () => {
    await expect(
      t.sql(`insert into ceb_messages (id, guid, sender_org_id, cop_code, message_type, direction, format,
        unit_count, received_at, body, body_enc, body_sha256, receipt_id)
        select 'cebmsg_Y', 'g2', sender_org_id, cop_code, message_type, direction, format, unit_count,
          received_at, body, 'v1.x', body_sha256, receipt_id from ceb_messages where body is not null limit 1`),
    ).rejects.toThrow(/ceb_messages_one_body/);
    await expect(
      t.sql(`insert into ceb_messages (id, guid, sender_org_id, cop_code, message_type, direction, format,
        unit_count, received_at, body_sha256, receipt_id)
        select 'cebmsg_X', 'g', sender_org_id, cop_code, message_type, direction, format, unit_count,
          received_at, body_sha256, receipt_id from ceb_messages limit 1`),
    ).rejects.toThrow(/ceb_messages_one_body/);
  });
});

describe('document units at rest', () => {
  it('keeps no second copy of a unit: reads it from its sealed message, and rows from before the same way', async () => {
    const { set, ebp } = await sendSet();
    const officer = await t.login('customs');
    const url = `/api/ceb/orders/${ebp}/${set.orderNo}`;
    // Read from the stored messages, not from what this process kept decoded.
    forgetDecodedMessages();
    const before = await t.request('GET', url, { token: officer });
    expect(before.status).toBe(200);
    const [row] = await t.sql<{ id: string; message_id: string; unit_index: number | null; data: unknown }>(
      `select id, message_id, unit_index, data, data_enc from ceb_documents
        where order_no = '${set.orderNo}' and kind = 'order'`,
    );
    // The unit is the first of its message; nothing else of it is stored.
    expect(row).toMatchObject({ unit_index: 0, data: null, data_enc: null });
    const [message] = await t.sql<Parameters<typeof unitsOfStoredMessage>[1]>(
      `select id, message_type, format, body, body_enc from ceb_messages where id = '${row!.message_id}'`,
    );
    const vault = t.platform.deps.vault;
    const json = JSON.stringify(unitsOfStoredMessage(vault, message!)[0]);

    // Rows written before migration 0019 hold the unit sealed (data), and before 0015 encrypted.
    const rewrite = async (columns: string) => {
      await t.sql(`alter table ceb_documents disable trigger ceb_documents_append_only`);
      await t.sql(`update ceb_documents set ${columns} where id = '${row!.id}'`);
      await t.sql(`alter table ceb_documents enable trigger ceb_documents_append_only`);
    };
    const sealed = vault.sealBody(Buffer.from(json, 'utf8')).toString('hex');
    await rewrite(`unit_index = null, data = '\\x${sealed}'`);
    const fromSealed = await t.request('GET', url, { token: officer });
    expect(fromSealed.body.documents).toEqual(before.body.documents);
    await rewrite(`data = null, data_enc = '${vault.encrypt(json)}'`);
    const fromEncrypted = await t.request('GET', url, { token: officer });
    expect(fromEncrypted.body.documents).toEqual(before.body.documents);
    expect(fromEncrypted.body.documents.find((d: { kind: string }) => d.kind === 'order').head.orderNo).toBe(
      set.orderNo,
    );

    // Exactly one of the three: a row naming its unit's place and holding a copy too is refused.
    await expect(rewrite(`unit_index = 0`)).rejects.toThrow(/ceb_documents_one_data/);
    await expect(rewrite(`data_enc = null`)).rejects.toThrow(/ceb_documents_one_data/);
  });
});

describe('units read from their messages', () => {
  it('completes a set whose order came second in a two-order message, reading it there in a later batch', async () => {
    const first = sampleSet(t, { buyer: freshBuyer() });
    const second = sampleSet(t, { buyer: freshBuyer() });
    const unit = (xml: string) => /<ceb:Order>[\s\S]*<\/ceb:Order>/.exec(xml)![0];
    const both = first.order.replace(unit(first.order), unit(first.order) + unit(second.order));
    expect(statuses((await post(t, SENDER.order, both, { json: true })).body)).toEqual(['120', '120']);
    const [doc] = await t.sql<{ unit_index: number | null; data: unknown }>(
      `select unit_index, data from ceb_documents where order_no = '${second.orderNo}' and kind = 'order'`,
    );
    expect(doc).toMatchObject({ unit_index: 1, data: null });
    // Payment, waybill and inventory come later, each its own batch, to a process that has not kept
    // the message decoded (as after a restart): the set is matched against the second order read
    // from the stored message (its amounts, lines and buyer), and released.
    forgetDecodedMessages();
    const { inventory } = await submitSet(t, second, ['payment', 'waybill', 'inventory']);
    expect(inventory?.returnStatus).toBe('120');
    const [inv] = await t.sql<{ status: string; findings: unknown }>(
      `select status, findings from ceb_inventories where order_no = '${second.orderNo}'`,
    );
    expect(inv).toMatchObject({ status: '800', findings: [] });
  });
});

describe('receipts at rest', () => {
  it('keeps a receipt once, as its XML, answering its JSON from it; rows from before answer the JSON they kept', async () => {
    const { messageOf } = await sendSet();
    const officer = await t.login('customs');
    const list = async () =>
      (await t.request('GET', '/api/ceb/receipts?order=desc&limit=200', { token: officer })).body.items as {
        id: string;
        xml: string;
        json: Record<string, { OrderReturn: { orderNo: string; returnInfo: string }[] }>;
      }[];
    const [row] = await t.sql<{ id: string; json: unknown; xml: string }>(
      `select r.id, r.json, r.xml from ceb_receipts r join ceb_messages m on m.receipt_id = r.id
        where m.id = '${messageOf('order')}'`,
    );
    expect(row!.json).toBeNull();
    const answered = (await list()).find((r) => r.id === row!.id)!;
    const orderNo = /<ceb:orderNo>([^<]+)</.exec(row!.xml)![1];
    expect(answered.json.CEB312Message!.OrderReturn[0]).toMatchObject({ orderNo, returnStatus: '120' });

    // A row written before migration 0020 kept its JSON beside the XML: that JSON is answered.
    const kept = structuredClone(answered.json);
    kept.CEB312Message!.OrderReturn[0]!.returnInfo = 'kept before 0020';
    await t.sql(`alter table ceb_receipts disable trigger ceb_receipts_append_only`);
    await t.sql(`update ceb_receipts set json = '${JSON.stringify(kept)}'::jsonb where id = '${row!.id}'`);
    await t.sql(`alter table ceb_receipts enable trigger ceb_receipts_append_only`);
    expect((await list()).find((r) => r.id === row!.id)!.json).toEqual(kept);
  });
});
