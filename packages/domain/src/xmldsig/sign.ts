/**
 * Signing a CEB message with an enveloped signature laid out as spec §6 shows it: inclusive C14N,
 * one Reference URI="" with the enveloped-signature transform, KeyName + X509Certificate in KeyInfo.
 * Used by the demo traffic and by tests; enterprises sign with their own crypto device.
 */
import { sign as rsaSign } from 'node:crypto';
import type { CebSignatureAlgorithm } from './algorithms';
import {
  C14N_URI,
  DIGEST_FOR,
  DIGEST_METHOD_URI,
  ENVELOPED_SIGNATURE_URI,
  SIGNATURE_METHOD_URI,
  XMLDSIG_NS,
} from './algorithms';
import { parseCertificate, parsePrivateKey } from './certificates';
import { pemToDer } from './der';
import type { XElement } from './dom';
import { readXmlDocument } from './dom';
import {
  canonicalSignedInfo,
  digestBytes,
  findSignatures,
  readSignatureElement,
  referencedOctets,
  resolveAlgorithms,
} from './signature-element';
import { encodeSm2Signature, sm2Sign } from './sm2';

export interface SignCebXmlInput {
  readonly xml: string;
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  readonly algorithm: CebSignatureAlgorithm;
  /** SM2 SignatureValue form; 64-byte r||s by default (DER SEQUENCE{r,s} is also accepted on verify). */
  readonly sm2SignatureForm?: 'raw' | 'der';
}

const SIGNATURE_VALUE_PLACEHOLDER = '\u0000SIGNATURE_VALUE\u0000';

function signatureTemplate(
  algorithm: CebSignatureAlgorithm,
  digestBase64: string,
  keyName: string,
  certBase64: string,
): string {
  return (
    `<ds:Signature xmlns:ds="${XMLDSIG_NS}">` +
    '<ds:SignedInfo>' +
    `<ds:CanonicalizationMethod Algorithm="${C14N_URI}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${SIGNATURE_METHOD_URI[algorithm]}"></ds:SignatureMethod>` +
    '<ds:Reference URI="">' +
    `<ds:Transforms><ds:Transform Algorithm="${ENVELOPED_SIGNATURE_URI}"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${DIGEST_METHOD_URI[DIGEST_FOR[algorithm]]}"></ds:DigestMethod>` +
    `<ds:DigestValue>${digestBase64}</ds:DigestValue>` +
    '</ds:Reference>' +
    '</ds:SignedInfo>' +
    `<ds:SignatureValue>${SIGNATURE_VALUE_PLACEHOLDER}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:KeyName>${keyName}</ds:KeyName><ds:X509Data><ds:X509Certificate>${certBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    '</ds:Signature>'
  );
}

function must<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new TypeError(message);
  return value;
}

/**
 * Returns the message with its ds:Signature replaced (or added as the root's last child). Line ends come
 * back normalised to \n. Throws TypeError on a programmer error (bad key, certificate or XML).
 */
export function signCebXml(input: SignCebXmlInput): string {
  const read = readXmlDocument(input.xml);
  if (!read.ok) throw new TypeError(`signCebXml: the XML is not well-formed: ${read.error}`);
  const key = must(parsePrivateKey(input.privateKeyPem), 'signCebXml: unreadable private key');
  if (key.algorithm !== input.algorithm)
    throw new TypeError(`signCebXml: the key is ${key.algorithm}, not ${input.algorithm}`);
  const cert = parseCertificate(input.certificatePem);
  if ('error' in cert) throw new TypeError(`signCebXml: ${cert.error.en}`);
  const certDer = must(pemToDer(input.certificatePem, 'CERTIFICATE'), 'signCebXml: certificate PEM');

  const { source, root } = read.doc;
  const existing = findSignatures(read.doc);
  const closeTag = `</${root.qname}>`;
  let before: string;
  let after: string;
  if (existing.length > 0) {
    const first = existing[0] as XElement;
    const last = existing[existing.length - 1] as XElement;
    before = source.slice(0, first.start);
    after = source.slice(last.end);
  } else {
    const at = root.end - closeTag.length;
    if (source.slice(at, root.end) !== closeTag) throw new TypeError('signCebXml: the root element is empty');
    // Pretty-printed message (end tag on its own line): the signature gets a line of its own.
    const indent = /\n([ \t]*)$/.exec(source.slice(0, at))?.[1];
    before = `${source.slice(0, at)}${indent !== undefined ? '  ' : ''}`;
    after = `${indent !== undefined ? `\n${indent}` : ''}${source.slice(at)}`;
  }

  // Pass 1: the digest over the document with the signature in place (the transform removes it).
  const withDigest = (digest: string) =>
    `${before}${signatureTemplate(input.algorithm, digest, cert.serialNumber, Buffer.from(certDer).toString('base64'))}${after}`;
  const draft = readXmlDocument(withDigest('AA==').replace(SIGNATURE_VALUE_PLACEHOLDER, 'AA=='));
  if (!draft.ok) throw new TypeError(`signCebXml: ${draft.error}`);
  const draftSig = readSignatureElement(findSignatures(draft.doc)[0] as XElement);
  if ('malformed' in draftSig) throw new TypeError(draftSig.malformed);
  const algorithms = resolveAlgorithms(draftSig);
  if ('unsupported' in algorithms) throw new TypeError(algorithms.uri);
  const octets = referencedOctets(draft.doc, draftSig, algorithms);
  if ('malformed' in octets) throw new TypeError(octets.malformed);
  const digest = Buffer.from(digestBytes(algorithms.digest, octets)).toString('base64');

  // Pass 2: SignedInfo canonicalised in its final context (it inherits the root's namespaces).
  const signedXml = withDigest(digest);
  const final = readXmlDocument(signedXml.replace(SIGNATURE_VALUE_PLACEHOLDER, 'AA=='));
  if (!final.ok) throw new TypeError(`signCebXml: ${final.error}`);
  const finalSig = readSignatureElement(findSignatures(final.doc)[0] as XElement);
  if ('malformed' in finalSig) throw new TypeError(finalSig.malformed);
  const signedInfo = canonicalSignedInfo(finalSig, algorithms);
  const value =
    key.algorithm === 'rsa-sha1'
      ? rsaSign('sha1', signedInfo, key.key)
      : encodeSm2Signature(sm2Sign(signedInfo, key.d), input.sm2SignatureForm ?? 'raw');
  return signedXml.replace(SIGNATURE_VALUE_PLACEHOLDER, Buffer.from(value).toString('base64'));
}
