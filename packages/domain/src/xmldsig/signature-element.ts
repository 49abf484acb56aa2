/**
 * Reading an enveloped ds:Signature (spec §6.2) out of a parsed document, and computing what it
 * commits to: the reference digest over the transformed document and the canonical SignedInfo.
 */
import { createHash } from 'node:crypto';
import type { C14nMethod, CebDigestAlgorithm, CebSignatureAlgorithm } from './algorithms';
import {
  C14N_METHODS,
  DIGEST_METHODS,
  ENVELOPED_SIGNATURE_URI,
  SIGNATURE_METHODS,
  XMLDSIG_NS,
} from './algorithms';
import type { C14nOptions } from './c14n';
import { canonicalizeDocument, canonicalizeElement } from './c14n';
import type { XDocument, XElement } from './dom';
import { sm3 } from './sm3';

export interface SignatureElement {
  readonly element: XElement;
  readonly signedInfo: XElement;
  readonly c14nUri: string;
  readonly signatureMethodUri: string;
  readonly referenceUri: string;
  readonly transformUris: readonly string[];
  readonly inclusivePrefixes: readonly string[];
  readonly digestMethodUri: string;
  readonly digestValueBase64: string;
  readonly signatureValue: Uint8Array;
  readonly keyName?: string;
  readonly x509Certificate?: string;
  readonly x509SerialNumber?: string;
}

export type Malformed = { readonly malformed: string };
export type Unsupported = { readonly unsupported: string; readonly uri: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function elementsOf(el: XElement): XElement[] {
  return el.children.filter((c): c is XElement => c.kind === 'element');
}

function dsChild(el: XElement | undefined, local: string): XElement | undefined {
  return el ? elementsOf(el).find((c) => c.ns === XMLDSIG_NS && c.local === local) : undefined;
}

function dsChildren(el: XElement | undefined, local: string): XElement[] {
  return el ? elementsOf(el).filter((c) => c.ns === XMLDSIG_NS && c.local === local) : [];
}

export function textOf(el: XElement): string {
  let out = '';
  for (const c of el.children) if (c.kind === 'text') out += c.value;
  return out;
}

function attr(el: XElement | undefined, local: string): string | undefined {
  return el?.attributes.find((a) => a.ns === '' && a.local === local)?.value;
}

/** The ds:Signature children of the root (the enveloped signature of a CEB message). */
export function findSignatures(doc: XDocument): XElement[] {
  return elementsOf(doc.root).filter((c) => c.ns === XMLDSIG_NS && c.local === 'Signature');
}

export function readSignatureElement(element: XElement): SignatureElement | Malformed {
  const signedInfo = dsChild(element, 'SignedInfo');
  if (!signedInfo) return { malformed: 'ds:SignedInfo is missing' };
  const c14nUri = attr(dsChild(signedInfo, 'CanonicalizationMethod'), 'Algorithm');
  if (c14nUri === undefined) return { malformed: 'ds:CanonicalizationMethod/@Algorithm is missing' };
  const signatureMethodUri = attr(dsChild(signedInfo, 'SignatureMethod'), 'Algorithm');
  if (signatureMethodUri === undefined) return { malformed: 'ds:SignatureMethod/@Algorithm is missing' };
  const references = dsChildren(signedInfo, 'Reference');
  if (references.length !== 1)
    return { malformed: `expected exactly one ds:Reference, found ${references.length}` };
  const reference = references[0] as XElement;
  const transforms = dsChildren(dsChild(reference, 'Transforms'), 'Transform');
  const transformUris: string[] = [];
  const inclusivePrefixes: string[] = [];
  for (const t of transforms) {
    const uri = attr(t, 'Algorithm');
    if (uri === undefined) return { malformed: 'ds:Transform/@Algorithm is missing' };
    transformUris.push(uri);
    const incl = elementsOf(t).find((c) => c.local === 'InclusiveNamespaces');
    const list = attr(incl, 'PrefixList');
    if (list) inclusivePrefixes.push(...list.split(/\s+/).filter((p) => p !== ''));
  }
  const digestMethodUri = attr(dsChild(reference, 'DigestMethod'), 'Algorithm');
  if (digestMethodUri === undefined) return { malformed: 'ds:DigestMethod/@Algorithm is missing' };
  const digestEl = dsChild(reference, 'DigestValue');
  if (!digestEl) return { malformed: 'ds:DigestValue is missing' };
  const digestValueBase64 = textOf(digestEl).replace(/\s+/g, '');
  if (digestValueBase64 === '' || !BASE64.test(digestValueBase64))
    return { malformed: 'ds:DigestValue is not base64' };
  const sigEl = dsChild(element, 'SignatureValue');
  if (!sigEl) return { malformed: 'ds:SignatureValue is missing' };
  const sigText = textOf(sigEl).replace(/\s+/g, '');
  if (sigText === '' || !BASE64.test(sigText)) return { malformed: 'ds:SignatureValue is not base64' };
  const keyInfo = dsChild(element, 'KeyInfo');
  const keyNameEl = dsChild(keyInfo, 'KeyName');
  const x509Data = dsChild(keyInfo, 'X509Data');
  const certEl = dsChild(x509Data, 'X509Certificate');
  const serialEl = dsChild(dsChild(x509Data, 'X509IssuerSerial'), 'X509SerialNumber');
  return {
    element,
    signedInfo,
    c14nUri,
    signatureMethodUri,
    referenceUri: attr(reference, 'URI') ?? '',
    transformUris,
    inclusivePrefixes,
    digestMethodUri,
    digestValueBase64,
    signatureValue: Uint8Array.from(Buffer.from(sigText, 'base64')),
    ...(keyNameEl ? { keyName: textOf(keyNameEl).trim() } : {}),
    ...(certEl ? { x509Certificate: textOf(certEl).replace(/\s+/g, '') } : {}),
    ...(serialEl ? { x509SerialNumber: textOf(serialEl).trim() } : {}),
  };
}

export interface ResolvedAlgorithms {
  readonly c14n: C14nMethod;
  readonly signature: CebSignatureAlgorithm;
  readonly digest: CebDigestAlgorithm;
  readonly referenceC14n: C14nMethod;
}

export function resolveAlgorithms(sig: SignatureElement): ResolvedAlgorithms | Unsupported {
  const c14n = C14N_METHODS[sig.c14nUri];
  if (!c14n) return { unsupported: 'CanonicalizationMethod', uri: sig.c14nUri };
  const signature = SIGNATURE_METHODS[sig.signatureMethodUri];
  if (!signature) return { unsupported: 'SignatureMethod', uri: sig.signatureMethodUri };
  const digest = DIGEST_METHODS[sig.digestMethodUri];
  if (!digest) return { unsupported: 'DigestMethod', uri: sig.digestMethodUri };
  // Without a C14N transform the node-set is converted with inclusive C14N (XMLDSig §4.3.3.2).
  let referenceC14n: C14nMethod = { exclusive: false, withComments: false };
  for (const uri of sig.transformUris) {
    if (uri === ENVELOPED_SIGNATURE_URI) continue;
    const method = C14N_METHODS[uri];
    if (!method) return { unsupported: 'Transform', uri };
    referenceC14n = method;
  }
  return { c14n, signature, digest, referenceC14n };
}

export function digestBytes(algorithm: CebDigestAlgorithm, data: Uint8Array): Uint8Array {
  return algorithm === 'sm3' ? sm3(data) : Uint8Array.from(createHash('sha1').update(data).digest());
}

const ID_ATTRIBUTES = ['Id', 'ID', 'id'];

function findById(root: XElement, id: string): XElement[] {
  const found: XElement[] = [];
  const stack: XElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as XElement;
    if (el.attributes.some((a) => a.ns === '' && ID_ATTRIBUTES.includes(a.local) && a.value === id))
      found.push(el);
    stack.push(...elementsOf(el));
  }
  return found;
}

/** The octets the reference digests: the dereferenced URI, transformed, canonicalised (UTF-8). */
export function referencedOctets(
  doc: XDocument,
  sig: SignatureElement,
  algorithms: ResolvedAlgorithms,
): Uint8Array | Malformed {
  const enveloped = sig.transformUris.includes(ENVELOPED_SIGNATURE_URI);
  const options: C14nOptions = {
    exclusive: algorithms.referenceC14n.exclusive,
    // Same-document URIs ("" and "#id") drop comments (XMLDSig §4.3.3.3).
    withComments: false,
    inclusivePrefixes: sig.inclusivePrefixes,
    ...(enveloped ? { exclude: sig.element } : {}),
  };
  if (sig.referenceUri === '') return Buffer.from(canonicalizeDocument(doc, options), 'utf8');
  if (!sig.referenceUri.startsWith('#'))
    return { malformed: `ds:Reference/@URI "${sig.referenceUri}" is not a same-document reference` };
  const targets = findById(doc.root, sig.referenceUri.slice(1));
  if (targets.length !== 1)
    return { malformed: `ds:Reference/@URI "${sig.referenceUri}" matches ${targets.length} elements` };
  return Buffer.from(canonicalizeElement(targets[0] as XElement, options), 'utf8');
}

export function canonicalSignedInfo(sig: SignatureElement, algorithms: ResolvedAlgorithms): Uint8Array {
  return Buffer.from(
    canonicalizeElement(sig.signedInfo, {
      exclusive: algorithms.c14n.exclusive,
      withComments: algorithms.c14n.withComments,
    }),
    'utf8',
  );
}
