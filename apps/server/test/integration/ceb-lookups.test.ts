/**
 * The intake's look-ups by many keys (a batch's read-ahead) stay index look-ups however the tables
 * grow: rows written in the same transaction have no statistics yet, the case in which a plan by
 * `= any(array)` estimates the whole table and scans it, every batch, ever longer.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindRepositories } from '../../src/db/store';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

const TABLES = [
  'ceb_documents',
  'ceb_inventories',
  'ceb_export_inventories',
  'ceb_doc_numbers',
  'ceb_buyer_usage',
  'ceb_status_history',
  'ceb_receipts',
  'ceb_messages',
];
const ROWS = 3000;

describe('CEB read-ahead look-ups', () => {
  it('read 50 keys of 3,000 rows per table without a sequential scan', async () => {
    // Before the transaction: PGlite has one connection, which the transaction holds.
    const [org] = await t.sql<{ id: string }>('select id from organisations order by id limit 1');
    await t.kysely
      .transaction()
      .execute(async (trx) => {
        await sql`insert into ceb_messages (id, guid, sender_org_id, cop_code, message_type, direction, format,
          unit_count, received_at, body_enc, body_sha256, receipt_id)
        values ('cebmsg_lookup', 'G', ${org!.id}, 'C', 'CEB311Message', 'import', 'xml', 1, now(), 'x', 'x', 'r')`.execute(
          trx,
        );
        await sql`insert into ceb_documents (id, doc_key, version, kind, message_id, unit_guid, app_type, order_no,
          party_codes, data_enc, received_at)
        select 'doc_' || i, 'order:E:O' || i, 1, case when i % 2 = 0 then 'order' else 'payment' end,
          'cebmsg_lookup', 'U' || i, '1', 'O' || i, array['E'], 'x', now()
        from generate_series(1, ${ROWS}) as i`.execute(trx);
        await sql`insert into ceb_inventories (doc_key, invt_no, pre_no, cop_no, unit_guid, order_no, ebp_code,
          ebc_code, agent_code, logistics_code, logistics_no, customs_code, trade_mode, buyer_hash, status,
          party_codes, declared_at, updated_at, version)
        select 'inventory:' || i, 'I' || i, 'P' || i, 'C' || i, 'U' || i, 'O' || i, 'E', 'E', 'A', 'L', 'L' || i,
          '2991', '9610', 'B' || i, '120', array['E'], now(), now(), 1
        from generate_series(1, ${ROWS}) as i`.execute(trx);
        await sql`insert into ceb_export_inventories (doc_key, invt_no, status, party_codes, updated_at, version)
        select 'export_inventory:A:C' || i, 'E' || i, '120', array['A'], now(), 1
        from generate_series(1, ${ROWS}) as i`.execute(trx);
        await sql`insert into ceb_doc_numbers (kind, owner_code, number, doc_key, first_seen_at)
        select 'order', 'E', 'O' || i, 'order:E:O' || i, now() from generate_series(1, ${ROWS}) as i`.execute(
          trx,
        );
        await sql`insert into ceb_buyer_usage (buyer_hash, year, used)
        select 'B' || i, 2026, 100 from generate_series(1, ${ROWS}) as i`.execute(trx);
        await sql`insert into ceb_status_history (id, doc_key, status, previous_status, at, actor_type, actor_id,
          request_id)
        select 'cebst_' || i, 'inventory:' || i, '120', '2', now(), 'system', 'S', 'R'
        from generate_series(1, ${ROWS}) as i`.execute(trx);
        await sql`insert into ceb_receipts (id, receipt_type, guid, message_id, doc_key, return_status,
          recipient_codes, xml, issued_at)
        select 'rcpt_' || i, 'CEB622Message', 'G' || i, null, 'inventory:' || i, '120', array['E'], '<x/>', now()
        from generate_series(1, ${ROWS}) as i
        union all select 'r', 'CEB312Message', 'G', 'cebmsg_lookup', null, '2', array['E'], '<x/>', now()`.execute(
          trx,
        );

        const scans = async () => {
          const r = await sql<{ relname: string; seq_scan: string }>`select relname, seq_scan
          from pg_stat_xact_user_tables where relname = any(${TABLES}::text[])`.execute(trx);
          return Object.fromEntries(r.rows.map((row) => [row.relname, Number(row.seq_scan)]));
        };
        const before = await scans();
        const repos = bindRepositories(trx);
        const some = Array.from({ length: 50 }, (_, i) => 60 * i + 1);
        const docs = await repos.ceb.latestDocuments(some.map((i) => `order:E:O${i}`));
        const payments = await repos.ceb.latestByOrders(
          'payment',
          some.map((i) => `O${i}`),
        );
        const inventories = await repos.ceb.inventoriesForOrders(some.map((i) => `O${i}`));
        const numbers = await repos.ceb.findNumbers(
          some.map((i) => ({ kind: 'order', ownerCode: 'E', number: `O${i}` })),
        );
        const usages = await repos.ceb.getUsages(some.map((i) => ({ buyerHash: `B${i}`, year: 2026 })));
        // Export inventories by document key (CEB603) and by invtNo (CEB605/607/701), 25 of each.
        const exports = await repos.ceb.findExportInventories({
          docKeys: some.slice(0, 25).map((i) => `export_inventory:A:C${i}`),
          invtNos: some.slice(25).map((i) => `E${i}`),
        });
        expect([
          docs.length,
          payments.length,
          inventories.length,
          numbers.length,
          usages.length,
          exports.length,
        ]).toEqual([50, 50, 50, 50, 50, 50]);
        expect(await scans()).toEqual(before);
        // An order view's history and receipts: its inventory's, and the answer to each of its messages.
        const history = await repos.ceb.statusHistory(['inventory:61']);
        const receipts = await repos.ceb.receiptsFor(['inventory:61'], ['cebmsg_lookup']);
        expect([history.length, receipts.map((r) => r.id)]).toEqual([1, ['r', 'rcpt_61']]);
        expect(await scans()).toEqual(before);
        // The inventory queries by order number, logistics number and buyer, as customs and enterprises use them.
        for (const filter of [{ orderNo: 'O61' }, { logisticsNo: 'L61' }, { buyerHash: 'B61' }]) {
          const found = await repos.ceb.findInventories({ ...filter, offset: 0, limit: 20 });
          expect(found.total).toBe(1);
        }
        expect(await scans()).toEqual(before);
        // Nothing of this test stays in the database.
        throw new RollbackTestData();
      })
      .catch((error) => {
        if (!(error instanceof RollbackTestData)) throw error;
      });
  });
});

class RollbackTestData extends Error {}
