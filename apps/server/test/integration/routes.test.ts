import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undeclaredRoutes } from '../../src/http/route-check';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

describe('every route declares its permission', () => {
  it('has no route without a permission or an explicit public marker', () => {
    const routes = t.platform.built.routes;
    expect(routes.length).toBeGreaterThan(10);
    expect(undeclaredRoutes(routes)).toEqual([]);
  });

  it('the check catches a route that declares nothing', () => {
    expect(undeclaredRoutes([{ method: 'GET', url: '/api/forgotten', permission: undefined }])).toEqual([
      'GET /api/forgotten',
    ]);
  });

  it('serves /health, /docs and the OpenAPI document publicly', async () => {
    const health = await t.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const docs = await t.request('GET', '/docs/json');
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.body.paths)).toContain('/api/parties');
  });

  it('answers hostile query and path values on every GET route with a 4xx naming the parameter, never a 500', async () => {
    const token = await t.login('customs');
    const docs = await t.request('GET', '/docs/json');
    const hostile = [
      '-1',
      '99999999999999999999',
      '1e309',
      'abc',
      '\u0000',
      'x'.repeat(3000),
      '2026-13-45T99:99',
    ];
    const failures: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(docs.body.paths as Record<string, Record<string, unknown>>)) {
      const get = item.get as { parameters?: { name: string; in: string }[] } | undefined;
      if (!get) continue;
      const query = (get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const withPath = (value: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
      const urls = [
        ...(path.includes('{') ? hostile.map(withPath) : []),
        ...query.flatMap((name) => hostile.map((v) => `${withPath('1')}?${name}=${encodeURIComponent(v)}`)),
      ];
      for (const url of urls) {
        const res = await t.request('GET', url, { token });
        checked += 1;
        if (res.status >= 500) failures.push(`${url.slice(0, 80)} → ${res.status}`);
        else if (res.status === 400 && !res.body.error?.message?.zh)
          failures.push(`${url.slice(0, 80)}: no message`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(failures).toEqual([]);
    const big = await t.request('GET', '/api/parties?page=99999999999999999999', { token });
    expect(big.status).toBe(400);
    expect(big.body.error.field).toBe('query.page');
    const nul = await t.request('GET', `/api/ceb/orders/${encodeURIComponent('\u0000')}/x`, { token });
    expect(nul.status).toBe(400);
    expect(nul.body.error.field).toBe('params.ebpCode');
    // and a control character in a JSON body's text: refused, naming the field, nothing filed
    const officer = await t.login('commerce');
    const before = await t.sql<{ n: number }>('select count(*)::int as n from parties');
    const filed = await t.request('POST', '/api/parties', {
      token: officer,
      body: {
        parties: [
          { kind: 'consumer', legalForm: 'individual', name: '张\u0000三', residentId: '11010519491231002X' },
        ],
      },
    });
    expect(filed.status).toBe(400);
    expect(filed.body.error.field).toBe('/parties/0/name');
    const after = await t.sql<{ n: number }>('select count(*)::int as n from parties');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('answers unknown routes with a bilingual error and no stack trace', async () => {
    const res = await t.request('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.body.error.message.zh).toContain('接口不存在');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('names the content type it cannot take', async () => {
    const token = await t.login('commerce');
    const res = await t.request('POST', '/api/parties', {
      token,
      body: 'parties=1',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message.en).toContain('text/csv');
  });

  it('refuses malformed JSON with MALFORMED_BODY', async () => {
    const token = await t.login('commerce');
    const res = await t.request('POST', '/api/parties', {
      token,
      body: '{"parties": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_BODY');
  });
});
