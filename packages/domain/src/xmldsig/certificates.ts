/**
 * X.509 v3 certificates for CEB signatures: parsing (RSA and SM2, with our own DER reader since SM2
 * public keys are read as curve points), a description for the parties registry, and self-signed demo
 * certificates for both algorithms (used by tests and the demo seed).
 */
import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { CebSignatureAlgorithm } from './algorithms';
import type { Der } from './der';
import {
  bigIntToBytes,
  bitString,
  bytesToBigInt,
  children,
  context,
  DerError,
  decodeOid,
  decodeString,
  decodeTime,
  derToPem,
  expectTag,
  integer,
  nul,
  octets,
  oid,
  parseDer,
  pemToDer,
  seq,
  set,
  time,
  tlv,
  utf8,
} from './der';
import type { Sm2Point } from './sm2';
import {
  decodeSm2Point,
  encodeSm2Point,
  encodeSm2Signature,
  generateSm2PrivateKey,
  sm2PublicKeyOf,
  sm2Sign,
} from './sm2';

export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_SM2_CURVE = '1.2.156.10197.1.301';
export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501';

const NAME_OIDS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

export type CertificatePublicKey =
  | { readonly algorithm: 'rsa-sha1'; readonly key: KeyObject }
  | { readonly algorithm: 'sm2-sm3'; readonly point: Sm2Point };

export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** Upper-case hex without leading zeros (as node:crypto X509Certificate prints it). */
  readonly serialNumber: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly algorithm: CebSignatureAlgorithm;
  readonly publicKey: CertificatePublicKey;
  readonly fingerprintSha256Hex: string;
}

export interface CertificateDescription {
  readonly serialNumber: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly algorithm: CebSignatureAlgorithm;
  readonly fingerprintSha256Hex: string;
}

export interface CertificateError {
  readonly error: { readonly zh: string; readonly en: string };
}

function nameToString(name: Der): string {
  const parts: string[] = [];
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      if (!type || !value) throw new DerError('bad attribute in name');
      const key = NAME_OIDS[decodeOid(type)] ?? decodeOid(type);
      parts.push(`${key}=${decodeString(value)}`);
    }
  }
  return parts.join(', ');
}

function readPublicKey(spki: Der): CertificatePublicKey {
  const [algId, keyBits] = children(spki);
  const [algOid, params] = children(expectTag(algId, 0x30, 'AlgorithmIdentifier'));
  const algorithm = decodeOid(expectTag(algOid, 0x06, 'algorithm OID'));
  const bits = expectTag(keyBits, 0x03, 'subjectPublicKey BIT STRING');
  if (algorithm === OID_RSA_ENCRYPTION) {
    return {
      algorithm: 'rsa-sha1',
      key: createPublicKey({ key: Buffer.from(spki.raw), format: 'der', type: 'spki' }),
    };
  }
  const isSm2 =
    algorithm === OID_SM2_CURVE ||
    (algorithm === OID_EC_PUBLIC_KEY && params?.tag === 0x06 && decodeOid(params) === OID_SM2_CURVE);
  if (!isSm2) throw new UnsupportedKey(algorithm);
  const point = decodeSm2Point(bits.value.subarray(1));
  if (!point) throw new DerError('SM2 public key is not a point on the curve');
  return { algorithm: 'sm2-sm3', point };
}

class UnsupportedKey extends Error {}

export function parseCertificateDer(der: Uint8Array): ParsedCertificate {
  const [tbs] = children(parseDer(der));
  const fields = children(expectTag(tbs, 0x30, 'TBSCertificate'));
  let i = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = expectTag(fields[i++], 0x02, 'serialNumber');
  i++; // signature AlgorithmIdentifier
  const issuer = expectTag(fields[i++], 0x30, 'issuer');
  const [nb, na] = children(expectTag(fields[i++], 0x30, 'validity'));
  const subject = expectTag(fields[i++], 0x30, 'subject');
  const spki = expectTag(fields[i++], 0x30, 'subjectPublicKeyInfo');
  if (!nb || !na) throw new DerError('validity');
  const publicKey = readPublicKey(spki);
  return {
    der,
    serialNumber: bytesToBigInt(serial.value).toString(16).toUpperCase(),
    subject: nameToString(subject),
    issuer: nameToString(issuer),
    notBefore: decodeTime(nb),
    notAfter: decodeTime(na),
    algorithm: publicKey.algorithm,
    publicKey,
    fingerprintSha256Hex: createHash('sha256').update(der).digest('hex'),
  };
}

/**
 * Parsed certificates by their text. Parsing is deterministic, and the same few certificates come with
 * every message of a sender, so results are memoised (bounded; emptied when full).
 */
const PARSE_CACHE_MAX = 512;
const parseCache = new Map<string, ParsedCertificate | CertificateError>();

/** Accepts a PEM certificate or bare base64 DER (as in ds:X509Certificate). */
export function parseCertificate(pemOrBase64: string): ParsedCertificate | CertificateError {
  const cached = parseCache.get(pemOrBase64);
  if (cached) return cached;
  const parsed = parseCertificateUncached(pemOrBase64);
  if (parseCache.size >= PARSE_CACHE_MAX) parseCache.clear();
  parseCache.set(pemOrBase64, parsed);
  return parsed;
}

function parseCertificateUncached(pemOrBase64: string): ParsedCertificate | CertificateError {
  const trimmed = pemOrBase64.trim();
  const der = trimmed.startsWith('-----BEGIN')
    ? pemToDer(trimmed, 'CERTIFICATE')
    : /^[A-Za-z0-9+/\s]*={0,2}$/.test(trimmed)
      ? Uint8Array.from(Buffer.from(trimmed.replace(/\s+/g, ''), 'base64'))
      : undefined;
  if (!der || der.length === 0) {
    return {
      error: {
        zh: '证书不是有效的 PEM（BEGIN CERTIFICATE）或 base64 DER',
        en: 'The certificate is not a PEM (BEGIN CERTIFICATE) or base64 DER certificate',
      },
    };
  }
  try {
    return parseCertificateDer(der);
  } catch (e) {
    if (e instanceof UnsupportedKey) {
      return {
        error: {
          zh: `证书公钥算法 ${e.message} 不受支持（仅 RSA 与 SM2）`,
          en: `Certificate public key algorithm ${e.message} is not supported (RSA or SM2 only)`,
        },
      };
    }
    if (
      e instanceof DerError ||
      e instanceof TypeError ||
      (e as { code?: string }).code?.startsWith('ERR_OSSL')
    ) {
      return {
        error: {
          zh: `证书 DER 结构无法解析：${(e as Error).message}`,
          en: `The certificate DER structure cannot be read: ${(e as Error).message}`,
        },
      };
    }
    throw e;
  }
}

export function describeCertificate(pem: string): CertificateDescription | CertificateError {
  const parsed = parseCertificate(pem);
  if ('error' in parsed) return parsed;
  const { serialNumber, subject, issuer, notBefore, notAfter, algorithm, fingerprintSha256Hex } = parsed;
  return { serialNumber, subject, issuer, notBefore, notAfter, algorithm, fingerprintSha256Hex };
}

export function certificateToPem(der: Uint8Array): string {
  return derToPem(der, 'CERTIFICATE');
}

// ---- private keys ----

export type SigningKey =
  | { readonly algorithm: 'rsa-sha1'; readonly key: KeyObject }
  | { readonly algorithm: 'sm2-sm3'; readonly d: bigint };

/** PKCS#8 (BEGIN PRIVATE KEY) RSA or SM2 key, or SEC1 (BEGIN EC PRIVATE KEY) SM2 key. */
export function parsePrivateKey(pem: string): SigningKey | undefined {
  const der = pemToDer(pem);
  if (!der) return undefined;
  try {
    const top = children(parseDer(der));
    if (pem.includes('BEGIN EC PRIVATE KEY')) return sm2FromEcPrivateKey(parseDer(der));
    const [, algId, keyOctets] = top;
    const [algOid] = children(expectTag(algId, 0x30, 'AlgorithmIdentifier'));
    const alg = decodeOid(expectTag(algOid, 0x06, 'OID'));
    if (alg === OID_RSA_ENCRYPTION) {
      return {
        algorithm: 'rsa-sha1',
        key: createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }),
      };
    }
    if (alg === OID_EC_PUBLIC_KEY || alg === OID_SM2_CURVE) {
      return sm2FromEcPrivateKey(parseDer(expectTag(keyOctets, 0x04, 'privateKey').value));
    }
    return undefined;
  } catch (e) {
    if (e instanceof DerError) return undefined;
    throw e;
  }
}

function sm2FromEcPrivateKey(ecPrivateKey: Der): SigningKey {
  const [, dOctets] = children(ecPrivateKey);
  return { algorithm: 'sm2-sm3', d: bytesToBigInt(expectTag(dOctets, 0x04, 'EC private key').value) };
}

function sm2Pkcs8(d: bigint): Uint8Array {
  const point = encodeSm2Point(sm2PublicKeyOf(d));
  return seq(
    integer(0n),
    seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE)),
    octets(seq(integer(1n), octets(bigIntToBytes(d, 32)), context(1, bitString(point)))),
  );
}

// ---- self-signed certificates ----

export interface SelfSignedInput {
  readonly algorithm: CebSignatureAlgorithm;
  readonly commonName: string;
  readonly organization?: string;
  readonly serialNumber: bigint;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Existing key (PKCS#8 PEM); a new one is generated when absent (RSA-2048 or SM2). */
  readonly privateKeyPem?: string;
}

export interface SelfSignedCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

function name(input: SelfSignedInput): Uint8Array {
  const rdns = [set(seq(oid('2.5.4.6'), tlv(0x13, Buffer.from('CN'))))];
  if (input.organization) rdns.push(set(seq(oid('2.5.4.10'), utf8(input.organization))));
  rdns.push(set(seq(oid('2.5.4.3'), utf8(input.commonName))));
  return seq(...rdns);
}

/** X.509 v3 self-signed certificate (basicConstraints CA:false, keyUsage digitalSignature+nonRepudiation). */
export function createSelfSignedCertificate(input: SelfSignedInput): SelfSignedCertificate {
  let privateKeyPem = input.privateKeyPem;
  let spki: Uint8Array;
  let signTbs: (tbs: Uint8Array) => Uint8Array;
  let sigAlg: Uint8Array;
  if (input.algorithm === 'rsa-sha1') {
    if (!privateKeyPem) {
      privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }) as string;
    }
    const key = createPrivateKey(privateKeyPem);
    spki = Uint8Array.from(createPublicKey(key).export({ type: 'spki', format: 'der' }));
    sigAlg = seq(oid(OID_SHA256_WITH_RSA), nul());
    signTbs = (tbs) => Uint8Array.from(sign('sha256', tbs, key));
  } else {
    let d: bigint;
    if (privateKeyPem) {
      const parsed = parsePrivateKey(privateKeyPem);
      if (parsed?.algorithm !== 'sm2-sm3') throw new TypeError('privateKeyPem is not an SM2 key');
      d = parsed.d;
    } else {
      d = generateSm2PrivateKey();
      privateKeyPem = derToPem(sm2Pkcs8(d), 'PRIVATE KEY');
    }
    spki = seq(seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE)), bitString(encodeSm2Point(sm2PublicKeyOf(d))));
    sigAlg = seq(oid(OID_SM2_WITH_SM3));
    signTbs = (tbs) => encodeSm2Signature(sm2Sign(tbs, d), 'der');
  }
  const subject = name(input);
  const extensions = context(
    3,
    seq(
      seq(oid('2.5.29.19'), tlv(0x01, Uint8Array.of(0xff)), octets(seq())),
      seq(oid('2.5.29.15'), tlv(0x01, Uint8Array.of(0xff)), octets(tlv(0x03, Uint8Array.of(6, 0xc0)))),
    ),
  );
  const tbs = seq(
    context(0, integer(2n)),
    integer(input.serialNumber),
    sigAlg,
    subject,
    seq(time(input.notBefore), time(input.notAfter)),
    subject,
    spki,
    extensions,
  );
  const der = seq(tbs, sigAlg, bitString(signTbs(tbs)));
  return { certificatePem: certificateToPem(der), privateKeyPem };
}
