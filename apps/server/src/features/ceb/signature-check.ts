/**
 * The signature policy of the intake (spec §6): a declared message (appStatus 2) carries an enveloped
 * signature, verified against the certificates its sender registered in the parties registry.
 * `required`: missing or bad signatures refuse the message; `verify-if-present`: a signature that is
 * there must verify; `off`: not checked. The verdict carries verifyCebSignature's precise details.
 */
import { signatureFailureCode, verifyCebSignature } from '@kouan/domain/xmldsig';
import type { SignatureVerdict } from '@kouan/domain/xmldsig/failures';
import type { CebSignaturePolicy } from '../../config/config';
import type { Store } from '../../db/store';
import { findSigningCertificates } from '../parties';
import type { DecodedMessage } from './decode-message';
import type { SignatureCheck } from './submit-messages';

const DXP_DATA = /<(?:[A-Za-z0-9_]+:)?Data>\s*([A-Za-z0-9+/=\s]+?)\s*<\/(?:[A-Za-z0-9_]+:)?Data>/;

/** The business XML as text: the body itself, or the base64 Data of a DxpMsg envelope. */
function businessXml(decoded: DecodedMessage, body: Uint8Array): string | null {
  if (decoded.format === 'json') return null;
  const encoding = (decoded.encoding ?? 'utf-8').toLowerCase();
  const decode = (bytes: Uint8Array) =>
    new TextDecoder(encoding === 'gb2312' ? 'gbk' : encoding).decode(bytes);
  if (!decoded.envelope) return decode(body);
  const match = DXP_DATA.exec(new TextDecoder('utf-8').decode(body));
  return match?.[1] ? decode(Buffer.from(match[1].replace(/\s+/g, ''), 'base64')) : null;
}

function declared(decoded: DecodedMessage): boolean {
  return decoded.view.units.some((u) => String((u.head as { appStatus?: unknown }).appStatus) === '2');
}

export function createSignatureCheck(
  deps: { store: Store },
  policy: CebSignaturePolicy,
): SignatureCheck | undefined {
  if (policy === 'off') return undefined;
  return async ({ decoded, body, senderPartyId, at, asDeclared }): Promise<SignatureVerdict> => {
    // A message that declares nothing (every unit saved, appStatus 1) is not checked: the spec asks
    // for the signature of a declaration ("填写2时,Signature节点必须填写"). A conformance check
    // checks it as if declared.
    if (!asDeclared && !declared(decoded)) return { ok: true, details: { checked: false } };
    const present = decoded.view.signature !== undefined;
    if (!present && policy === 'verify-if-present') return { ok: true, details: { checked: false } };
    const xml = businessXml(decoded, body);
    if (xml === null) {
      return {
        ok: false,
        code: signatureFailureCode(decoded.view.type, 'signature_missing'),
        zh: '签名信息为空：JSON 报文无法携带 XML 签名，已申报（appStatus=2）的报文须以 XML 提交',
        en: 'no signature: a JSON body cannot carry an XML signature; declared messages (appStatus 2) must be sent as XML',
        details: { reason: 'signature_missing' },
      };
    }
    const certificates = senderPartyId ? await findSigningCertificates(deps, [senderPartyId]) : [];
    const check = verifyCebSignature({ xml, certificates, at });
    if (check.ok)
      return { ok: true, details: { certificateId: check.certificateId, algorithm: check.algorithm } };
    return {
      ok: false,
      code: check.code,
      zh: check.zh,
      en: check.en,
      details: { reason: check.reason, ...check.details },
    };
  };
}
