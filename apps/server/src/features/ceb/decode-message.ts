/**
 * Bytes → a validated declaration, or the CEB900 format-check receipt listing every violation.
 * Pure apart from the receipt guid; nothing is stored for a message that fails here.
 */
import { createHash, randomUUID } from 'node:crypto';
import type {
  CebBodyFormat,
  CebDeclarationType,
  CebDeclarationView,
  CebTextEncoding,
  CebViolation,
  DxpTransInfo,
} from '@kouan/domain/ceb';
import {
  buildFormatErrorReceipt,
  CEB900_RETURN_STATUS,
  cebGuid,
  decodeXmlBytes,
  isCebDeclarationType,
  parseCebBody,
  readCebDeclaration,
  validateCebMessage,
} from '@kouan/domain/ceb';
import { UNIT_SPECS, type UnitSpec } from './ceb-units';

/** A message that passed the format check, as plain data (it can cross to and from a worker thread). */
export interface DecodedData {
  readonly ok: true;
  readonly view: CebDeclarationView<CebDeclarationType>;
  /** Text encoding of the business XML; null for JSON. */
  readonly encoding: CebTextEncoding | null;
  readonly format: CebBodyFormat;
  readonly envelope: DxpTransInfo | null;
  readonly bodySha256: string;
}

/** A decoded message with the handling of its type. */
export interface DecodedMessage extends DecodedData {
  readonly spec: UnitSpec;
}

export interface FormatFailure {
  readonly ok: false;
  readonly xml: string;
  readonly json: unknown;
  readonly returnStatus: string;
  readonly problems: readonly { code: string; path: string; zh: string; en: string }[];
}

/** Violations shown in returnInfo (≤ 5000 characters); the JSON answer lists them all. */
function describe(violations: readonly CebViolation[]): string {
  return violations.map((v) => v.messageZh).join('；');
}

/**
 * The refused message as text for the CEB900 oriBizMessage: decoded as it declares itself (GBK, GB18030…),
 * so a GBK body is echoed readable; bytes that are not valid in their encoding, as lossy UTF-8.
 */
function originalText(body: Uint8Array): string {
  const decoded = decodeXmlBytes(body);
  return decoded.ok ? decoded.value.text : new TextDecoder('utf-8', { fatal: false }).decode(body);
}

function formatFailure(input: {
  returnStatus: `-${number}`;
  info: string;
  body: Uint8Array;
  at: Date;
  rootName?: string | undefined;
  guid?: string | undefined;
  copMsgId?: string | undefined;
  problems: FormatFailure['problems'];
}): FormatFailure {
  const built = buildFormatErrorReceipt({
    guid: cebGuid(randomUUID()),
    ...(input.guid ? { originalGuid: input.guid } : {}),
    returnStatus: input.returnStatus,
    returnTime: input.at,
    returnInfo: input.info,
    ...(input.copMsgId ? { oriCopMsgId: input.copMsgId } : {}),
    ...(input.rootName ? { oriMessageType: input.rootName } : {}),
    oriBizMessage: originalText(input.body),
  });
  if (!built.ok) throw new Error(`CEB900 failed its own schema: ${built.violations[0]?.messageEn}`);
  return {
    ok: false,
    xml: built.xml,
    json: built.json,
    returnStatus: input.returnStatus,
    problems: input.problems,
  };
}

/** decodeMessage with the handling of the message's type attached (after a worker thread decoded it). */
export function withSpec(decoded: DecodedData | FormatFailure): DecodedMessage | FormatFailure {
  return decoded.ok ? { ...decoded, spec: UNIT_SPECS[decoded.view.type] } : decoded;
}

export function decodeMessage(
  body: Uint8Array,
  format: CebBodyFormat,
  at: Date,
): DecodedMessage | FormatFailure {
  return withSpec(decodeMessageData(body, format, at));
}

/** The format check and the declaration view of one body, as plain data (see decodeMessage). */
export function decodeMessageData(
  body: Uint8Array,
  format: CebBodyFormat,
  at: Date,
): DecodedData | FormatFailure {
  const parsed = parseCebBody(body, format);
  if (!parsed.ok) {
    const e = parsed.error;
    return formatFailure({
      returnStatus: CEB900_RETURN_STATUS.notWellFormed,
      info: `${e.messageZh ?? e.code}：${e.detail}`,
      body,
      at,
      rootName: parsed.rootName,
      copMsgId: parsed.envelope?.copMsgId,
      problems: [
        { code: e.code, path: '/', zh: e.messageZh ?? e.code, en: `${e.messageEn ?? e.code}: ${e.detail}` },
      ],
    });
  }
  const message = parsed.value;
  const guid = message.root.attributes.guid;
  const copMsgId = message.envelope?.copMsgId;
  if (!isCebDeclarationType(message.messageType)) {
    const info = `${message.messageType} 不是企业向海关申报的报文，本平台不接收`;
    return formatFailure({
      returnStatus: CEB900_RETURN_STATUS.otherFormatError,
      info,
      body,
      at,
      rootName: message.messageType,
      guid,
      copMsgId,
      problems: [
        {
          code: 'NOT_A_DECLARATION',
          path: `/${message.messageType}`,
          zh: info,
          en: `${message.messageType} is not a declaration enterprises send; Kouan does not accept it`,
        },
      ],
    });
  }
  const report = validateCebMessage(message);
  if (!report.valid) {
    return formatFailure({
      returnStatus: CEB900_RETURN_STATUS.schemaInvalid,
      info: describe(report.violations),
      body,
      at,
      rootName: message.messageType,
      guid,
      copMsgId,
      problems: report.violations.map((v) => ({
        code: v.code,
        path: v.path,
        zh: v.messageZh,
        en: v.messageEn,
      })),
    });
  }
  const view = readCebDeclaration(report.message, message.messageType);
  if (!view) throw new Error('readCebDeclaration returned nothing for a validated declaration');
  return {
    ok: true,
    view,
    encoding: message.encoding,
    format,
    envelope: message.envelope,
    bodySha256: createHash('sha256').update(body).digest('hex'),
  };
}
