import { describe, expect, it } from 'vitest';
import { buildSampleSet } from '../../workflows/ceb-sample-sets';
import { decodeMessage } from './decode-message';
import { decodeMessages, decodeOnWorker } from './decode-messages';

const party = (code: string) => ({ code, name: `企业${code}` });
const at = new Date('2026-11-20T08:00:00Z');

function sampleBodies(): Uint8Array[] {
  const set = buildSampleSet({
    parties: {
      ebp: party('3301960001'),
      ebc: party('3301960002'),
      payment: party('3301960003'),
      logistics: party('3301960004'),
      agent: party('3301960005'),
    },
    orderNo: 'ORD-WORKER-1',
    logisticsNo: 'LN-WORKER-1',
    payTransactionId: 'PAY-WORKER-1',
    buyer: { name: '王芳', idNumber: '330106199001010011', phone: '13700001111', address: '浙江省温州市' },
    lines: [{ gcode: '1901101000', name: '婴儿配方奶粉', qty: '2', price: '169.00' }],
    at,
  });
  const enc = (s: string) => new TextEncoder().encode(s);
  const broken = set.order.replace('<ceb:orderNo>', '<ceb:orderNo>TOO-LONG-'.padEnd(80, 'X'));
  return [
    set.order,
    set.payment,
    set.waybill,
    set.inventory,
    broken,
    '<not xml',
    set.order,
    set.inventory,
  ].map(enc);
}

/** A decoding without what differs by design between two runs: the random guid of a CEB900. */
function comparable(d: Awaited<ReturnType<typeof decodeMessages>>[number]) {
  return d.ok
    ? { ok: true, view: d.view, format: d.format, sha: d.bodySha256, type: d.spec.receiptType }
    : { ok: false, status: d.returnStatus, problems: d.problems };
}

describe('decoding a batch on the worker thread', () => {
  it('gives what decoding each message here gives: views, hashes and every format problem', async () => {
    const bodies = sampleBodies();
    const items = bodies.map((body) => ({ body, format: 'xml' as const }));
    const here = items.map((i) => comparable(decodeMessage(i.body, i.format, at)));
    // The worker itself (a failure rejects), and the batch entry point, which uses it for 8 or more.
    const onWorker = await decodeOnWorker({ at: at.getTime(), items });
    expect(onWorker.map((d) => d.ok)).toEqual([true, true, true, true, false, false, true, true]);
    const batch = await decodeMessages(items, at);
    expect(batch.map(comparable)).toEqual(here);
    expect(here[4]).toMatchObject({ ok: false, status: '-2' });
    expect(here[5]).toMatchObject({ ok: false, status: '-1' });
  });
});
