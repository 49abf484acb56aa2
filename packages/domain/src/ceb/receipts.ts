/**
 * Receipt builder: typed input → XML exactly as the official XSD wants (element order from the generated
 * schema, `ceb:` prefix, UTF-8) plus the same content in the JSON shape. Every receipt's content is
 * validated against the schema before it is returned, so an invalid receipt is never handed out.
 */
import type { CebBusinessReceiptType, CebMessageType, CebReceiptType } from './message-types';
import { schemaFor, schemaNameOf } from './message-types';
import { readCebMessage } from './messages';
import { parseCebXml } from './parse';
import type { CebReceiptUnitMap } from './receipt-types';
import type { CebMessageDataMap } from './schema/generated-types';
import type { CebDateTimeFormat } from './schema/spec-rules';
import { type ValidCebMessage, validateCebTree } from './validate';
import type { CebViolation } from './violations';
import { cebTreeOf, writeCebTree } from './xml-writer';

export const CEB_RECEIPT_VERSION = '1.0';
/** China Standard Time has no daylight saving: a fixed UTC+8 offset. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Formats an instant in China time as yyyyMMdd / yyyyMMddHHmmss / yyyyMMddHHmmssSSS. */
export function formatCebTimestamp(instant: Date, format: CebDateTimeFormat): string {
  if (Number.isNaN(instant.getTime())) throw new Error('formatCebTimestamp: invalid Date');
  const d = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
  if (format === 'yyyyMMdd') return date;
  const time = `${date}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  return format === 'yyyyMMddHHmmss' ? time : `${time}${p(d.getUTCMilliseconds(), 3)}`;
}

/** The CEB guid form of a UUID: 36 characters, letters upper case ("英文字母大写"). */
export function cebGuid(uuid: string): string {
  return uuid.toUpperCase();
}

export type CebReceiptJson<T extends CebMessageType> = { readonly [K in T]: CebMessageDataMap[K] };

/** A message Kouan writes (receipts, the CEB816 tax bill): its XML and the same content as JSON. */
export type CebReceiptBuildResult<T extends CebMessageType> =
  | { readonly ok: true; readonly xml: string; readonly json: CebReceiptJson<T> }
  | { readonly ok: false; readonly violations: readonly CebViolation[] };

export interface BuildCebReceiptInput<T extends CebBusinessReceiptType> {
  readonly type: T;
  /** guid of the receipt message itself (root attribute). */
  readonly guid: string;
  readonly version?: string;
  readonly units: readonly CebReceiptUnitMap[T][];
}

function unitParticle(type: CebReceiptType): { unitName: string; unitType: string } {
  const schema = schemaFor(schemaNameOf(type) ?? 'import');
  const particle = schema.complexTypes[type]?.children[0];
  if (!particle) throw new Error(`${type} has no return unit in the schema`);
  return { unitName: particle.name, unitType: particle.type };
}

function maxLengthOf(type: CebReceiptType, unitType: string, field: string): number | undefined {
  const schema = schemaFor(schemaNameOf(type) ?? 'import');
  const particle = schema.complexTypes[unitType]?.children.find((p) => p.name === field);
  return particle ? schema.simpleTypes[particle.type]?.maxLength : undefined;
}

/** Truncates to `max` characters (code points), ending with "…" when cut. */
export function truncateChars(text: string, max: number | undefined): string {
  if (max === undefined) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

function unitToData(type: CebReceiptType, unitType: string, unit: object): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(unit)) {
    if (value === undefined) continue;
    if (value instanceof Date) data[key] = formatCebTimestamp(value, 'yyyyMMddHHmmssSSS');
    else if (key === 'returnInfo' && typeof value === 'string') {
      data[key] = truncateChars(value, maxLengthOf(type, unitType, key));
    } else data[key] = value;
  }
  return data;
}

/**
 * Validates `data` (the JSON shape) against the schema of `type` and writes it as XML: ok with the XML
 * and JSON, or the violations (then nothing may be handed out). One element tree (cebTreeOf) is validated
 * and then written, so what is validated is what is sent, without parsing the XML back; the written XML
 * itself is checked against the official XSDs by the test suite (ceb-official-xsd.test.ts).
 */
export function buildValidatedCebMessage<T extends CebMessageType>(
  type: T,
  data: Record<string, unknown>,
  cdataElements?: ReadonlySet<string>,
): CebReceiptBuildResult<T> {
  const tree = cebTreeOf(type, data);
  const { violations } = validateCebTree(tree, type);
  if (violations.length > 0) return { ok: false, violations };
  const xml = writeCebTree(tree, cdataElements ? { cdataElements } : {});
  return { ok: true, xml, json: { [type]: data } as unknown as CebReceiptJson<T> };
}

/**
 * The JSON form of a receipt Kouan issued, read back from its XML: what buildCebReceipt (or
 * buildValidatedCebMessage) returned as `json` beside that XML. Receipts are stored as XML only; the
 * JSON answer is this. Throws on XML that is not a CEB message (a stored receipt always is).
 */
export function cebReceiptJson(xml: string): Record<string, unknown> {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  if (!parsed.ok) throw new Error(`receipt XML cannot be read: ${parsed.error.code} ${parsed.error.detail}`);
  // Kouan wrote and validated it before storing it: read, not checked again.
  const message = readCebMessage(parsed.value as ValidCebMessage);
  return { [message.type]: message.data };
}

/** Builds a business receipt (CEB312, CEB622, CEB604 …) for 1..100 units. */
export function buildCebReceipt<T extends CebBusinessReceiptType>(
  input: BuildCebReceiptInput<T>,
): CebReceiptBuildResult<T> {
  const { unitName, unitType } = unitParticle(input.type);
  const units = input.units.map((u) => unitToData(input.type, unitType, u));
  const data = { guid: input.guid, version: input.version ?? CEB_RECEIPT_VERSION, [unitName]: units };
  return buildValidatedCebMessage(input.type, data);
}

/**
 * CEB900 报文格式校验回执 (import XSD, spec §3.19): the answer to a body that cannot be read or fails the
 * schema. returnStatus must be negative ("小于0数字表示报文格式校验异常"); see CEB900_RETURN_STATUS.
 */
export interface FormatErrorReceiptInput {
  /** guid of the CEB900 message itself. */
  readonly guid: string;
  /** guid of the rejected message when it could be read (36 chars); otherwise the receipt guid is used. */
  readonly originalGuid?: string;
  readonly returnStatus: `-${number}`;
  readonly returnTime: Date;
  /** Truncated to 5000 characters. */
  readonly returnInfo: string;
  /** CopMsgId of the DxpMsg envelope, '' when the body was not wrapped. */
  readonly oriCopMsgId?: string;
  /** Root name such as CEB311Message; 'Unknown' when not recognised (spec). */
  readonly oriMessageType?: string;
  /** The original message text, written as CDATA (spec); truncated to CEB900_MAX_ORIGINAL_CHARS. */
  readonly oriBizMessage: string;
}

/**
 * Our mapping of the DXP format error codes (spec table 7-1) onto CEB900's negative returnStatus:
 * 0001 报文格式错误 → -1 (unreadable/not well-formed), 0002 schema 验证失败 → -2, 0999 其他格式错误 → -999.
 */
export const CEB900_RETURN_STATUS = {
  notWellFormed: '-1',
  schemaInvalid: '-2',
  otherFormatError: '-999',
} as const;

/** oriBizMessage has no maxLength in the XSD; echoing a 10 MiB body back is capped at 1 MiB. */
export const CEB900_MAX_ORIGINAL_CHARS = 1024 * 1024;

export function buildFormatErrorReceipt(
  input: FormatErrorReceiptInput,
): CebReceiptBuildResult<'CEB900Message'> {
  const type = 'CEB900Message';
  const { unitType } = unitParticle(type);
  const oriType = input.oriMessageType ?? 'Unknown';
  const fits = (max: number | undefined, text: string) => max === undefined || [...text].length <= max;
  const originalGuid =
    input.originalGuid !== undefined && [...input.originalGuid].length === 36
      ? input.originalGuid
      : input.guid;
  const unit = {
    guid: originalGuid,
    returnStatus: input.returnStatus,
    returnInfo: truncateChars(input.returnInfo, maxLengthOf(type, unitType, 'returnInfo')),
    returnTime: formatCebTimestamp(input.returnTime, 'yyyyMMddHHmmssSSS'),
    oriCopMsgId: truncateChars(input.oriCopMsgId ?? '', maxLengthOf(type, unitType, 'oriCopMsgId')),
    oriMessageType: fits(maxLengthOf(type, unitType, 'oriMessageType'), oriType) ? oriType : 'Unknown',
    oriBizMessage: truncateChars(input.oriBizMessage, CEB900_MAX_ORIGINAL_CHARS),
  };
  const data = { guid: input.guid, version: CEB_RECEIPT_VERSION, MessageReturn: unit };
  return buildValidatedCebMessage(type, data, new Set(['oriBizMessage']));
}
