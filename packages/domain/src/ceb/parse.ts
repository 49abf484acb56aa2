/**
 * Hardened parsing of a CEB message body (XML, DxpMsg-wrapped XML, or JSON) into a namespace-resolved
 * element tree. Pure: bytes in, value out; bad input is returned as a CebParseError, never thrown.
 */
import type { CebTextEncoding } from './decode';
import { decodeXmlBytes } from './decode';
import type { DxpTransInfo } from './dxp-envelope';
import { isDxpEnvelope, unwrapDxpEnvelope } from './dxp-envelope';
import { jsonToTree } from './json-input';
import type { CebMessageType } from './message-types';
import { isCebMessageType, schemaNameOf } from './message-types';
import type { CebParseError } from './parse-errors';
import { parseError } from './parse-errors';
import type { CebSchemaName } from './schema/schema-types';
import { CEB_NAMESPACE } from './schema/schema-types';
import type { CebElement } from './tree';
import type { XmlReaderLimits } from './xml-reader';
import { readXml } from './xml-reader';

/** Largest accepted body (also the largest decoded DxpMsg Data). */
export const CEB_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Deepest element nesting; CEB business content is 4 levels, ds:Signature adds 6, ExtendMessage is free. */
export const CEB_MAX_DEPTH = 32;
/**
 * Most elements in one message. The largest bounded message, a CEB621 with 100 inventories of 99 lines,
 * has 100 × (1 + 1 + 48 head fields + 99 × (1 + 20 line fields)) ≈ 213,000 elements; 300,000 leaves room
 * for Signature and BaseSubscribe. (CEB711 DeliveryList is unbounded in the XSD: ≈75,000 waybills fit.)
 */
export const CEB_MAX_ELEMENTS = 300_000;
export const CEB_MAX_ATTRIBUTES_PER_ELEMENT = 32;

const LIMITS: XmlReaderLimits = {
  maxDepth: CEB_MAX_DEPTH,
  maxElements: CEB_MAX_ELEMENTS,
  maxAttributesPerElement: CEB_MAX_ATTRIBUTES_PER_ELEMENT,
};

export type CebBodyFormat = 'xml' | 'json';

export interface ParsedCebMessage {
  readonly messageType: CebMessageType;
  readonly schema: CebSchemaName;
  readonly root: CebElement;
  readonly format: CebBodyFormat;
  /** Text encoding of the business XML; null for JSON. */
  readonly encoding: CebTextEncoding | null;
  /** TransInfo of the DxpMsg envelope when the body was wrapped; null otherwise. */
  readonly envelope: DxpTransInfo | null;
}

export type CebParseResult = { readonly ok: true; readonly value: ParsedCebMessage } | CebParseFailure;
export interface CebParseFailure {
  readonly ok: false;
  readonly error: CebParseError;
  /** Root element name when it was read (for the CEB900 oriMessageType), else undefined. */
  readonly rootName?: string;
  readonly envelope?: DxpTransInfo;
}

function checkSize(body: Uint8Array): CebParseFailure | undefined {
  if (body.byteLength === 0) return { ok: false, error: parseError('EMPTY_BODY', '0 bytes') };
  if (body.byteLength > CEB_MAX_BODY_BYTES) {
    return {
      ok: false,
      error: parseError('BODY_TOO_LARGE', `${body.byteLength} > ${CEB_MAX_BODY_BYTES} bytes`),
    };
  }
  return undefined;
}

function identify(
  root: CebElement,
  format: CebBodyFormat,
  encoding: CebTextEncoding | null,
  envelope: DxpTransInfo | null,
): CebParseResult {
  const context = { rootName: root.name, ...(envelope ? { envelope } : {}) };
  if (root.namespace !== CEB_NAMESPACE) {
    const detail = `{${root.namespace}}${root.name}`;
    return { ok: false, error: parseError('NOT_CEB_NAMESPACE', detail), ...context };
  }
  const schema = schemaNameOf(root.name);
  if (!isCebMessageType(root.name) || schema === undefined) {
    return { ok: false, error: parseError('UNKNOWN_MESSAGE_TYPE', root.name), ...context };
  }
  return { ok: true, value: { messageType: root.name, schema, root, format, encoding, envelope } };
}

function parseXmlInner(body: Uint8Array, envelope: DxpTransInfo | null): CebParseResult {
  const tooBig = checkSize(body);
  if (tooBig) return envelope ? { ...tooBig, envelope } : tooBig;
  const decoded = decodeXmlBytes(body);
  if (!decoded.ok) return { ok: false, error: decoded.error, ...(envelope ? { envelope } : {}) };
  const doc = readXml(decoded.value.text, LIMITS);
  if (!doc.ok) return { ok: false, error: doc.error, ...(envelope ? { envelope } : {}) };
  const root = doc.value.root;
  if (isDxpEnvelope(root)) {
    if (envelope) return { ok: false, error: parseError('ENVELOPE_INVALID', 'nested DxpMsg'), envelope };
    const unwrapped = unwrapDxpEnvelope(root, CEB_MAX_BODY_BYTES);
    if (!unwrapped.ok) return { ok: false, error: unwrapped.error, rootName: root.name };
    return parseXmlInner(unwrapped.value.data, unwrapped.value.transInfo);
  }
  return identify(root, 'xml', decoded.value.encoding, envelope);
}

/** XML body, optionally wrapped in a DxpMsg/DxpMsgSv envelope. */
export function parseCebXml(body: Uint8Array): CebParseResult {
  return parseXmlInner(body, null);
}

/** JSON body (UTF-8, optional BOM) with the XML element names. */
export function parseCebJson(body: Uint8Array): CebParseResult {
  const tooBig = checkSize(body);
  if (tooBig) return tooBig;
  const hasBom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      hasBom ? body.subarray(3) : body,
    );
  } catch {
    return { ok: false, error: parseError('INVALID_ENCODING', 'JSON bodies must be UTF-8') };
  }
  const tree = jsonToTree(text, LIMITS);
  if (!tree.ok) return { ok: false, error: tree.error };
  return identify(tree.value, 'json', null, null);
}

/** Dispatches on the declared format (e.g. from the Content-Type the HTTP layer saw). */
export function parseCebBody(body: Uint8Array, format: CebBodyFormat): CebParseResult {
  return format === 'json' ? parseCebJson(body) : parseCebXml(body);
}
