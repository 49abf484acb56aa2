import { createHash, sign as rsaSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCebXml } from '../ceb/parse';
import { validateCebMessage } from '../ceb/validate';
import type { CebSignatureAlgorithm } from './algorithms';
import { EXC_C14N_URI, RSA_SHA1_URI, SHA1_URI, SM2_SM3_URI, XMLDSIG_NS } from './algorithms';
import { canonicalizeElement } from './c14n';
import { createSelfSignedCertificate, describeCertificate, parsePrivateKey } from './certificates';
import type { XElement } from './dom';
import { readXmlDocument } from './dom';
import { signCebXml } from './sign';
import type { RegisteredCertificate, SignatureCheck } from './verify';
import { verifyCebSignature } from './verify';

const fixture = (name: string) => readFileSync(new URL(`../ceb/fixtures/${name}`, import.meta.url), 'utf8');

const NOT_BEFORE = new Date('2024-01-01T00:00:00Z');
const NOT_AFTER = new Date('2027-01-01T00:00:00Z');
const AT = new Date('2025-06-01T08:00:00Z');

function makeCertificate(algorithm: CebSignatureAlgorithm, serial: bigint, id: string) {
  const made = createSelfSignedCertificate({
    algorithm,
    commonName: `Kouan test ${algorithm}`,
    organization: '杭州优品进口贸易有限公司',
    serialNumber: serial,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
  });
  const registered: RegisteredCertificate = {
    id,
    partyId: 'party_test',
    pem: made.certificatePem,
    serialNumber: serial.toString(16).toUpperCase(),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    algorithm,
  };
  return { ...made, registered };
}

const KEYS = {
  'rsa-sha1': makeCertificate('rsa-sha1', 0x5a01n, 'cert_rsa'),
  'sm2-sm3': makeCertificate('sm2-sm3', 0x5a02n, 'cert_sm2'),
} as const;
const OTHER_RSA = makeCertificate('rsa-sha1', 0x5a03n, 'cert_other');

function sign(xml: string, algorithm: CebSignatureAlgorithm, form?: 'raw' | 'der') {
  const k = KEYS[algorithm];
  return signCebXml({
    xml,
    privateKeyPem: k.privateKeyPem,
    certificatePem: k.certificatePem,
    algorithm,
    ...(form ? { sm2SignatureForm: form } : {}),
  });
}

function check(
  xml: string,
  certificates: readonly RegisteredCertificate[] = Object.values(KEYS).map((k) => k.registered),
  at = AT,
) {
  return verifyCebSignature({ xml, certificates, at });
}

function failure(result: SignatureCheck) {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

const ALGORITHMS: CebSignatureAlgorithm[] = ['rsa-sha1', 'sm2-sm3'];
const FIXTURES = [
  'ceb621-inventory.xml',
  'ceb311-order.xml',
  'ceb623-cancel.xml',
  'ceb625-refund.xml',
  'ceb711-delivery.xml',
  'ceb603-export-inventory.xml',
];

describe('sign → verify round trip', () => {
  describe.each(ALGORITHMS)('%s', (algorithm) => {
    it.each(FIXTURES)('%s verifies with the signer certificate and still passes the XSD check', (file) => {
      const signed = sign(fixture(file), algorithm);
      expect(check(signed)).toEqual({ ok: true, certificateId: KEYS[algorithm].registered.id, algorithm });
      const parsed = parseCebXml(Buffer.from(signed, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error.detail);
      expect(validateCebMessage(parsed.value).violations).toEqual([]);
    });

    it('replaces an existing signature instead of adding a second one', () => {
      const signed = sign(sign(fixture('ceb621-inventory.xml'), algorithm), algorithm);
      expect(signed.match(/<ds:Signature /g)).toHaveLength(1);
      expect(check(signed).ok).toBe(true);
    });
  });

  it('the enveloped signature is laid out as spec 6.2 shows it', () => {
    const signed = sign(fixture('ceb311-order.xml'), 'sm2-sm3');
    expect(signed).toContain(
      '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"></ds:CanonicalizationMethod>',
    );
    expect(signed).toContain(`<ds:SignatureMethod Algorithm="${SM2_SM3_URI}"></ds:SignatureMethod>`);
    expect(signed).toContain(
      '<ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform></ds:Transforms>',
    );
    expect(signed).toContain('<ds:DigestMethod Algorithm="http://www.chinaport.gov.cn/2022/04/xmldsig#sm3">');
    expect(signed).toMatch(/<ds:KeyInfo><ds:KeyName>5A02<\/ds:KeyName><ds:X509Data><ds:X509Certificate>MII/);
    // SM2 SignatureValue: 64 bytes r||s by default.
    const value = /<ds:SignatureValue>([^<]+)</.exec(signed)?.[1] ?? '';
    expect(Buffer.from(value, 'base64')).toHaveLength(64);
    expect(signed.trimEnd().endsWith('</ds:Signature>\n</ceb:CEB311Message>')).toBe(true);
  });

  it('an SM2 SignatureValue in DER form is accepted too', () => {
    expect(check(sign(fixture('ceb621-inventory.xml'), 'sm2-sm3', 'der')).ok).toBe(true);
  });

  it('serialisation changes that C14N removes keep the signature valid', () => {
    const signed = sign(fixture('ceb621-inventory.xml'), 'rsa-sha1');
    const variant = signed
      .replace(
        '<ceb:CEB621Message guid="9A3F27C1-5B6E-4D2A-8C1F-0E7D4B9A2C61" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        "<ceb:CEB621Message  xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' version='1.0'\n   xmlns:ceb='http://www.chinaport.gov.cn/ceb' guid='9A3F27C1-5B6E-4D2A-8C1F-0E7D4B9A2C61' >",
      )
      .replace('<ceb:appType>1</ceb:appType>', '<ceb:appType><![CDATA[1]]></ceb:appType >')
      .replace(/\n/g, '\r\n')
      .replace('<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0' encoding='utf-8' ?>");
    expect(variant).not.toBe(signed);
    expect(check(variant).ok).toBe(true);
  });

  it('KeyName alone (no embedded certificate) picks the registered certificate by serial', () => {
    const signed = sign(fixture('ceb621-inventory.xml'), 'rsa-sha1').replace(
      /<ds:X509Data>.*<\/ds:X509Data>/,
      '',
    );
    expect(check(signed, [OTHER_RSA.registered, KEYS['rsa-sha1'].registered])).toMatchObject({
      ok: true,
      certificateId: 'cert_rsa',
    });
  });
});

describe('other signature layouts the XMLDSig rules allow', () => {
  it('exclusive C14N and a #Id reference to one element (as a DxpMsg Id would be signed)', () => {
    const inner =
      '<ceb:Data xmlns:ceb="http://www.chinaport.gov.cn/ceb" Id="data1">\n  <ceb:v a="1">x &amp; y</ceb:v>\n</ceb:Data>';
    const root = (signature: string) =>
      `<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${inner}${signature}</ceb:CEB311Message>`;
    const dataEl = readXmlDocument(root('')) as { ok: true; doc: { root: XElement } };
    const data = dataEl.doc.root.children.find((c) => c.kind === 'element') as XElement;
    // Exclusive C14N leaves out the unused xmlns:xsi of the root.
    const canonicalData = canonicalizeElement(data, { exclusive: true });
    expect(canonicalData).not.toContain('xmlns:xsi');
    const digest = createHash('sha1').update(canonicalData).digest('base64');
    const signedInfo =
      `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC_C14N_URI}"/>` +
      `<ds:SignatureMethod Algorithm="${RSA_SHA1_URI}"/><ds:Reference URI="#data1"><ds:Transforms>` +
      `<ds:Transform Algorithm="${EXC_C14N_URI}"/></ds:Transforms><ds:DigestMethod Algorithm="${SHA1_URI}"/>` +
      `<ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
    const withInfo = root(
      `<ds:Signature xmlns:ds="${XMLDSIG_NS}">${signedInfo}<ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>`,
    );
    const parsed = readXmlDocument(withInfo) as { ok: true; doc: { root: XElement } };
    const sigEl = parsed.doc.root.children.filter((c): c is XElement => c.kind === 'element')[1] as XElement;
    const infoEl = sigEl.children.find((c) => c.kind === 'element') as XElement;
    const key = parsePrivateKey(KEYS['rsa-sha1'].privateKeyPem);
    if (key?.algorithm !== 'rsa-sha1') throw new Error('key');
    const value = rsaSign(
      'sha1',
      Buffer.from(canonicalizeElement(infoEl, { exclusive: true })),
      key.key,
    ).toString('base64');
    const xml = withInfo.replace('<ds:SignatureValue>AA==', `<ds:SignatureValue>${value}`);
    expect(check(xml, [KEYS['rsa-sha1'].registered])).toMatchObject({ ok: true, certificateId: 'cert_rsa' });
    expect(
      failure(check(xml.replace('x &amp; y', 'x &amp; z'), [KEYS['rsa-sha1'].registered])),
    ).toMatchObject({
      reason: 'digest_mismatch',
    });
    // Content outside the referenced element is not covered by this reference.
    expect(
      check(xml.replace('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', ''), [
        KEYS['rsa-sha1'].registered,
      ]).ok,
    ).toBe(true);
  });
});

describe('each failure has its precise reason and the spec code', () => {
  const signedRsa = sign(fixture('ceb621-inventory.xml'), 'rsa-sha1');

  it('signature_missing: an unsigned declaration (-621026; -623017 for a cancel)', () => {
    const unsigned = fixture('ceb311-order.xml');
    expect(failure(check(unsigned))).toMatchObject({ reason: 'signature_missing', code: '-621026' });
    const cancel = fixture('ceb623-cancel.xml').replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    expect(failure(check(cancel))).toMatchObject({ reason: 'signature_missing', code: '-623017' });
  });

  it('digest_mismatch: one character changed in a signed field, with both digests and the canonical hash', () => {
    const tampered = signedRsa.replace(
      '<ceb:buyerName>张伟</ceb:buyerName>',
      '<ceb:buyerName>张玮</ceb:buyerName>',
    );
    const result = failure(check(tampered));
    expect(result).toMatchObject({ reason: 'digest_mismatch', code: '-621028' });
    expect(result.zh).toContain('加签数据比对失败');
    expect(result.details.expectedDigestBase64).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(result.details.computedDigestBase64).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(result.details.computedDigestBase64).not.toBe(result.details.expectedDigestBase64);
    expect(result.details.canonicalSha256Hex).toMatch(/^[0-9a-f]{64}$/);
    expect(result.details.certificateSerial).toBe('5A01');
  });

  it('digest_mismatch on a refund uses the refund family code -625208', () => {
    const signed = sign(fixture('ceb625-refund.xml'), 'sm2-sm3');
    const tampered = signed.replace(/<ceb:reason>([^<]*)<\/ceb:reason>/, '<ceb:reason>$1!</ceb:reason>');
    expect(tampered).not.toBe(signed);
    expect(failure(check(tampered))).toMatchObject({ reason: 'digest_mismatch', code: '-625208' });
  });

  it('a failure on a warehouse entry (CEB711) uses its family code -800001', () => {
    const signed = sign(fixture('ceb711-delivery.xml'), 'sm2-sm3');
    const tampered = signed.replace(/<ceb:note>([^<]*)<\/ceb:note>/, '<ceb:note>$1!</ceb:note>');
    expect(tampered).not.toBe(signed);
    expect(failure(check(tampered))).toMatchObject({ reason: 'digest_mismatch', code: '-800001' });
  });

  it.each(ALGORITHMS)(
    'signature_mismatch (%s): SignatureValue changed, with the SignedInfo hash',
    (algorithm) => {
      const signed = sign(fixture('ceb621-inventory.xml'), algorithm);
      const tampered = signed.replace(
        /<ds:SignatureValue>(.)/,
        (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`,
      );
      const result = failure(check(tampered));
      expect(result).toMatchObject({ reason: 'signature_mismatch', code: '-621029' });
      expect(result.details.canonicalSha256Hex).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('signature_mismatch: SignedInfo changed after signing (DigestValue of another message)', () => {
    const other = sign(fixture('ceb621-inventory.xml').replace('张伟', '李雷'), 'rsa-sha1');
    const otherDigest = /<ds:DigestValue>([^<]+)</.exec(other)?.[1] ?? '';
    const otherBody = other.slice(0, other.indexOf('<ds:Signature'));
    const mixed = `${otherBody}${signedRsa.slice(signedRsa.indexOf('<ds:Signature'))}`.replace(
      /<ds:DigestValue>[^<]+</,
      `<ds:DigestValue>${otherDigest}<`,
    );
    expect(failure(check(mixed))).toMatchObject({ reason: 'signature_mismatch' });
  });

  it('certificate_unknown: the embedded certificate is not registered for the sender', () => {
    const result = failure(check(signedRsa, [OTHER_RSA.registered]));
    expect(result).toMatchObject({
      reason: 'certificate_unknown',
      code: '-621029',
      details: { certificateSerial: '5A01' },
    });
    expect(result.en).toContain('not registered');
  });

  it('certificate_unknown: the sender has no certificate at all', () => {
    expect(failure(check(signedRsa, []))).toMatchObject({ reason: 'certificate_unknown' });
  });

  it('certificate_unknown: signed with SM2 but only an RSA certificate is registered (no embedded certificate)', () => {
    const signed = sign(fixture('ceb621-inventory.xml'), 'sm2-sm3').replace(
      /<ds:KeyInfo>.*<\/ds:KeyInfo>/,
      '',
    );
    const result = failure(check(signed, [KEYS['rsa-sha1'].registered]));
    expect(result).toMatchObject({ reason: 'certificate_unknown' });
    expect(result.en).toContain('rsa-sha1');
  });

  it('certificate_expired, certificate_not_yet_valid, certificate_revoked at the check time', () => {
    expect(failure(check(signedRsa, undefined, new Date('2027-01-02T00:00:00Z')))).toMatchObject({
      reason: 'certificate_expired',
      code: '-621029',
      details: { certificateSerial: '5A01' },
    });
    expect(failure(check(signedRsa, undefined, new Date('2023-12-31T00:00:00Z')))).toMatchObject({
      reason: 'certificate_not_yet_valid',
    });
    const revoked = { ...KEYS['rsa-sha1'].registered, revokedAt: new Date('2025-05-01T00:00:00Z') };
    expect(failure(check(signedRsa, [revoked]))).toMatchObject({ reason: 'certificate_revoked' });
    // Revoked later than the check time: still valid then.
    expect(check(signedRsa, [{ ...revoked, revokedAt: new Date('2025-07-01T00:00:00Z') }]).ok).toBe(true);
  });

  it.each([
    ['SignatureMethod', 'xmldsig#rsa-sha1"', 'xmldsig-more#rsa-sha256"'],
    ['DigestMethod', 'xmldsig#sha1"', 'xmlenc#sha256"'],
    ['CanonicalizationMethod', 'REC-xml-c14n-20010315"', 'REC-xml-c14n11-20080502"'],
    ['Transform', 'xmldsig#enveloped-signature"', 'TR/1999/REC-xpath-19991116"'],
  ])('unsupported_algorithm: %s URI changed', (what, from, to) => {
    const result = failure(check(signedRsa.replace(from, to)));
    expect(result).toMatchObject({ reason: 'unsupported_algorithm', code: '-621029' });
    expect(result.en).toContain(what);
  });

  it.each([
    ['no DigestValue', /<ds:DigestValue>[^<]*<\/ds:DigestValue>/, ''],
    ['a non-base64 SignatureValue', /<ds:SignatureValue>[^<]*</, '<ds:SignatureValue>not base64!<'],
    ['an external reference', /URI=""/, 'URI="http://example.com/doc"'],
    [
      'a truncated embedded certificate (as in the spec example)',
      /<ds:X509Certificate>[^<]*</,
      '<ds:X509Certificate>MIIEWzCCA8SgAwIBAgIDAJknMA0GCSqGSIb3DQEBBQUAMHYxCzAJBgNVBAYTAmNu<',
    ],
  ])('malformed_signature: %s', (_what, pattern, replacement) => {
    expect(failure(check(signedRsa.replace(pattern, replacement)))).toMatchObject({
      reason: 'malformed_signature',
    });
  });
});

describe('certificates', () => {
  it('describes RSA and SM2 certificates', () => {
    for (const algorithm of ALGORITHMS) {
      const d = describeCertificate(KEYS[algorithm].certificatePem);
      if ('error' in d) throw new Error(d.error.en);
      expect(d).toMatchObject({ algorithm, notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
      expect(d.subject).toBe(`C=CN, O=杭州优品进口贸易有限公司, CN=Kouan test ${algorithm}`);
      expect(d.fingerprintSha256Hex).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses what is not a certificate, in both languages', () => {
    const bad = describeCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----');
    expect(bad).toHaveProperty('error.zh');
    expect(bad).toHaveProperty('error.en');
    expect(describeCertificate('hello')).toHaveProperty('error');
  });
});
