import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  maskedId,
  newCustomsCode,
  newPassportNumber,
  newResidentId,
  newUsci,
  query,
  withWrongCheckCharacter,
} from '../fixtures';
import { startTestPlatform, type TestPlatform, type TestResponse } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

type Party = Record<string, unknown> & { id: string };
type HistoryEntry = {
  at: string;
  action: string;
  actorId: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
};

const MINUTE_MS = 60_000;

function enterprise(key: string) {
  const e = t.demo.enterprises.find((x) => x.key === key);
  if (!e) throw new Error(`no demo enterprise ${key}`);
  return e;
}

function usciAndCodeOf(key: string) {
  const e = enterprise(key);
  return { usci: e.usci!, customsCode: e.customsCode! };
}

async function userId(username: string): Promise<string> {
  const me = await t.request('GET', '/api/me', { token: await t.login(username) });
  return me.body.id as string;
}

/** Files parties as the commerce officer (or the given credentials) and expects 201. */
async function file(
  parties: Record<string, unknown>[],
  auth: { token?: string; apiKey?: string } = {},
): Promise<Party[]> {
  const credentials = auth.token || auth.apiKey ? auth : { token: await t.login('commerce') };
  const res = await t.request('POST', '/api/parties', { ...credentials, body: { parties } });
  expect(res.status, res.text).toBe(201);
  return res.body.items as Party[];
}

function manufacturer(name: string, extra: Record<string, unknown> = {}) {
  return { kind: 'manufacturer', legalForm: 'organisation', name, usci: newUsci(), ...extra };
}

function consumer(name: string, residentId: string) {
  return { kind: 'consumer', legalForm: 'individual', name, residentId };
}

async function count(table: string): Promise<number> {
  const rows = await t.sql<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

async function counts() {
  return {
    parties: await count('parties'),
    party_history: await count('party_history'),
    audit_log: await count('audit_log'),
    evidence_entries: await count('evidence_entries'),
  };
}

function expectError(res: TestResponse, status: number, code: string, field?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.body.error.code).toBe(code);
  if (field !== undefined) expect(res.body.error.field).toBe(field);
  expect(res.body.error.message.zh.length).toBeGreaterThan(0);
  expect(res.body.error.message.en.length).toBeGreaterThan(0);
}

async function search(params: Record<string, string | number | undefined>, username = 'commerce') {
  const res = await t.request('GET', `/api/parties${query(params)}`, { token: await t.login(username) });
  expect(res.status, res.text).toBe(200);
  return res.body as { items: Party[]; page: number; pageSize: number; total: number };
}

describe('filing parties', () => {
  it('files a domestic organisation with a valid USCI and customs code', async () => {
    const usci = newUsci();
    const customsCode = newCustomsCode();
    const [party] = await file([
      {
        kind: 'trade_operator',
        legalForm: 'organisation',
        name: '温州新港市场采购贸易有限公司',
        usci,
        customsCode,
        districtCode: '330302',
      },
    ]);
    expect(party).toMatchObject({
      kind: 'trade_operator',
      legalForm: 'organisation',
      name: '温州新港市场采购贸易有限公司',
      usci,
      customsCode,
      nationality: 'CN',
      districtCode: '330302',
      status: 'active',
      recognition: null,
      version: 1,
    });
    expect(party!.id).toMatch(/^party_[0-9A-Z]{26}$/);
    const detail = await t.request('GET', `/api/parties/${party!.id}`, { token: await t.login('commerce') });
    expect(detail.status).toBe(200);
    expect(detail.body.party).toEqual(party);
    expect(detail.body.history).toHaveLength(1);
    expect(detail.body.history[0]).toMatchObject({
      action: 'filed',
      before: null,
      actorId: await userId('commerce'),
    });
    expect(detail.body.history[0].after).toMatchObject({ usci, status: 'active' });
  });

  it('files a foreign individual purchaser by passport and nationality', async () => {
    const number = newPassportNumber();
    const [party] = await file([
      {
        kind: 'purchaser',
        legalForm: 'individual',
        name: 'Tariq Al-Mansouri',
        nationality: 'AE',
        passport: { number, nationality: 'ARE' },
        phone: '+971 50 123 4567',
      },
    ]);
    expect(party).toMatchObject({
      kind: 'purchaser',
      legalForm: 'individual',
      name: 'Tariq Al-Mansouri',
      nationality: 'AE',
      passport: { number, nationality: 'AE' },
      usci: null,
      residentId: null,
      status: 'active',
    });
  });

  it('files a domestic consumer by resident ID (an e-commerce enterprise, through its key)', async () => {
    const residentId = newResidentId();
    const [party] = await file([consumer('李小龙', residentId)], { apiKey: t.apiKey('ebc') });
    expect(party).toMatchObject({
      kind: 'consumer',
      legalForm: 'individual',
      nationality: 'CN',
      filedByOrgId: enterprise('ebc').organisationId,
      masked: true,
      residentId: maskedId(residentId),
      name: '李**',
    });
    const found = await search({ identifier: residentId });
    expect(found.items.map((p) => p.id)).toEqual([party!.id]);
    expect(found.items[0]!.residentId).toBe(residentId);
  });

  it('files a supplier in a demo market zone, taking the district from the zone', async () => {
    const zone = t.demo.zones.find((z) => z.code === 'WZ-OH-01')!;
    const [party] = await file(
      [
        {
          kind: 'supplier',
          legalForm: 'organisation',
          name: '瓯海眼镜城 明亮眼镜店',
          usci: newUsci(),
          zoneId: zone.id,
          stallNo: ' B2-016 ',
        },
      ],
      { token: await t.login('market') },
    );
    expect(party).toMatchObject({
      kind: 'supplier',
      zoneId: zone.id,
      stallNo: 'B2-016',
      districtCode: '330304',
    });
    const inZone = await search({ zoneId: zone.id });
    expect(inZone.items.map((p) => p.id)).toContain(party!.id);
  });

  it('refuses a supplier without a zone, or in a zone that does not exist', async () => {
    const base = { kind: 'supplier', legalForm: 'organisation', name: '无区商户', usci: newUsci() };
    const token = await t.login('commerce');
    const missing = await t.request('POST', '/api/parties', { token, body: { parties: [base] } });
    expectError(missing, 422, 'PARTY_FIELD_REQUIRED', '/parties/0/zoneId');
    const unknown = await t.request('POST', '/api/parties', {
      token,
      body: { parties: [{ ...base, zoneId: 'zone_nope' }] },
    });
    expectError(unknown, 422, 'ZONE_NOT_FOUND', '/parties/0/zoneId');
  });
});

describe('identifier validation', () => {
  it('refuses a USCI with a wrong check character, naming the field and the expected character', async () => {
    const { wrong, expected } = withWrongCheckCharacter(newUsci());
    const res = await t.request('POST', '/api/parties', {
      token: await t.login('commerce'),
      body: { parties: [manufacturer('校验码错误的工厂', { usci: wrong })] },
    });
    expectError(res, 422, 'PARTY_IDENTIFIER_INVALID', '/parties/0/usci');
    expect(res.body.error.message.en).toContain(`should be "${expected}"`);
    expect(res.body.error.message.zh).toContain(`应为"${expected}"`);
    expect(res.body.error.message.en).toContain('/parties/0/usci');
  });

  it('refuses a resident ID with a wrong check character, naming the field and the expected character', async () => {
    const { wrong, expected } = withWrongCheckCharacter(newResidentId());
    const res = await t.request('POST', '/api/parties', {
      token: await t.login('commerce'),
      body: { parties: [consumer('王五', wrong)] },
    });
    expectError(res, 422, 'PARTY_IDENTIFIER_INVALID', '/parties/0/residentId');
    expect(res.body.error.message.en).toContain(`should be "${expected}"`);
    expect(res.body.error.message.zh).toContain(`应为"${expected}"`);
  });
});

describe('a failed write leaves no trace but the error', () => {
  it('a batch whose 3rd party has an invalid USCI stores nothing', async () => {
    const before = await counts();
    const first = manufacturer('批量一号厂');
    const second = consumer('赵六', newResidentId());
    const { wrong } = withWrongCheckCharacter(newUsci());
    const res = await t.request('POST', '/api/parties', {
      token: await t.login('commerce'),
      body: { parties: [first, second, manufacturer('批量三号厂', { usci: wrong })] },
    });
    expectError(res, 422, 'PARTY_IDENTIFIER_INVALID', '/parties/2/usci');
    expect(await counts()).toEqual(before);
    expect((await search({ identifier: first.usci })).total).toBe(0);
    expect((await search({ identifier: second.residentId })).total).toBe(0);

    // Corrected, the same batch goes through: nothing half-written stands in its way.
    const filed = await file([first, second, manufacturer('批量三号厂')]);
    expect(filed).toHaveLength(3);
    const after = await counts();
    expect(after.parties).toBe(before.parties + 3);
    expect(after.party_history).toBe(before.party_history + 3);
    expect(after.audit_log).toBe(before.audit_log + 3);
    expect(after.evidence_entries).toBe(before.evidence_entries + 3);
  });

  it('a batch whose 3rd party duplicates a filed one stores nothing', async () => {
    const before = await counts();
    const res = await t.request('POST', '/api/parties', {
      token: await t.login('commerce'),
      body: {
        parties: [
          manufacturer('重复批一号厂'),
          manufacturer('重复批二号厂'),
          { kind: 'ebc', legalForm: 'organisation', name: '冒用代码的电商', ...usciAndCodeOf('ebc') },
        ],
      },
    });
    expectError(res, 409, 'PARTY_DUPLICATE', '/parties/2/usci');
    expect(await counts()).toEqual(before);
  });
});

describe('duplicates and request schema', () => {
  it('refuses the same identifier twice within a kind (409), but allows it for another kind', async () => {
    const usci = newUsci();
    await file([manufacturer('重复测试工厂', { usci })]);
    const token = await t.login('commerce');
    const again = await t.request('POST', '/api/parties', {
      token,
      body: { parties: [manufacturer('重复测试工厂（再次）', { usci })] },
    });
    expectError(again, 409, 'PARTY_DUPLICATE', '/parties/0/usci');

    const customs = await t.request('POST', '/api/parties', {
      token,
      body: {
        parties: [
          {
            kind: 'logistics',
            legalForm: 'organisation',
            name: '另一家物流',
            usci: newUsci(),
            customsCode: enterprise('logistics').customsCode,
          },
        ],
      },
    });
    expectError(customs, 409, 'PARTY_DUPLICATE', '/parties/0/customsCode');

    const residentId = newResidentId();
    await file([consumer('钱七', residentId)]);
    const person = await t.request('POST', '/api/parties', {
      token,
      body: { parties: [consumer('钱七', residentId)] },
    });
    expectError(person, 409, 'PARTY_DUPLICATE', '/parties/0/residentId');

    const shared = newUsci();
    const sameBatch = await t.request('POST', '/api/parties', {
      token,
      body: { parties: [manufacturer('同批丙', { usci: shared }), manufacturer('同批丁', { usci: shared })] },
    });
    expectError(sameBatch, 409, 'PARTY_DUPLICATE', '/parties/1/usci');

    const zone = t.demo.zones[0]!;
    const [supplier] = await file([
      { kind: 'supplier', legalForm: 'organisation', name: '重复测试工厂门市部', usci, zoneId: zone.id },
    ]);
    expect(supplier!.usci).toBe(usci);
  });

  it('regression: concurrent filings of one identifier give one 201 and 409s, never a 500', async () => {
    const token = await t.login('commerce');
    const body = { parties: [manufacturer('并发备案工厂')] };
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => t.request('POST', '/api/parties', { token, body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error).toMatchObject({ code: 'PARTY_DUPLICATE', field: '/parties/0/usci' });
    }
    const after = await counts();
    expect(after.parties).toBe(before.parties + 1);
    expect(after.evidence_entries).toBe(before.evidence_entries + 1);
  });

  it('refuses unknown fields and out-of-range page sizes with 400 VALIDATION_FAILED naming the field', async () => {
    const token = await t.login('commerce');
    const unknown = await t.request('POST', '/api/parties', {
      token,
      body: { parties: [manufacturer('多余字段厂', { nickname: '小厂' })] },
    });
    expectError(unknown, 400, 'VALIDATION_FAILED', '/parties/0/nickname');
    const badKind = await t.request('POST', '/api/parties', {
      token,
      body: { parties: [{ ...manufacturer('种类错误'), kind: 'smuggler' }] },
    });
    expectError(badKind, 400, 'VALIDATION_FAILED');
    expect(badKind.body.error.field).toBe('/parties/0/kind');
    const tooBig = await t.request('GET', '/api/parties?pageSize=201', { token });
    expectError(tooBig, 400, 'VALIDATION_FAILED');
    expect(tooBig.body.error.field).toMatch(/\/pageSize$/);
    const unknownQuery = await t.request('GET', '/api/parties?colour=red', { token });
    expectError(unknownQuery, 400, 'VALIDATION_FAILED');
    expect(unknownQuery.body.error.field).toMatch(/\/colour$/);
  });
});

describe('search', () => {
  it('finds organisations by part of their Chinese name', async () => {
    const supplier = enterprise('supplier');
    const found = await search({ name: '鹏程鞋业' });
    expect(found.items.map((p) => p.id)).toEqual([supplier.partyId]);
    const wider = await search({ name: '温州' });
    expect(wider.total).toBeGreaterThanOrEqual(7);
    expect(wider.items.every((p) => String(p.name).includes('温州'))).toBe(true);
    expect((await search({ name: '%' })).total).toBe(0);
    expect((await search({ name: '不存在的公司名' })).total).toBe(0);
  });

  it('finds a party by USCI, customs code or resident ID (through the keyed hash)', async () => {
    const ebc = enterprise('ebc');
    expect((await search({ identifier: ebc.usci! })).items.map((p) => p.id)).toEqual([ebc.partyId]);
    expect((await search({ identifier: ebc.customsCode! })).items.map((p) => p.id)).toEqual([ebc.partyId]);
    const residentId = newResidentId();
    const [person] = await file([consumer('孙八', residentId)]);
    const byId = await search({ identifier: residentId });
    expect(byId.items.map((p) => p.id)).toEqual([person!.id]);
    expect((await search({ identifier: ` ${residentId.toLowerCase()} ` })).total).toBe(1);
    const passport = await search({ identifier: 'EG:A12345678' });
    expect(passport.items.map((p) => p.name)).toEqual(['Ahmed Hassan']);
    const exactName = await search({ name: 'Olena Kovalenko' });
    expect(exactName.items.map((p) => p.kind)).toEqual(['purchaser']);
  });

  it('regression: finds a party by its id (ids were upper-cased like codes and never matched)', async () => {
    const operator = enterprise('operator');
    const found = await search({ identifier: operator.partyId });
    expect(found.items.map((p) => p.id)).toEqual([operator.partyId]);
    expect((await search({ identifier: ` ${operator.partyId} ` })).total).toBe(1);
    expect((await search({ identifier: operator.partyId }, 'operator')).total).toBe(1);
    expect((await search({ identifier: operator.partyId }, 'ebc')).total).toBe(0);
  });

  it('filters by kind and status, with the right total', async () => {
    const purchasers = await search({ kind: 'purchaser', pageSize: 200 });
    const [{ n }] = (await t.sql<{ n: number }>(
      `select count(*)::int as n from parties where kind = 'purchaser'`,
    )) as [{ n: number }];
    expect(purchasers.total).toBe(n);
    expect(purchasers.items).toHaveLength(n);
    expect(purchasers.items.every((p) => p.kind === 'purchaser')).toBe(true);

    const [party] = await file([manufacturer('待暂停的工厂')]);
    const token = await t.login('commerce');
    const res = await t.request('POST', `/api/parties/${party!.id}/status`, {
      token,
      body: { action: 'suspend', reason: '抽查不合格' },
    });
    expect(res.status).toBe(200);
    const suspended = await search({ status: 'suspended' });
    expect(suspended.items.map((p) => p.id)).toContain(party!.id);
    expect(suspended.items.every((p) => p.status === 'suspended')).toBe(true);
    const activeManufacturers = await search({ kind: 'manufacturer', status: 'active', pageSize: 200 });
    expect(activeManufacturers.items.map((p) => p.id)).not.toContain(party!.id);
  });

  it('pages 50 by default, accepts up to 200, and counts the total', async () => {
    const batch = Array.from({ length: 70 }, (_, i) => manufacturer(`分页测试工厂${i + 1}号`));
    await file(batch);
    const total = await count(`parties where name like '分页测试工厂%'`);
    expect(total).toBe(70);

    const first = await search({ name: '分页测试工厂' });
    expect(first).toMatchObject({ page: 1, pageSize: 50, total: 70 });
    expect(first.items).toHaveLength(50);
    const second = await search({ name: '分页测试工厂', page: 2 });
    expect(second).toMatchObject({ page: 2, pageSize: 50, total: 70 });
    expect(second.items).toHaveLength(20);
    const all = await search({ name: '分页测试工厂', pageSize: 200 });
    expect(all.pageSize).toBe(200);
    expect(all.items).toHaveLength(70);
    const paged = [...first.items, ...second.items].map((p) => p.id);
    expect(new Set(paged).size).toBe(70);
    expect(paged).toEqual(all.items.map((p) => p.id));

    const everything = await search({ pageSize: 200 });
    expect(everything.total).toBe(await count('parties'));
  });
});

describe('personal information', () => {
  it('keeps the resident ID and a foreign purchaser name out of the database in clear', async () => {
    const residentId = newResidentId();
    const [person] = await file([
      { ...consumer('周九妹', residentId), phone: '13812345678', address: '浙江省温州市鹿城区五马街1号' },
    ]);
    const [foreigner] = await file([
      {
        kind: 'purchaser',
        legalForm: 'individual',
        name: 'Fatima Zahra Benali',
        nationality: 'MA',
        passport: { number: 'MA7654321', nationality: 'MA' },
      },
    ]);
    const secrets: [string, string[]][] = [
      [person!.id, [residentId, '周九妹', '13812345678', '五马街']],
      [foreigner!.id, ['Fatima', 'Benali', 'MA7654321']],
    ];
    for (const [id, plaintexts] of secrets) {
      const tables = [
        `select row_to_json(p)::text as j from parties p where id = '${id}'`,
        `select row_to_json(h)::text as j from party_history h where party_id = '${id}'`,
        `select row_to_json(a)::text as j from audit_log a where target_id = '${id}'`,
      ];
      for (const text of tables) {
        const rows = await t.sql<{ j: string }>(text);
        expect(rows.length, text).toBeGreaterThan(0);
        for (const row of rows) for (const plain of plaintexts) expect(row.j, text).not.toContain(plain);
      }
    }
  });

  it('shows it unmasked to a commerce officer, masked to a viewer and to the filing enterprise', async () => {
    const residentId = newResidentId();
    const [person] = await file([consumer('吴十一', residentId)], { apiKey: t.apiKey('ebc') });
    const view = async (auth: { token?: string; apiKey?: string }, id: string) => {
      const res = await t.request('GET', `/api/parties/${id}`, auth);
      expect(res.status, res.text).toBe(200);
      return res.body.party as Party;
    };

    const officer = await view({ token: await t.login('commerce') }, person!.id);
    expect(officer).toMatchObject({ residentId, name: '吴十一', masked: false });
    const viewer = await view({ token: await t.login('market-viewer') }, person!.id);
    expect(viewer).toMatchObject({ residentId: maskedId(residentId), name: '吴**', masked: true });
    expect(viewer.residentId).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    const filer = await view({ apiKey: t.apiKey('ebc') }, person!.id);
    expect(filer).toMatchObject({ residentId: maskedId(residentId), name: '吴**', masked: true });
    const filerUser = await view({ token: await t.login('ebc') }, person!.id);
    expect(filerUser.residentId).toBe(maskedId(residentId));

    const ahmed = (await search({ name: 'Ahmed Hassan' })).items[0]!;
    expect(ahmed).toMatchObject({
      name: 'Ahmed Hassan',
      passport: { number: 'A12345678', nationality: 'EG' },
    });
    expect(ahmed.phone).toBe('+20 100 123 4567');
    const masked = await view({ token: await t.login('market-viewer') }, ahmed.id);
    expect(masked).toMatchObject({
      name: 'A**** H*****',
      passport: { number: 'A1*****78', nationality: 'EG' },
    });
    expect(masked.phone).toMatch(/^\*+4567$/);
    const operatorView = await view({ token: await t.login('operator') }, ahmed.id);
    expect(operatorView.name).toBe('A**** H*****');
    const viewerSearch = await search({ identifier: residentId }, 'market-viewer');
    expect(JSON.stringify(viewerSearch)).not.toContain(residentId);
  });
});

describe('recognition of market-procurement trade operators', () => {
  async function newOperator(name: string): Promise<Party> {
    const [party] = await file(
      [
        {
          kind: 'trade_operator',
          legalForm: 'organisation',
          name,
          usci: newUsci(),
          customsCode: newCustomsCode(),
          districtCode: '330302',
        },
      ],
      { token: await t.login('operator') },
    );
    return party!;
  }

  it('an operator applies, the commerce department recognises; history and record show each step', async () => {
    const party = await newOperator('温州瓯越二号贸易有限公司');
    const operatorToken = await t.login('operator');
    const commerceToken = await t.login('commerce');
    const applied = await t.request('POST', `/api/parties/${party.id}/recognition`, {
      token: operatorToken,
      body: { statement: '申请认定为市场采购贸易经营者' },
    });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.recognition).toBe('pending');

    const twice = await t.request('POST', `/api/parties/${party.id}/recognition`, {
      token: operatorToken,
      body: { statement: '再次申请' },
    });
    expectError(twice, 409, 'RECOGNITION_ALREADY_PENDING');

    const byEnterprise = await t.request('POST', `/api/parties/${party.id}/recognition/decision`, {
      token: operatorToken,
      body: { decision: 'recognise' },
    });
    expectError(byEnterprise, 403, 'FORBIDDEN');

    t.clock.advance(MINUTE_MS);
    const decided = await t.request('POST', `/api/parties/${party.id}/recognition/decision`, {
      token: commerceToken,
      body: { decision: 'recognise', reason: '材料齐全' },
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body.recognition).toBe('recognised');

    const again = await t.request('POST', `/api/parties/${party.id}/recognition/decision`, {
      token: commerceToken,
      body: { decision: 'recognise' },
    });
    expectError(again, 409, 'RECOGNITION_NOT_PENDING');
    const reapply = await t.request('POST', `/api/parties/${party.id}/recognition`, {
      token: operatorToken,
      body: { statement: '重复申请' },
    });
    expectError(reapply, 409, 'RECOGNITION_ALREADY_GRANTED');

    const detail = await t.request('GET', `/api/parties/${party.id}`, { token: commerceToken });
    expect(detail.status).toBe(200);
    expect(detail.body.party.recognition).toBe('recognised');
    const history = detail.body.history as HistoryEntry[];
    expect(history.map((h) => h.action)).toEqual(['filed', 'recognition.applied', 'recognised']);
    expect(history[1]).toMatchObject({ actorId: await userId('operator'), reason: null });
    expect(history[1]!.before).toMatchObject({ recognition: null, version: 1 });
    expect(history[1]!.after).toMatchObject({ recognition: 'pending', version: 2 });
    expect(history[2]).toMatchObject({ actorId: await userId('commerce'), reason: '材料齐全' });
    expect(history[2]!.before).toMatchObject({ recognition: 'pending' });
    expect(history[2]!.after).toMatchObject({ recognition: 'recognised', version: 3 });
    expect(new Date(history[2]!.at).getTime() - new Date(history[1]!.at).getTime()).toBe(MINUTE_MS);
    expect(detail.body.recognitions).toEqual([
      expect.objectContaining({
        status: 'recognised',
        appliedBy: await userId('operator'),
        statement: '申请认定为市场采购贸易经营者',
        decidedBy: await userId('commerce'),
        decidedAt: history[2]!.at,
        reason: '材料齐全',
      }),
    ]);
  });

  it('a refusal needs a reason (400); with one, the operator may apply again', async () => {
    const party = await newOperator('温州瓯越三号贸易有限公司');
    const operatorToken = await t.login('operator');
    const commerceToken = await t.login('commerce');
    await t.request('POST', `/api/parties/${party.id}/recognition`, {
      token: operatorToken,
      body: { statement: '申请认定' },
    });
    for (const body of [{ decision: 'refuse' }, { decision: 'refuse', reason: '   ' }]) {
      const res = await t.request('POST', `/api/parties/${party.id}/recognition/decision`, {
        token: commerceToken,
        body,
      });
      expectError(res, 400, 'VALIDATION_FAILED', '/reason');
    }
    const stillPending = await t.request('GET', `/api/parties/${party.id}`, { token: commerceToken });
    expect(stillPending.body.party.recognition).toBe('pending');

    const refused = await t.request('POST', `/api/parties/${party.id}/recognition/decision`, {
      token: commerceToken,
      body: { decision: 'refuse', reason: '缺少市场集聚区经营证明' },
    });
    expect(refused.status).toBe(200);
    expect(refused.body.recognition).toBe('refused');
    const reapplied = await t.request('POST', `/api/parties/${party.id}/recognition`, {
      token: operatorToken,
      body: { statement: '补充材料后再次申请' },
    });
    expect(reapplied.status).toBe(200);
    expect(reapplied.body.recognition).toBe('pending');
    const detail = await t.request('GET', `/api/parties/${party.id}`, { token: commerceToken });
    expect(detail.body.recognitions.map((r: { status: string }) => r.status)).toEqual(['refused', 'pending']);
    expect(detail.body.recognitions[0].reason).toBe('缺少市场集聚区经营证明');
  });

  it('is not applicable to other kinds of party (409)', async () => {
    const [maker] = (await search({ kind: 'manufacturer', name: '瓯海精工眼镜厂' }, 'operator')).items;
    const res = await t.request('POST', `/api/parties/${maker!.id}/recognition`, {
      token: await t.login('operator'),
      body: { statement: '申请认定' },
    });
    expectError(res, 409, 'RECOGNITION_NOT_APPLICABLE');
    const detail = await t.request('GET', `/api/parties/${maker!.id}`, {
      token: await t.login('commerce'),
    });
    expect(detail.body.party.recognition).toBeNull();
    expect(detail.body.recognitions).toEqual([]);
  });
});

describe('status lifecycle', () => {
  it('suspend → reinstate → revoke, final; each change has history, audit and evidence', async () => {
    const [party] = await file([manufacturer('生命周期测试工厂')]);
    const id = party!.id;
    const token = await t.login('commerce');
    const commerceId = await userId('commerce');
    const steps = [
      { action: 'suspend', reason: '涉嫌虚假申报，暂停备案', status: 'suspended', past: 'suspended' },
      { action: 'reinstate', reason: '整改完成，恢复', status: 'active', past: 'reinstated' },
      { action: 'revoke', reason: '拒不整改，撤销备案', status: 'revoked', past: 'revoked' },
    ];
    const times: string[] = [];
    for (const step of steps) {
      t.clock.advance(MINUTE_MS);
      times.push(t.clock.now().toISOString());
      const res = await t.request('POST', `/api/parties/${id}/status`, {
        token,
        body: { action: step.action, reason: step.reason },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.status).toBe(step.status);
    }

    const reinstate = await t.request('POST', `/api/parties/${id}/status`, {
      token,
      body: { action: 'reinstate', reason: '尝试恢复已撤销主体' },
    });
    expectError(reinstate, 409, 'PARTY_STATUS_TRANSITION');
    expect(reinstate.body.error.message.en).toContain('from revoked');
    const noReason = await t.request('POST', `/api/parties/${id}/status`, {
      token,
      body: { action: 'suspend' },
    });
    expectError(noReason, 400, 'VALIDATION_FAILED', '/reason');

    const detail = await t.request('GET', `/api/parties/${id}`, { token });
    expect(detail.body.party).toMatchObject({ status: 'revoked', version: 4 });
    const history = (detail.body.history as HistoryEntry[]).slice(1);
    expect(history.map((h) => h.action)).toEqual(steps.map((s) => s.past));
    history.forEach((h, i) => {
      expect(h).toMatchObject({ actorId: commerceId, reason: steps[i]!.reason, at: times[i] });
      expect(h.after.status).toBe(steps[i]!.status);
    });
    expect(history.map((h) => h.before!.status)).toEqual(['active', 'suspended', 'active']);

    const audit = await t.request('GET', `/api/audit?targetId=${id}`, { token });
    expect(audit.status).toBe(200);
    const auditItems = audit.body.items as {
      action: string;
      actorId: string;
      at: string;
      details: { reason?: string };
    }[];
    expect(auditItems.map((a) => a.action)).toEqual([
      'party.revoked',
      'party.reinstated',
      'party.suspended',
      'party.filed',
    ]);
    for (const [i, step] of steps.entries()) {
      const entry = auditItems.find((a) => a.action === `party.${step.past}`)!;
      expect(entry).toMatchObject({ actorId: commerceId, at: times[i], details: { reason: step.reason } });
    }

    const evidence = await t.request('GET', `/api/evidence/entries?subjectId=${id}`, { token });
    expect(evidence.status).toBe(200);
    const kinds = (evidence.body.items as { kind: string; actorId: string; recordedAt: string }[]).map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(['party.revoked', 'party.reinstated', 'party.suspended', 'party.filed']);
    const suspendedEntry = evidence.body.items.find((e: { kind: string }) => e.kind === 'party.suspended');
    expect(suspendedEntry).toMatchObject({ actorId: commerceId, recordedAt: times[0], parties: [id] });
  });

  it('a viewer cannot change a status, and a refused change leaves no record', async () => {
    const [party] = await file([manufacturer('只读测试工厂')]);
    const before = await counts();
    const res = await t.request('POST', `/api/parties/${party!.id}/status`, {
      token: await t.login('market-viewer'),
      body: { action: 'revoke', reason: '查询员尝试撤销' },
    });
    expectError(res, 403, 'FORBIDDEN');
    expect(await counts()).toEqual(before);
  });
});

describe('history is append-only in the database itself', () => {
  it('rejects UPDATE on party_history and DELETE on audit_log', async () => {
    const before = await counts();
    await expect(t.sql(`update party_history set reason = 'x'`)).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    await expect(t.sql('delete from audit_log')).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    await expect(t.sql('delete from party_history')).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    await expect(t.sql(`update evidence_entries set kind = 'x'`)).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    expect(await counts()).toEqual(before);
    const edited = await t.sql<{ n: number }>(
      `select count(*)::int as n from party_history where reason = 'x'`,
    );
    expect(edited[0]!.n).toBe(0);
  });
});

describe('public information', () => {
  it('lists the market cluster zones without login', async () => {
    const res = await t.request('GET', '/api/public/zones');
    expect(res.status).toBe(200);
    expect(res.body.map((z: { code: string }) => z.code)).toEqual(['WZ-LC-01', 'WZ-LC-02', 'WZ-OH-01']);
    expect(res.body.map((z: { id: string }) => z.id).sort()).toEqual(t.demo.zones.map((z) => z.id).sort());
    expect(res.body[2]).toMatchObject({ name: '瓯海眼镜城', districtCode: '330304', effectiveTo: null });
    const before = await t.request('GET', '/api/public/zones?effectiveOn=2019-03-01');
    expect(before.body.map((z: { code: string }) => z.code)).toEqual(['WZ-LC-01']);
  });
});
