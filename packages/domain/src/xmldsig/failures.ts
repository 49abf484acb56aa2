/**
 * Signature failure reasons and the spec's codes (§7 table 7-2). The spec has one "验签失败" code per
 * message family (-621029 inventories and the other import declarations, -623029 cancels, -625208
 * refunds, -800001 "校验不通过" for warehouse entries), a "签名信息为空" code for a missing signature
 * (-621026 / -623017 / -625028) and, for
 * inventories, "加签数据比对失败" (-621028) for signed data that does not match the message: the digest
 * mismatch. Texts start with the spec's wording and then say precisely what failed.
 */
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
