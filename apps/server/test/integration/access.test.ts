import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/workflows/demo-data';
import { newUsci, query } from '../fixtures';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

const HOUR_MS = 3600 * 1000;
const SESSION_TTL_MS = 8 * HOUR_MS;

/** A fresh session (not the harness's cached one), for tests that expire or revoke it. */
async function freshLogin(username: string): Promise<string> {
  const res = await t.request('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

function enterprise(key: string) {
  const e = t.demo.enterprises.find((x) => x.key === key);
  if (!e) throw new Error(`no demo enterprise ${key}`);
  return e;
}

describe('password login', () => {
  it('gives a demo user a session token that opens the API', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { username: 'commerce', password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^kst_/);
    expect(res.body.user.username).toBe('commerce');
    expect(res.body.organisation.name).toBe('温州市商务局');
    expect(new Date(res.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(SESSION_TTL_MS);
    const me = await t.request('GET', '/api/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.displayName).toBe('市商务局 王科长');
  });

  it('refuses a wrong password, and an unknown user, with the same bilingual LOGIN_FAILED', async () => {
    const wrong = await t.request('POST', '/api/auth/login', {
      body: { username: 'commerce', password: `${DEMO_PASSWORD}x` },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('LOGIN_FAILED');
    expect(wrong.body.error.message.zh).toBe('用户名或密码错误');
    expect(wrong.body.error.message.en).toBe('wrong username or password');
    expect(wrong.body.token).toBeUndefined();

    const unknown = await t.request('POST', '/api/auth/login', {
      body: { username: 'nobody-here', password: DEMO_PASSWORD },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('LOGIN_FAILED');
    expect(unknown.body.error.message).toEqual(wrong.body.error.message);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const rows = await t.sql<{ username: string; password_hash: string }>(
      'select username, password_hash from users order by username',
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(DEMO_PASSWORD);
    }
  });
});

describe('sessions', () => {
  it('expire after KOUAN_SESSION_TTL (8 hours by default)', async () => {
    const start = t.clock.now();
    const token = await freshLogin('market');
    try {
      t.clock.advance(SESSION_TTL_MS - 1000);
      expect((await t.request('GET', '/api/me', { token })).status).toBe(200);
      t.clock.advance(2000);
      const expired = await t.request('GET', '/api/me', { token });
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('UNAUTHENTICATED');
      // A new login after expiry works again.
      const again = await freshLogin('market');
      expect((await t.request('GET', '/api/me', { token: again })).status).toBe(200);
    } finally {
      t.clock.set(start);
    }
  });

  it('end at logout: the token is refused afterwards, other sessions of the user stay open', async () => {
    const token = await freshLogin('customs');
    const other = await freshLogin('customs');
    expect((await t.request('GET', '/api/me', { token })).status).toBe(200);
    const out = await t.request('POST', '/api/auth/logout', { token });
    expect(out.status).toBe(204);
    const after = await t.request('GET', '/api/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.request('GET', '/api/parties', { token })).status).toBe(401);
    expect((await t.request('GET', '/api/me', { token: other })).status).toBe(200);
    const audited = await t.sql<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'session.revoked' and actor_id = (select id from users where username = 'customs')",
    );
    expect(audited[0]!.n).toBe(1);
  });
});

describe('roles and permissions', () => {
  it('GET /api/me shows an officer its role, department permissions and unmasked access', async () => {
    const me = await t.request('GET', '/api/me', { token: await t.login('commerce') });
    expect(me.status).toBe(200);
    expect(me.body.actorType).toBe('user');
    expect(me.body.roles).toEqual(['regulator_officer']);
    expect(me.body.organisationKind).toBe('regulator');
    expect(me.body.department).toBe('commerce');
    expect(me.body.permissions).toEqual(
      expect.arrayContaining([
        'parties:read',
        'parties:file',
        'parties:recognition:decide',
        'parties:status:change',
        'pii:unmasked',
        'audit:read',
      ]),
    );
    expect(me.body.permissions).not.toContain('apikeys:manage');
    expect(me.body.scope).toEqual({ kind: 'all' });
  });

  it('GET /api/me shows a viewer read-only, masked access', async () => {
    const me = await t.request('GET', '/api/me', { token: await t.login('market-viewer') });
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['regulator_viewer']);
    expect(me.body.permissions).toContain('parties:read');
    expect(me.body.permissions).not.toContain('parties:status:change');
    expect(me.body.permissions).not.toContain('parties:file');
    expect(me.body.permissions).not.toContain('pii:unmasked');
  });

  it('GET /api/me shows an enterprise admin its enterprise scope', async () => {
    const me = await t.request('GET', '/api/me', { token: await t.login('operator') });
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['enterprise_admin']);
    expect(me.body.permissions).toContain('apikeys:manage');
    expect(me.body.scope).toEqual({
      kind: 'enterprise',
      orgId: enterprise('operator').organisationId,
      partyId: enterprise('operator').partyId,
    });
  });

  it('refuses protected routes without credentials (401) or with an unknown token', async () => {
    for (const url of ['/api/me', '/api/parties', `/api/parties/${enterprise('operator').partyId}`]) {
      const res = await t.request('GET', url);
      expect(res.status, url).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(res.body.error.message.zh).toContain('未登录');
    }
    const bogus = await t.request('GET', '/api/parties', { token: 'kst_not-a-real-token' });
    expect(bogus.status).toBe(401);
    const bogusKey = await t.request('GET', '/api/parties', { apiKey: 'kak_not-a-real-key' });
    expect(bogusKey.status).toBe(401);
  });

  it('forbids a regulator_viewer to change a party status (403) and leaves the party unchanged', async () => {
    const partyId = enterprise('logistics').partyId;
    const token = await t.login('market-viewer');
    const res = await t.request('POST', `/api/parties/${partyId}/status`, {
      token,
      body: { action: 'suspend', reason: '查询员尝试暂停' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message.en).toContain('parties:status:change');
    const detail = await t.request('GET', `/api/parties/${partyId}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.party.status).toBe('active');
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['filed']);
  });
});

describe('API keys', () => {
  it('are issued to an enterprise once, listed without the secret and stored only as a hash', async () => {
    const token = await t.login('broker');
    const created = await t.request('POST', '/api/api-keys', { token, body: { label: 'ERP 对接' } });
    expect(created.status).toBe(201);
    const { id, key } = created.body as { id: string; key: string };
    expect(key).toMatch(/^kak_.{20,}/);
    expect(created.body.label).toBe('ERP 对接');

    const list = await t.request('GET', '/api/api-keys', { token });
    expect(list.status).toBe(200);
    const listed = list.body.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ id, label: 'ERP 对接', revokedAt: null });
    expect(listed.key).toBeUndefined();
    expect(key.startsWith(listed.keyPrefix)).toBe(true);
    expect(listed.keyPrefix.length).toBeLessThan(key.length / 2);
    expect(list.text).not.toContain(key);

    const rows = await t.sql('select * from api_keys');
    expect(rows.some((r) => r.id === id)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(JSON.stringify(rows)).not.toContain(key.slice(4));
  });

  it('authenticate through X-Api-Key and Authorization: ApiKey, until revoked', async () => {
    const token = await t.login('broker');
    const created = await t.request('POST', '/api/api-keys', { token, body: { label: 'WMS' } });
    expect(created.status).toBe(201);
    const { id, key } = created.body as { id: string; key: string };
    const broker = enterprise('broker');

    const viaHeader = await t.request('GET', '/api/me', { apiKey: key });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.actorType).toBe('api_key');
    expect(viaHeader.body.organisationId).toBe(broker.organisationId);
    expect(viaHeader.body.roles).toEqual(['enterprise_system']);
    const viaAuthorization = await t.request('GET', '/api/me', {
      headers: { authorization: `ApiKey ${key}` },
    });
    expect(viaAuthorization.status).toBe(200);
    expect(viaAuthorization.body.organisationId).toBe(broker.organisationId);
    const own = await t.request('GET', `/api/parties/${broker.partyId}`, { apiKey: key });
    expect(own.status).toBe(200);

    const revoked = await t.request('DELETE', `/api/api-keys/${id}`, { token });
    expect(revoked.status).toBe(204);
    for (const options of [{ apiKey: key }, { headers: { authorization: `ApiKey ${key}` } }]) {
      const res = await t.request('GET', `/api/parties/${broker.partyId}`, options);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const list = await t.request('GET', '/api/api-keys', { token });
    expect(list.body.find((k: { id: string }) => k.id === id).revokedAt).toBe(t.clock.now().toISOString());
    const again = await t.request('DELETE', `/api/api-keys/${id}`, { token });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('API_KEY_NOT_FOUND');
  });

  it('cannot be revoked or listed by another enterprise', async () => {
    const created = await t.request('POST', '/api/api-keys', {
      token: await t.login('broker'),
      body: { label: 'kept' },
    });
    const { id, key } = created.body as { id: string; key: string };
    const ebc = await t.login('ebc');
    const list = await t.request('GET', '/api/api-keys', { token: ebc });
    expect(list.status).toBe(200);
    expect(list.body.some((k: { id: string }) => k.id === id)).toBe(false);
    const res = await t.request('DELETE', `/api/api-keys/${id}`, { token: ebc });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('API_KEY_NOT_FOUND');
    expect((await t.request('GET', '/api/me', { apiKey: key })).status).toBe(200);
  });

  it('are not issued to regulators, the platform, another enterprise, or by an API key itself', async () => {
    const regulator = await t.request('POST', '/api/api-keys', {
      token: await t.login('commerce'),
      body: { label: 'x' },
    });
    expect(regulator.status).toBe(403);
    expect(regulator.body.error.code).toBe('FORBIDDEN');
    const platform = await t.request('POST', '/api/api-keys', {
      token: await t.login('admin'),
      body: { label: 'x' },
    });
    expect(platform.status).toBe(400);
    expect(platform.body.error.code).toBe('API_KEY_SCOPE');
    const forAnother = await t.request('POST', '/api/api-keys', {
      token: await t.login('broker'),
      body: { label: 'x', orgId: enterprise('operator').organisationId },
    });
    expect(forAnother.status).toBe(400);
    expect(forAnother.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/orgId' });
    const byKey = await t.request('POST', '/api/api-keys', { apiKey: t.apiKey('ebc'), body: { label: 'x' } });
    expect(byKey.status).toBe(403);
    expect(byKey.body.error.code).toBe('FORBIDDEN');
    const rows = await t.sql<{ n: number }>(`select count(*)::int as n from api_keys where label = 'x'`);
    expect(rows[0]?.n).toBe(0);
  });
});

describe('an enterprise sees only its own parties', () => {
  it('an ebc key gets 404 for the operator party and never sees it in a search', async () => {
    const operator = enterprise('operator');
    const key = t.apiKey('ebc');
    const res = await t.request('GET', `/api/parties/${operator.partyId}`, { apiKey: key });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('PARTY_NOT_FOUND');
    expect(res.text).not.toContain(operator.name);

    const all = await t.request('GET', '/api/parties?pageSize=200', { apiKey: key });
    expect(all.status).toBe(200);
    expect(all.body.items.map((p: { id: string }) => p.id)).toEqual([enterprise('ebc').partyId]);
    expect(all.body.total).toBe(1);
    for (const identifier of [operator.usci!, operator.customsCode!, operator.partyId]) {
      const found = await t.request('GET', `/api/parties${query({ identifier })}`, { apiKey: key });
      expect(found.status).toBe(200);
      expect(found.body.total, identifier).toBe(0);
    }
    const byName = await t.request('GET', `/api/parties${query({ name: '瓯越' })}`, { apiKey: key });
    expect(byName.body.items).toEqual([]);
  });

  it('an ebc key cannot apply for recognition of, or otherwise change, the operator party', async () => {
    const operator = enterprise('operator');
    const before = await t.sql<{ n: number }>(
      `select count(*)::int as n from party_history where party_id = '${operator.partyId}'`,
    );
    const res = await t.request('POST', `/api/parties/${operator.partyId}/recognition`, {
      apiKey: t.apiKey('ebc'),
      body: { statement: '冒名申请认定' },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('PARTY_NOT_FOUND');
    const status = await t.request('POST', `/api/parties/${operator.partyId}/status`, {
      apiKey: t.apiKey('ebc'),
      body: { action: 'suspend', reason: '冒名暂停' },
    });
    expect(status.status).toBe(403);
    const after = await t.sql<{ n: number }>(
      `select count(*)::int as n from party_history where party_id = '${operator.partyId}'`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('the operator reads the purchasers it filed itself; ebc cannot', async () => {
    const operator = enterprise('operator');
    for (const options of [{ token: await t.login('operator') }, { apiKey: t.apiKey('operator') }]) {
      const mine = await t.request('GET', '/api/parties?pageSize=200', options);
      expect(mine.status).toBe(200);
      const filedByMe = mine.body.items.filter(
        (p: { filedByOrgId: string }) => p.filedByOrgId === operator.organisationId,
      );
      expect(filedByMe).toHaveLength(4);
      expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(operator.partyId);
      expect(mine.body.total).toBe(5);
    }
    const purchasers = await t.request('GET', '/api/parties?kind=purchaser', {
      token: await t.login('operator'),
    });
    expect(purchasers.body.total).toBe(3);
    const names = purchasers.body.items.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['A**** H*****', 'Lagos Trading Ltd', 'O**** K********']);

    const ebcPurchasers = await t.request('GET', '/api/parties?kind=purchaser', { apiKey: t.apiKey('ebc') });
    expect(ebcPurchasers.body.total).toBe(0);
    for (const p of purchasers.body.items as { id: string }[]) {
      const res = await t.request('GET', `/api/parties/${p.id}`, { apiKey: t.apiKey('ebc') });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('PARTY_NOT_FOUND');
    }
  });
});

describe('a district regulator sees its district only', () => {
  it('lucheng-commerce (330302) sees district 330302 parties but not one filed in 330304', async () => {
    const commerce = await t.login('commerce');
    const filed = await t.request('POST', '/api/parties', {
      token: commerce,
      body: {
        parties: [
          {
            kind: 'manufacturer',
            legalForm: 'organisation',
            name: '温州市瓯海区某某鞋材厂',
            usci: newUsci(),
            districtCode: '330304',
          },
          {
            kind: 'manufacturer',
            legalForm: 'organisation',
            name: '温州市鹿城区某某鞋材厂',
            usci: newUsci(),
            districtCode: '330302',
          },
        ],
      },
    });
    expect(filed.status).toBe(201);
    const [ouhai, lucheng] = filed.body.items as { id: string }[];

    const district = await t.login('lucheng-commerce');
    const list = await t.request('GET', '/api/parties?pageSize=200', { token: district });
    expect(list.status).toBe(200);
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        lucheng!.id,
        enterprise('operator').partyId,
        enterprise('supplier').partyId,
        enterprise('broker').partyId,
      ]),
    );
    expect(ids).not.toContain(ouhai!.id);
    expect(list.body.items.every((p: { districtCode: string }) => p.districtCode === '330302')).toBe(true);
    const [{ n }] = (await t.sql<{ n: number }>(
      `select count(*)::int as n from parties where district_code = '330302'`,
    )) as [{ n: number }];
    expect(list.body.total).toBe(n);

    const hidden = await t.request('GET', `/api/parties/${ouhai!.id}`, { token: district });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('PARTY_NOT_FOUND');
    const suspend = await t.request('POST', `/api/parties/${ouhai!.id}/status`, {
      token: district,
      body: { action: 'suspend', reason: '越权暂停' },
    });
    expect(suspend.status).toBe(404);
    expect((await t.request('GET', `/api/parties/${ouhai!.id}`, { token: commerce })).body.party.status).toBe(
      'active',
    );
    // The city-level commerce department sees both.
    const city = await t.request('GET', `/api/parties/${ouhai!.id}`, { token: commerce });
    expect(city.status).toBe(200);
  });
});
