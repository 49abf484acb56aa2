/**
 * The annual quota is exact under concurrency: inventories of one buyer declared at the same instant,
 * each in its own transaction (on PostgreSQL truly in parallel), never pass CNY 26,000 together.
 * Document numbers and waybills are changed by one transaction at a time.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cebIntakeDeps, createCebIntakeService } from '../../src/features/ceb';
import { createCebDocumentsRepository } from '../../src/features/ceb/documents.repository';
import { actorOf, demoParties, freshBuyer, SENDER, sampleSet } from '../ceb-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

describe('annual quota under concurrency', () => {
  it('ten inventories of CNY 4,000 for one buyer at once: exactly six accepted', async () => {
    const intake = createCebIntakeService(cebIntakeDeps(t.platform.deps));
    const buyer = freshBuyer();
    const lines = [{ gcode: '3304990099', name: '护肤套装', qty: '1', price: '4000.00' }];
    const sets = Array.from({ length: 10 }, () => sampleSet(t, { buyer, lines }));
    const enc = (xml: string) => new TextEncoder().encode(xml);
    for (const kind of ['order', 'payment', 'waybill'] as const) {
      const actor = await actorOf(t, SENDER[kind]);
      await intake.submitMany(sets.map((s) => ({ actor, body: enc(s[kind]), format: 'xml' as const })));
    }
    const broker = await actorOf(t, SENDER.inventory);
    const results = await Promise.all(
      sets.map((s) => intake.submitMany([{ actor: broker, body: enc(s.inventory), format: 'xml' }])),
    );
    const codes = results.map((r) => r[0]?.units[0]?.returnStatus).sort();
    expect(codes).toEqual([
      '-621018',
      '-621018',
      '-621018',
      '-621018',
      '120',
      '120',
      '120',
      '120',
      '120',
      '120',
    ]);
    const used = await t.sql<{ used: string }>('select used::text as used from ceb_buyer_usage');
    expect(used.map((u) => Number(u.used))).toContain(24000);
    // Through HTTP too (requests gathered into shared transactions by the micro-batcher).
    const more = Array.from({ length: 4 }, () =>
      sampleSet(t, { buyer, lines: [{ gcode: '3304990099', name: '面霜', qty: '1', price: '1500.00' }] }),
    );
    for (const kind of ['order', 'payment', 'waybill'] as const) {
      for (const s of more)
        await t.request('POST', '/api/ceb/messages', {
          apiKey: t.apiKey(SENDER[kind]),
          body: s[kind],
          headers: { 'content-type': 'application/xml' },
        });
    }
    const answers = await Promise.all(
      more.map((s) =>
        t.request('POST', '/api/ceb/messages', {
          apiKey: t.apiKey(SENDER.inventory),
          body: s.inventory,
          headers: { 'content-type': 'application/xml', accept: 'application/json' },
        }),
      ),
    );
    const statuses = answers.map((a) => a.body.CEB622Message.InventoryReturn[0].returnStatus).sort();
    // 24,000 used: one more of 1,500 fits (25,500), the other three would pass 26,000.
    expect(statuses).toEqual(['-621018', '-621018', '-621018', '120']);
  });
});

describe('document numbers under concurrency', () => {
  it('one logisticsNo on two waybills sent at once, in separate transactions or in one: exactly one is kept', async () => {
    const intake = createCebIntakeService(cebIntakeDeps(t.platform.deps));
    const enc = (xml: string) => new TextEncoder().encode(xml);
    const logistics = await actorOf(t, SENDER.waybill);
    const codesOf = (results: readonly (readonly { units: readonly { returnStatus: string }[] }[])[]) =>
      results.map((r) => r[0]?.units[0]?.returnStatus ?? '').sort();
    // Two orders, one waybill number: each waybill in its own transaction, at the same instant.
    const a = sampleSet(t);
    const b = sampleSet(t, { logisticsNo: `YTDUP${Date.now() % 1_000_000}` });
    const c = sampleSet(t, { logisticsNo: b.logisticsNo });
    expect(a.logisticsNo).not.toBe(b.logisticsNo);
    const parallel = await Promise.all(
      [b, c].map((s) => intake.submitMany([{ actor: logistics, body: enc(s.waybill), format: 'xml' }])),
    );
    expect(codesOf(parallel)).toEqual(['-504015', '120']);
    // The same within one batch: the first is kept, the second refused.
    const d = sampleSet(t, { logisticsNo: `YTONE${Date.now() % 1_000_000}` });
    const e = sampleSet(t, { logisticsNo: d.logisticsNo });
    const together = await intake.submitMany(
      [d, e].map((s) => ({ actor: logistics, body: enc(s.waybill), format: 'xml' as const })),
    );
    expect(together.map((r) => r.units[0]?.returnStatus)).toEqual(['120', '-504015']);
    const kept = await t.sql<{ n: number }>(
      `select count(*)::int as n from ceb_documents where kind = 'waybill' and logistics_no in ('${b.logisticsNo}', '${d.logisticsNo}')`,
    );
    expect(kept[0]?.n).toBe(2);
  });
});

describe('waybills under concurrency', () => {
  it('a waybill status sent while another transaction deletes its waybill waits for it, then is refused -505014', async () => {
    const intake = createCebIntakeService(cebIntakeDeps(t.platform.deps));
    const enc = (xml: string) => new TextEncoder().encode(xml);
    const logistics = await actorOf(t, SENDER.waybill);
    const set = sampleSet(t);
    const [waybill] = await intake.submitMany([{ actor: logistics, body: enc(set.waybill), format: 'xml' }]);
    expect(waybill?.units[0]?.returnStatus).toBe('120');
    const code = demoParties(t.demo).logistics.code;
    const status = readFileSync(
      new URL('../../../../packages/domain/src/ceb/fixtures/ceb513-waybill-status.xml', import.meta.url),
      'utf8',
    )
      .replaceAll('4403180Z1A', code)
      .replace('SF1402938475621', set.logisticsNo)
      .replace(/guid="[^"]+"/, `guid="${randomUUID().toUpperCase()}"`)
      .replace(/<ceb:guid>[^<]+<\/ceb:guid>/, `<ceb:guid>${randomUUID().toUpperCase()}</ceb:guid>`);
    const key = `waybill:${code}:${set.logisticsNo}`;
    let answer: ReturnType<typeof intake.submitMany> | undefined;
    // What a batch deleting the waybill (CEB511 appType 3) does: take the waybill's lock, then write
    // its deleted version. The status arrives in between, before that batch commits.
    await t.kysely.transaction().execute(async (trx) => {
      await createCebDocumentsRepository(trx).lockSets([key]);
      await sql`create temp table gone on commit drop as
        select * from ceb_documents where doc_key = ${key} order by version desc limit 1`.execute(trx);
      await sql`update gone set id = ${`doc_gone_${Date.now()}`}, version = version + 1, app_type = '3'`.execute(
        trx,
      );
      await sql`insert into ceb_documents select * from gone`.execute(trx);
      answer = intake.submitMany([{ actor: logistics, body: enc(status), format: 'xml' }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const [result] = await answer!;
    // Had it read the waybill without waiting, it would have found it and stored the status (120).
    expect(result?.units[0]?.returnStatus).toBe('-505014');
  });
});
