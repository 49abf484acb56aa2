/**
 * Verifying the enveloped signature of a CEB message against the certificates its sender registered,
 * with a precise reason on failure (what enterprises need when they connect: "验签失败" alone is not
 * enough). Order: signature present and well-formed → algorithms supported → certificate known and
 * valid at `at` → reference digest → signature value.
 */
import { createHash, verify as rsaVerify } from 'node:crypto';
import type { CebSignatureAlgorithm } from './algorithms';
import type { ParsedCertificate } from './certificates';
import { parseCertificate } from './certificates';
import type { XDocument, XElement } from './dom';
import { readXmlDocument } from './dom';
import type { SignatureFailureDetails, SignatureFailureReason } from './failures';
import { signatureFailureCode, signatureFailureZhPrefix } from './failures';
import type { ResolvedAlgorithms, SignatureElement } from './signature-element';
import {
  canonicalSignedInfo,
  digestBytes,
  findSignatures,
  readSignatureElement,
  referencedOctets,
  resolveAlgorithms,
} from './signature-element';
import { decodeSm2Signature, sm2Verify } from './sm2';

export interface RegisteredCertificate {
  readonly id: string;
  readonly partyId: string;
  readonly pem: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly algorithm: CebSignatureAlgorithm;
  readonly revokedAt?: Date;
}

export type SignatureCheck =
  | { readonly ok: true; readonly certificateId: string; readonly algorithm: CebSignatureAlgorithm }
  | {
      readonly ok: false;
      readonly reason: SignatureFailureReason;
      readonly code: string;
      readonly zh: string;
      readonly en: string;
      readonly details: SignatureFailureDetails;
    };

export interface VerifyCebSignatureInput {
  readonly xml: string;
  readonly certificates: readonly RegisteredCertificate[];
  readonly at: Date;
}

type Failure = Extract<SignatureCheck, { ok: false }>;

/** Serial numbers compared as hex integers (KeyName "0001" = serial 1); decimal X509SerialNumber too. */
function normaliseSerial(value: string, radix: 16 | 10 = 16): string | undefined {
  const v = value.trim().replace(/^0x/i, '').replace(/:/g, '');
  if (radix === 16 && /^[0-9A-Fa-f]+$/.test(v)) return BigInt(`0x${v}`).toString(16);
  if (radix === 10 && /^[0-9]+$/.test(v)) return BigInt(v).toString(16);
  return undefined;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Candidate {
  readonly registered: RegisteredCertificate;
  readonly parsed: ParsedCertificate;
}

/**
 * Checks the enveloped signature of one CEB message (the decoded XML text, as the CEB parser read it)
 * against the sender's registered certificates at time `at`. Never throws on bad input: every
 * problem is a failure with its reason, the spec code for the message family and diagnostics.
 */
export function verifyCebSignature(input: VerifyCebSignatureInput): SignatureCheck {
  const read = readXmlDocument(input.xml);
  const messageType = read.ok ? read.doc.root.local : '';
  const fail = (
    reason: SignatureFailureReason,
    zh: string,
    en: string,
    details: SignatureFailureDetails = {},
  ): Failure => ({
    ok: false,
    reason,
    code: signatureFailureCode(messageType, reason),
    zh: `${signatureFailureZhPrefix(messageType, reason)}${zh}`,
    en,
    details,
  });
  if (!read.ok) {
    return fail(
      'malformed_signature',
      `报文不是格式正确的 XML：${read.error}`,
      `The message is not well-formed XML: ${read.error}`,
    );
  }
  const sig = locateSignature(read.doc, fail);
  if ('ok' in sig) return sig;
  const hints: SignatureFailureDetails = sig.keyName !== undefined ? { keyName: sig.keyName } : {};
  const algorithms = resolveAlgorithms(sig);
  if ('unsupported' in algorithms) {
    return fail(
      'unsupported_algorithm',
      `不支持的算法 ${algorithms.unsupported}="${algorithms.uri}"（规范 6.2：sm2-sm3/sm3 或 rsa-sha1/sha1，C14N）`,
      `Unsupported ${algorithms.unsupported} "${algorithms.uri}" (spec 6.2 allows sm2-sm3 with sm3, or rsa-sha1 with sha1, canonicalised with C14N)`,
      { ...hints, algorithm: sig.signatureMethodUri, digestAlgorithm: sig.digestMethodUri },
    );
  }
  const base: SignatureFailureDetails = {
    ...hints,
    algorithm: algorithms.signature,
    digestAlgorithm: algorithms.digest,
  };
  const picked = pickCertificates(sig, algorithms.signature, input, base, fail);
  if ('failure' in picked) return picked.failure;
  const details = { ...base, certificateSerial: (picked.usable[0] as Candidate).parsed.serialNumber };
  return (
    checkDigest(read.doc, sig, algorithms, details, fail) ??
    checkValue(sig, algorithms, picked.usable, details, fail)
  );
}

/** The one ds:Signature under the root, read; or why there is none usable. */
function locateSignature(doc: XDocument, fail: Fail): SignatureElement | Failure {
  const found = findSignatures(doc);
  if (found.length === 0) {
    return fail(
      'signature_missing',
      '报文根节点下没有 ds:Signature 节点',
      'The message has no ds:Signature element under its root',
    );
  }
  if (found.length > 1) {
    return fail(
      'malformed_signature',
      `报文根节点下有 ${found.length} 个 ds:Signature 节点`,
      `The message has ${found.length} ds:Signature elements; exactly one is expected`,
    );
  }
  const sig = readSignatureElement(found[0] as XElement);
  if ('malformed' in sig) {
    return fail(
      'malformed_signature',
      `签名节点结构错误：${sig.malformed}`,
      `The signature is malformed: ${sig.malformed}`,
    );
  }
  return sig;
}

function checkDigest(
  doc: XDocument,
  sig: SignatureElement,
  algorithms: ResolvedAlgorithms,
  details: SignatureFailureDetails,
  fail: Fail,
): Failure | undefined {
  const octets = referencedOctets(doc, sig, algorithms);
  if ('malformed' in octets) {
    return fail(
      'malformed_signature',
      `签名引用错误：${octets.malformed}`,
      `The signature reference is wrong: ${octets.malformed}`,
      details,
    );
  }
  const computed = b64(digestBytes(algorithms.digest, octets));
  if (computed === sig.digestValueBase64) return undefined;
  return fail(
    'digest_mismatch',
    `摘要值不符：报文内容与签名时不一致（DigestValue ${sig.digestValueBase64}，按 ${algorithms.digest} 重新计算为 ${computed}）`,
    `Digest mismatch: the message content differs from what was signed (DigestValue ${sig.digestValueBase64}, recomputed with ${algorithms.digest}: ${computed})`,
    {
      ...details,
      expectedDigestBase64: sig.digestValueBase64,
      computedDigestBase64: computed,
      canonicalSha256Hex: sha256Hex(octets),
    },
  );
}

function checkValue(
  sig: SignatureElement,
  algorithms: ResolvedAlgorithms,
  usable: readonly Candidate[],
  details: SignatureFailureDetails,
  fail: Fail,
): SignatureCheck {
  const signedInfo = canonicalSignedInfo(sig, algorithms);
  for (const c of usable) {
    if (checkSignatureValue(algorithms.signature, signedInfo, sig.signatureValue, c.parsed)) {
      return { ok: true, certificateId: c.registered.id, algorithm: algorithms.signature };
    }
  }
  const serials = usable.map((c) => c.parsed.serialNumber).join('/');
  return fail(
    'signature_mismatch',
    `签名值不符：SignatureValue 不能用证书 ${serials} 的公钥验证通过（规范化 SignedInfo 的 SHA-256 见详情）`,
    `Signature value mismatch: SignatureValue does not verify with the public key of certificate ${serials} (SHA-256 of the canonical SignedInfo in the details)`,
    { ...details, canonicalSha256Hex: sha256Hex(signedInfo) },
  );
}

function checkSignatureValue(
  algorithm: CebSignatureAlgorithm,
  signedInfo: Uint8Array,
  value: Uint8Array,
  cert: ParsedCertificate,
): boolean {
  const key = cert.publicKey;
  if (algorithm === 'rsa-sha1') {
    return key.algorithm === 'rsa-sha1' && rsaVerify('sha1', signedInfo, key.key, value);
  }
  if (key.algorithm !== 'sm2-sm3') return false;
  const decoded = decodeSm2Signature(value);
  return decoded !== undefined && sm2Verify(signedInfo, decoded, key.point);
}

type Fail = (
  reason: SignatureFailureReason,
  zh: string,
  en: string,
  details?: SignatureFailureDetails,
) => Failure;

function pickCertificates(
  sig: SignatureElement,
  algorithm: CebSignatureAlgorithm,
  input: VerifyCebSignatureInput,
  base: SignatureFailureDetails,
  fail: Fail,
): { usable: Candidate[] } | { failure: Failure } {
  const registered: Candidate[] = [];
  for (const r of input.certificates) {
    const parsed = parseCertificate(r.pem);
    if (!('error' in parsed)) registered.push({ registered: r, parsed });
  }
  let candidates = registered;
  if (sig.x509Certificate !== undefined) {
    const embedded = parseCertificate(sig.x509Certificate);
    if ('error' in embedded) {
      return {
        failure: fail(
          'malformed_signature',
          `ds:X509Certificate 无法解析：${embedded.error.zh}`,
          `ds:X509Certificate cannot be read: ${embedded.error.en}`,
          base,
        ),
      };
    }
    candidates = registered.filter((c) => c.parsed.fingerprintSha256Hex === embedded.fingerprintSha256Hex);
    if (candidates.length === 0) {
      return {
        failure: fail(
          'certificate_unknown',
          `报文携带的证书（序列号 ${embedded.serialNumber}，${embedded.subject}）未在本平台为发送企业登记`,
          `The certificate in the message (serial ${embedded.serialNumber}, ${embedded.subject}) is not registered for the sending enterprise`,
          { ...base, certificateSerial: embedded.serialNumber },
        ),
      };
    }
  } else {
    const hint =
      (sig.x509SerialNumber !== undefined ? normaliseSerial(sig.x509SerialNumber, 10) : undefined) ??
      (sig.keyName !== undefined ? normaliseSerial(sig.keyName) : undefined);
    const bySerial =
      hint === undefined ? [] : registered.filter((c) => normaliseSerial(c.parsed.serialNumber) === hint);
    // KeyName is only a hint (the spec's example "0001" is a label): fall back to every certificate.
    if (bySerial.length > 0) candidates = bySerial;
  }
  if (candidates.length === 0) {
    return {
      failure: fail(
        'certificate_unknown',
        '发送企业没有登记签名证书',
        'The sending enterprise has no registered signing certificate',
        base,
      ),
    };
  }
  const sameAlgorithm = candidates.filter((c) => c.parsed.algorithm === algorithm);
  if (sameAlgorithm.length === 0) {
    const have = [...new Set(candidates.map((c) => c.parsed.algorithm))].join('/');
    return {
      failure: fail(
        'certificate_unknown',
        `报文使用 ${algorithm} 签名，但发送企业登记的证书是 ${have} 证书`,
        `The message is signed with ${algorithm} but the sender's registered certificate(s) are ${have}`,
        { ...base, certificateSerial: (candidates[0] as Candidate).parsed.serialNumber },
      ),
    };
  }
  const at = input.at.getTime();
  const usable = sameAlgorithm.filter(
    (c) =>
      (c.registered.revokedAt === undefined || c.registered.revokedAt.getTime() > at) &&
      c.registered.notBefore.getTime() <= at &&
      c.registered.notAfter.getTime() >= at,
  );
  if (usable.length > 0) return { usable };
  const c = sameAlgorithm[0] as Candidate;
  const serial = c.parsed.serialNumber;
  const details = { ...base, certificateSerial: serial };
  const day = (d: Date) => d.toISOString();
  if (c.registered.revokedAt !== undefined && c.registered.revokedAt.getTime() <= at) {
    return {
      failure: fail(
        'certificate_revoked',
        `签名证书 ${serial} 已于 ${day(c.registered.revokedAt)} 注销`,
        `Signing certificate ${serial} was revoked at ${day(c.registered.revokedAt)}`,
        details,
      ),
    };
  }
  if (c.registered.notAfter.getTime() < at) {
    return {
      failure: fail(
        'certificate_expired',
        `签名证书 ${serial} 已于 ${day(c.registered.notAfter)} 过期`,
        `Signing certificate ${serial} expired at ${day(c.registered.notAfter)}`,
        details,
      ),
    };
  }
  return {
    failure: fail(
      'certificate_not_yet_valid',
      `签名证书 ${serial} 自 ${day(c.registered.notBefore)} 起才生效`,
      `Signing certificate ${serial} is not valid before ${day(c.registered.notBefore)}`,
      details,
    ),
  };
}
