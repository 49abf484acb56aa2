/**
 * Every import and export declaration type, in the official-format fixtures of the domain, gets the
 * receipt type the spec pairs with it, and every receipt Kouan emits passes the official schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { CEB_RECEIPT_TYPE_FOR, parseCebXml, validateCebMessage } from '@kouan/domain/ceb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cebIntakeDeps, createCebIntakeService } from '../../src/features/ceb';
import { actorFor } from '../../src/features/identity/resolve-actor';
import { fileFixtureParties } from '../ceb-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

const dir = new URL('../../../../packages/domain/src/ceb/fixtures/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

function validates(xml: string) {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return validateCebMessage(parsed.value).violations;
}

describe('every declaration type round-trips to its receipt', () => {
  it.each(files)('%s', async (file) => {
    const bytes = readFileSync(new URL(file, dir));
    const text = bytes.toString('utf8');
    const type = /<(?:ceb:)?(CEB\d{3}Message)/.exec(text)?.[1] as keyof typeof CEB_RECEIPT_TYPE_FOR;
    const sender = await fileFixtureParties(t, text, files.indexOf(file) * 20);
    const org = await t.platform.store.repos.identity.getOrganisation(sender.orgId);
    const actor = actorFor({
      type: 'api_key',
      id: `key_${file}`,
      displayName: file,
      roles: ['enterprise_system'],
      org: org!,
      requestId: `req_${file}`,
    });
    // The fixtures carry sample signatures that no registered certificate made: checked elsewhere.
    const intake = createCebIntakeService(cebIntakeDeps(t.platform.deps, { signaturePolicy: 'off' }));
    const [result] = await intake.submitMany([{ actor, body: new Uint8Array(bytes), format: 'xml' }]);
    expect(result?.outcome).toBe('processed');
    expect(result?.receiptType).toBe(CEB_RECEIPT_TYPE_FOR[type]);
    expect(validates(result!.xml)).toEqual([]);
    const replay = await intake.submitMany([{ actor, body: new Uint8Array(bytes), format: 'xml' }]);
    expect(replay[0]?.outcome).toBe('replayed');
    expect(replay[0]?.xml).toBe(result?.xml);
  });

  it('answers a body that is not CEB with a CEB900 that passes the schema, and stores nothing', async () => {
    const before = await t.sql<{ n: number }>('select count(*)::int as n from ceb_messages');
    const res = await t.request('POST', '/api/ceb/messages', {
      apiKey: t.apiKey('ebc'),
      body: '<?xml version="1.0"?><ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="X" version="1.0"><ceb:Order/></ceb:CEB311Message>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('CEB900Message');
    expect(validates(res.text)).toEqual([]);
    expect(res.text).toContain('/CEB311Message/@guid');
    const after = await t.sql<{ n: number }>('select count(*)::int as n from ceb_messages');
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
