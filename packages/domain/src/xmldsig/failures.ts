/**
 * Signature failure reasons and the spec's codes (§7 table 7-2). The spec has one "验签失败" code per
 * message family (-621029 inventories and the other import declarations, -623029 cancels, -625208
 * refunds, -800001 "校验不通过" for warehouse entries), a "签名信息为空" code for a missing signature
 * (-621026 / -623017 / -625028) and, for
 * inventories, "加签数据比对失败" (-621028) for signed data that does not match the message: the digest
 * mismatch. Texts start with the spec's wording and then say precisely what failed.
 */
/**
 * The signature check's verdict on one message, as the intake reports it (receipt, conformance
 * report) and the console shows it: passed, or failed with the spec's code, the reason in both
 * languages and the details (SignatureFailureDetails) of what failed.
 */
export type SignatureVerdict =
  | { readonly ok: true; readonly details?: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly code: string;
      readonly zh: string;
      readonly en: string;
      readonly details?: Record<string, unknown>;
    };

export type SignatureFailureReason =
  | 'signature_missing'
  | 'malformed_signature'
  | 'unsupported_algorithm'
  | 'certificate_unknown'
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | 'certificate_revoked'
  | 'digest_mismatch'
  | 'signature_mismatch';

export interface SignatureFailureDetails {
  algorithm?: string;
  digestAlgorithm?: string;
  certificateSerial?: string;
  keyName?: string;
  expectedDigestBase64?: string;
  computedDigestBase64?: string;
  /** SHA-256 of the canonicalised SignedInfo (signature_mismatch) or referenced octets (digest_mismatch). */
  canonicalSha256Hex?: string;
}

type Bilingual = { readonly zh: string; readonly en: string };

/** Each failure reason in words, for screens (the verdict carries the reason itself). */
export const SIGNATURE_FAILURE_REASON_NAMES: Readonly<Record<SignatureFailureReason, Bilingual>> = {
  signature_missing: { zh: '缺少签名', en: 'no signature' },
  malformed_signature: { zh: '签名结构不正确', en: 'malformed signature' },
  unsupported_algorithm: { zh: '不支持的算法', en: 'unsupported algorithm' },
  certificate_unknown: { zh: '证书未在主体库登记', en: 'certificate not registered' },
  certificate_expired: { zh: '证书已过期', en: 'certificate expired' },
  certificate_not_yet_valid: { zh: '证书尚未生效', en: 'certificate not yet valid' },
  certificate_revoked: { zh: '证书已吊销', en: 'certificate revoked' },
  digest_mismatch: {
    zh: '摘要值不符：签名后报文内容被改动',
    en: 'digest mismatch: the content changed after signing',
  },
  signature_mismatch: { zh: '签名值与证书公钥不符', en: 'signature value does not match the certificate' },
};

/**
 * The name of each detail of a signature check, for screens: the failure details above, the reason,
 * and the certificate a valid signature was checked against.
 */
export const SIGNATURE_DETAIL_NAMES: Readonly<
  Record<keyof SignatureFailureDetails | 'reason' | 'certificateId', Bilingual>
> = {
  reason: { zh: '原因', en: 'reason' },
  algorithm: { zh: '签名算法', en: 'signature algorithm' },
  digestAlgorithm: { zh: '摘要算法', en: 'digest algorithm' },
  keyName: { zh: '密钥名称（KeyName）', en: 'key name (KeyName)' },
  certificateSerial: { zh: '证书序列号', en: 'certificate serial' },
  certificateId: { zh: '登记的证书', en: 'registered certificate' },
  expectedDigestBase64: { zh: '报文中的摘要值', en: 'DigestValue in the message' },
  computedDigestBase64: { zh: '按报文重新计算的摘要值', en: 'digest recomputed from the message' },
  canonicalSha256Hex: { zh: '规范化字节的 SHA-256', en: 'SHA-256 of the canonicalised bytes' },
};

interface CodeFamily {
  readonly missing: string;
  readonly digest: string;
  readonly failed: string;
  readonly failedZh: string;
}

const INVENTORY: CodeFamily = {
  missing: '-621026',
  digest: '-621028',
  failed: '-621029',
  failedZh: '验签失败！',
};
const CANCEL: CodeFamily = {
  missing: '-623017',
  digest: '-623029',
  failed: '-623029',
  failedZh: '验签失败！',
};
/** Warehouse entries (CEB711): the spec's own family has one "校验不通过" code for every check. */
const DELIVERY: CodeFamily = {
  missing: '-800001',
  digest: '-800001',
  failed: '-800001',
  failedZh: '校验不通过，验签失败！',
};
const REFUND: CodeFamily = {
  missing: '-625028',
  digest: '-625208',
  failed: '-625208',
  failedZh: '验签失败！',
};

function familyOf(messageType: string): CodeFamily {
  if (messageType.startsWith('CEB623')) return CANCEL;
  if (messageType.startsWith('CEB625')) return REFUND;
  if (messageType.startsWith('CEB711')) return DELIVERY;
  // Orders, payments and waybills have no signature code of their own in the spec: the
  // declaration family's -621xxx, which the receipt's text then explains.
  return INVENTORY;
}

export function signatureFailureCode(messageType: string, reason: SignatureFailureReason): string {
  const family = familyOf(messageType);
  if (reason === 'signature_missing') return family.missing;
  if (reason === 'digest_mismatch') return family.digest;
  return family.failed;
}

export function signatureFailureZhPrefix(messageType: string, reason: SignatureFailureReason): string {
  if (reason === 'signature_missing') return '保存签名信息发生错误,签名信息为空！';
  if (reason === 'digest_mismatch' && familyOf(messageType) === INVENTORY) return '加签数据比对失败！';
  return familyOf(messageType).failedZh;
}
