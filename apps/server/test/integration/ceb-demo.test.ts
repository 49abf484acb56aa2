/** The demo traffic plays valid sets and typical faults through the same intake. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCebTraffic } from '../../src/workflows/demo-ceb-traffic';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

describe('demo CEB traffic', () => {
  it('releases the valid sets and refuses the faulty ones with their codes', async () => {
    const traffic = await startDemoCebTraffic({
      intake: t.platform.deps.cebIntake!,
      store: t.platform.store,
      clock: t.clock,
      demo: t.demo,
      dataDir: t.dataDir,
      onError: (error) => {
        throw error;
      },
    });
    await traffic.ready;
    traffic.stop();
    const rows = await t.sql<{ status: string; n: number }>(
      'select status, count(*)::int as n from ceb_inventories group by status order by status',
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(by['800']).toBeGreaterThan(10);
    expect(by['100']).toBeGreaterThanOrEqual(4);
    const codes = await t.sql<{ return_status: string }>('select distinct return_status from ceb_receipts');
    const all = codes.map((c) => c.return_status);
    for (const code of ['-621003', '-621005', '-301010', '-10101']) expect(all).toContain(code);
  });
});
