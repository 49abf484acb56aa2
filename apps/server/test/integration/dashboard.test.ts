import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBuyer, sampleSet, submitSet } from '../ceb-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

type Count = { key: string; count: number };
const countOf = (list: Count[], key: string) => list.find((c) => c.key === key)?.count ?? 0;

describe('dashboard aggregates', () => {
  it('gives a regulator the registry and evidence volumes of the demo data', async () => {
    const res = await t.request('GET', '/api/dashboard/summary', { token: await t.login('commerce') });
    expect(res.status, res.text).toBe(200);
    const { parties, evidence, today } = res.body;
    expect(today).toBe('2026-11-20');
    expect(countOf(parties.byKind, 'trade_operator')).toBeGreaterThanOrEqual(1);
    expect(countOf(parties.byKind, 'supplier')).toBeGreaterThanOrEqual(1);
    expect(countOf(parties.byRecognition, 'recognised')).toBe(1);
    expect(countOf(parties.byZone, 'WZ-LC-01')).toBeGreaterThanOrEqual(1);
    expect(evidence.total).toBeGreaterThan(0);
    expect(evidence.today).toBe(evidence.total);
    expect(countOf(evidence.byKindThisMonth, 'party.filed')).toBeGreaterThan(0);
  });

  it('counts a new filing in the same day', async () => {
    const token = await t.login('commerce');
    const before = (await t.request('GET', '/api/dashboard/summary', { token })).body;
    const filed = await t.request('POST', '/api/parties', {
      token,
      body: {
        parties: [
          {
            kind: 'purchaser',
            legalForm: 'organisation',
            name: 'Dashboard Test Trading LLC',
            nationality: 'AE',
          },
        ],
      },
    });
    expect(filed.status, filed.text).toBe(201);
    const after = (await t.request('GET', '/api/dashboard/summary', { token })).body;
    expect(countOf(after.parties.byKind, 'purchaser')).toBe(countOf(before.parties.byKind, 'purchaser') + 1);
    expect(after.evidence.today).toBe(before.evidence.today + 1);
  });

  it('refuses enterprises (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const enterprise = await t.request('GET', '/api/dashboard/summary', { token: await t.login('supplier') });
    expect(enterprise.status).toBe(403);
    expect(enterprise.body.error.code).toBe('FORBIDDEN');
    const anonymous = await t.request('GET', '/api/dashboard/summary');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('dashboard: cross-border e-commerce volumes', () => {
  it('counts inventories by status, the match rate and a refusal for the CNY 5,000 limit by its code', async () => {
    const token = await t.login('customs');
    const before = (await t.request('GET', '/api/dashboard/summary', { token })).body.ceb;
    const accepted = await submitSet(t, sampleSet(t, { buyer: freshBuyer() }));
    expect(accepted.inventory?.returnStatus, accepted.inventory?.returnInfo).not.toMatch(/^-/);
    const lines = [
      { gcode: '3304990099', name: '精华液 50毫升', qty: '10', price: '300.00' },
      { gcode: '3303000000', name: '香水 100毫升', qty: '3', price: '900.00' },
    ];
    const refused = await submitSet(t, sampleSet(t, { buyer: freshBuyer(), lines }));
    expect(refused.inventory?.returnStatus).toBe('-621005');

    const after = (await t.request('GET', '/api/dashboard/summary', { token })).body.ceb;
    expect(after.declared).toBe(before.declared + 2);
    expect(after.matched).toBe(before.matched + 2);
    expect(countOf(after.rejectionsByCode, '-621005')).toBe(countOf(before.rejectionsByCode, '-621005') + 1);
    expect(after.quotaRefusals).toBe(before.quotaRefusals + 1);
    expect(countOf(after.inventoriesByStatusMonth, '100')).toBe(
      countOf(before.inventoriesByStatusMonth, '100') + 1,
    );
  });

  it('leaves CBEC out for a district regulator, whose reach is the district', async () => {
    const res = await t.request('GET', '/api/dashboard/summary', {
      token: await t.login('lucheng-commerce'),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.ceb).toBeNull();
    expect(res.body.procurement.fx).toEqual({ declaredUsd: '0', collectedUsd: '0' });
  });
});

describe('public list of recognised operators', () => {
  it('lists the recognised demo operator without signing in, paged', async () => {
    const res = await t.request('GET', '/api/public/operators?page=1&pageSize=10');
    expect(res.status, res.text).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0].name).toBe('温州瓯越市场采购贸易有限公司');
    expect(res.body.items[0].customsCode).toBe('3303960A01');
  });

  it('filters by name and refuses a page size over the limit', async () => {
    const none = await t.request('GET', `/api/public/operators?name=${encodeURIComponent('不存在的公司')}`);
    expect(none.body.total).toBe(0);
    const tooBig = await t.request('GET', '/api/public/operators?pageSize=201');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('web console serving', () => {
  it('serves the console page for console paths and keeps API 404s as JSON errors', async () => {
    for (const url of ['/', '/dashboard', '/parties/party_x', '/public/verify']) {
      const res = await t.request('GET', url);
      expect(res.status, url).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/html');
      // the built console, or (before `npm run build`) the page saying how to build it
      expect(res.text).toMatch(/<div id="root">|控制台尚未构建/);
    }
    const api = await t.request('GET', '/api/not-a-route');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});
