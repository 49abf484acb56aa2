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
