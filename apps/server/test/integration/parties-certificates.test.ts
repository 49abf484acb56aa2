import { readFileSync } from 'node:fs';
import { createSelfSignedCertificate, signCebXml, verifyCebSignature } from '@kouan/domain/xmldsig';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSigningCertificates } from '../../src/features/parties';
import { ensureDemoCertificates, loadDemoSigningKeys } from '../../src/workflows/demo-certificates';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

const DAY_MS = 86_400_000;
let serial = 0x7000n;

/** A self-signed certificate valid around the test clock (2026-11-20) unless told otherwise. */
function certificate(
  algorithm: 'rsa-sha1' | 'sm2-sm3' = 'rsa-sha1',
  validity: { from?: Date; to?: Date } = {},
) {
  const now = t.clock.now().getTime();
  serial += 1n;
  return createSelfSignedCertificate({
    algorithm,
    commonName: `test signer ${serial}`,
    organization: '杭州海淘跨境电子商务平台有限公司',
    serialNumber: serial,
    notBefore: validity.from ?? new Date(now - DAY_MS),
    notAfter: validity.to ?? new Date(now + 365 * DAY_MS),
  });
}

function partyOf(key: string): string {
  const e = t.demo.enterprises.find((x) => x.key === key);
  if (!e) throw new Error(`no demo enterprise ${key}`);
  return e.partyId;
}

async function register(key: string, pem: string, username = key) {
  return t.request('POST', `/api/parties/${partyOf(key)}/certificates`, {
    token: await t.login(username),
    body: { pem },
  });
}

async function count(table: string): Promise<number> {
  const rows = await t.sql<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

describe('registering signing certificates', () => {
  it('an enterprise admin registers an RSA certificate for its own party, with audit and evidence', async () => {
    const evidenceBefore = await count(`evidence_entries where kind = 'party.certificate.registered'`);
    const made = certificate('rsa-sha1');
    const res = await register('ebp', made.certificatePem);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      partyId: partyOf('ebp'),
      serialNumber: serial.toString(16).toUpperCase(),
      algorithm: 'rsa-sha1',
      status: 'valid',
      revocation: null,
      subject: expect.stringContaining('CN=test signer'),
    });
    expect(res.body.fingerprintSha256Hex).toMatch(/^[0-9a-f]{64}$/);
    expect(await count(`evidence_entries where kind = 'party.certificate.registered'`)).toBe(
      evidenceBefore + 1,
    );
    const audit = await t.sql<{ action: string }>(
      `select action from audit_log where target_id = '${res.body.id}'`,
    );
    expect(audit.map((a) => a.action)).toEqual(['party.certificate.registered']);

    const list = await t.request('GET', `/api/parties/${partyOf('ebp')}/certificates`, {
      token: await t.login('ebp'),
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
  });

  it('an SM2 certificate registers as sm2-sm3', async () => {
    const res = await register('ebc', certificate('sm2-sm3').certificatePem);
    expect(res.status, res.text).toBe(201);
    expect(res.body.algorithm).toBe('sm2-sm3');
  });

  it('a customs officer registers a certificate for an enterprise', async () => {
    const res = await register('logistics', certificate().certificatePem, 'customs');
    expect(res.status, res.text).toBe(201);
  });

  it('refuses an unreadable PEM, an expired certificate and a duplicate, writing nothing', async () => {
    const before = await count('party_certificates');
    const garbage = await register('ebp', '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----');
    expect(garbage.status).toBe(422);
    expect(garbage.body.error).toMatchObject({ code: 'CERTIFICATE_UNREADABLE', field: '/pem' });
    expect(garbage.body.error.message.zh).toContain('pem');

    const now = t.clock.now().getTime();
    const expired = certificate('rsa-sha1', {
      from: new Date(now - 400 * DAY_MS),
      to: new Date(now - DAY_MS),
    });
    const old = await register('ebp', expired.certificatePem);
    expect(old.status).toBe(422);
    expect(old.body.error.code).toBe('CERTIFICATE_EXPIRED');

    const made = certificate();
    expect((await register('ebp', made.certificatePem)).status).toBe(201);
    const again = await register('ebc', made.certificatePem, 'customs');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CERTIFICATE_DUPLICATE');
    expect(await count('party_certificates')).toBe(before + 1);
  });

  it('refuses an enterprise registering for another party, and a regulator without the permission', async () => {
    const other = await register('ebc', certificate().certificatePem, 'ebp');
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('PARTY_NOT_FOUND');
    const commerce = await register('ebp', certificate().certificatePem, 'commerce');
    expect(commerce.status).toBe(403);
    expect(commerce.body.error.code).toBe('FORBIDDEN');
  });
});

describe('revoking and using certificates', () => {
  it('revocation is appended with a reason; the certificate row is never edited', async () => {
    const made = certificate();
    const reg = await register('payment', made.certificatePem);
    expect(reg.status, reg.text).toBe(201);
    const url = `/api/parties/${partyOf('payment')}/certificates/${reg.body.id}/revoke`;
    const token = await t.login('payment');

    const noReason = await t.request('POST', url, { token, body: { reason: '  ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');

    const revoked = await t.request('POST', url, { token, body: { reason: '密钥设备遗失' } });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocation: { reason: '密钥设备遗失' } });
    expect(await count(`evidence_entries where kind = 'party.certificate.revoked'`)).toBeGreaterThanOrEqual(
      1,
    );

    const twice = await t.request('POST', url, { token, body: { reason: 'again' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('CERTIFICATE_ALREADY_REVOKED');

    const unknown = await t.request(
      'POST',
      `/api/parties/${partyOf('payment')}/certificates/cert_nope/revoke`,
      {
        token,
        body: { reason: 'x' },
      },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CERTIFICATE_NOT_FOUND');

    await expect(
      t.sql(`update party_certificates set not_after = now() where id = '${reg.body.id}'`),
    ).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    await expect(
      t.sql(`delete from party_certificate_revocations where certificate_id = '${reg.body.id}'`),
    ).rejects.toThrow(/KOUAN_APPEND_ONLY/);
  });

  it('findSigningCertificates feeds verifyCebSignature: valid, then revoked, then expired', async () => {
    const made = certificate('sm2-sm3');
    const reg = await register('warehouse', made.certificatePem);
    expect(reg.status, reg.text).toBe(201);
    const xml = signCebXml({
      xml: readFileSync(
        new URL('../../../../packages/domain/src/ceb/fixtures/ceb621-inventory.xml', import.meta.url),
        'utf8',
      ),
      privateKeyPem: made.privateKeyPem,
      certificatePem: made.certificatePem,
      algorithm: 'sm2-sm3',
    });
    const deps = { store: t.platform.store };
    const certificates = await findSigningCertificates(deps, [partyOf('warehouse'), partyOf('warehouse')]);
    // The demo seed registered one certificate for the warehouse already; duplicates ids are merged.
    expect(certificates.map((c) => c.id)).toContain(reg.body.id);
    expect(new Set(certificates.map((c) => c.id)).size).toBe(certificates.length);
    expect(verifyCebSignature({ xml, certificates, at: t.clock.now() })).toEqual({
      ok: true,
      certificateId: reg.body.id,
      algorithm: 'sm2-sm3',
    });
    const later = new Date(t.clock.now().getTime() + 400 * DAY_MS);
    expect(verifyCebSignature({ xml, certificates, at: later })).toMatchObject({
      ok: false,
      reason: 'certificate_expired',
    });

    const revoke = await t.request(
      'POST',
      `/api/parties/${partyOf('warehouse')}/certificates/${reg.body.id}/revoke`,
      { token: await t.login('customs'), body: { reason: '企业申请注销' } },
    );
    expect(revoke.status, revoke.text).toBe(200);
    const afterRevoke = await findSigningCertificates(deps, [partyOf('warehouse')]);
    expect(verifyCebSignature({ xml, certificates: afterRevoke, at: t.clock.now() })).toMatchObject({
      ok: false,
      reason: 'certificate_revoked',
      code: '-621029',
    });
  });
});

describe('demo signing certificates', () => {
  it('the seed gives each CEB-sending demo enterprise a registered RSA certificate and keeps its key', async () => {
    const keys = loadDemoSigningKeys(t.dataDir);
    expect(keys.map((k) => k.enterpriseKey).sort()).toEqual(
      ['broker', 'ebc', 'ebp', 'logistics', 'payment', 'warehouse'].sort(),
    );
    const ebp = keys.find((k) => k.enterpriseKey === 'ebp')!;
    expect(ebp.partyId).toBe(partyOf('ebp'));
    const xml = signCebXml({
      xml: readFileSync(
        new URL('../../../../packages/domain/src/ceb/fixtures/ceb311-order.xml', import.meta.url),
        'utf8',
      ),
      privateKeyPem: ebp.privateKeyPem,
      certificatePem: ebp.certificatePem,
      algorithm: 'rsa-sha1',
    });
    const certificates = await findSigningCertificates({ store: t.platform.store }, [partyOf('ebp')]);
    expect(verifyCebSignature({ xml, certificates, at: t.clock.now() })).toEqual({
      ok: true,
      certificateId: ebp.certificateId,
      algorithm: 'rsa-sha1',
    });
  });

  it('seeding again reuses the keys file and registers nothing new', async () => {
    const before = await count('party_certificates');
    const first = loadDemoSigningKeys(t.dataDir);
    const again = await ensureDemoCertificates(
      { store: t.platform.store, vault: t.platform.deps.vault, clock: t.clock },
      { dataDir: t.dataDir, enterprises: t.demo.enterprises },
    );
    expect(again.map((k) => k.certificateId)).toEqual(first.map((k) => k.certificateId));
    expect(again.map((k) => k.privateKeyPem)).toEqual(first.map((k) => k.privateKeyPem));
    expect(await count('party_certificates')).toBe(before);
  });
});
