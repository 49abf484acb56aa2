/**
 * The China E-port terminal-node envelope `<DxpMsg>` (dxp-terminal-2022.xsd, spec §4): TransInfo plus the
 * business message as base64 in `Data`. A transport-node `<DxpMsgSv>` (spec §5) wrapping a DxpMsg is also
 * unwrapped.
 */
import type { CebParseError } from './parse-errors';
import { parseError } from './parse-errors';
import type { CebElement } from './tree';
import { firstChild } from './tree';

export const DXP_NAMESPACE = 'http://www.chinaport.gov.cn/dxp';

export interface DxpTransInfo {
  /** 发送方内部报文ID */
  readonly copMsgId: string;
  /** 发送方id (DXP user id) */
  readonly senderId: string;
  /** 接收方id, 1..5 */
  readonly receiverIds: readonly string[];
  /** 原始报文创建时间, xs:dateTime text as sent (yyyy-MM-ddTHH:mm:ss) */
  readonly creatTime: string;
  /** 报文类型 agreed between the parties, usually the root name (e.g. CEB311Message) */
  readonly msgType: string;
  /** IsText/@Encode when the sender declared the Data as text in a given charset. */
  readonly textEncoding: string | undefined;
  readonly signed: boolean;
}

export function isDxpEnvelope(root: CebElement): boolean {
  return root.namespace === DXP_NAMESPACE && (root.name === 'DxpMsg' || root.name === 'DxpMsgSv');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/[ \t\n\r]/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function required(parent: CebElement, name: string): string | undefined {
  const el = firstChild(parent, name);
  const value = el?.text.trim();
  return value === undefined || value === '' ? undefined : value;
}

function invalid(detail: string): { ok: false; error: CebParseError } {
  return { ok: false, error: parseError('ENVELOPE_INVALID', detail) };
}

export function unwrapDxpEnvelope(
  root: CebElement,
  maxDataBytes: number,
): { ok: true; value: { transInfo: DxpTransInfo; data: Uint8Array } } | { ok: false; error: CebParseError } {
  const msg = root.name === 'DxpMsgSv' ? firstChild(root, 'DxpMsg') : root;
  const trans = msg && firstChild(msg, 'TransInfo');
  if (!msg || !trans) return invalid('missing DxpMsg/TransInfo');
  const copMsgId = required(trans, 'CopMsgId');
  const senderId = required(trans, 'SenderId');
  const creatTime = required(trans, 'CreatTime');
  const receivers = firstChild(trans, 'ReceiverIds')?.children.filter((c) => c.name === 'ReceiverId') ?? [];
  const receiverIds = receivers.map((r) => r.text.trim()).filter((r) => r !== '');
  if (!copMsgId || !senderId || !creatTime || receiverIds.length === 0 || receiverIds.length > 5) {
    return invalid('TransInfo requires CopMsgId, SenderId, 1..5 ReceiverIds/ReceiverId and CreatTime');
  }
  const dataText = firstChild(msg, 'Data')?.text;
  if (dataText === undefined) return invalid('missing Data');
  if (dataText.length > Math.ceil((maxDataBytes * 4) / 3) + 1024)
    return invalid('Data exceeds the size limit');
  const data = decodeBase64(dataText);
  if (!data) return invalid('Data is not valid base64');
  const addInfo = firstChild(msg, 'AddInfo');
  const transInfo: DxpTransInfo = {
    copMsgId,
    senderId,
    receiverIds,
    creatTime,
    msgType: firstChild(trans, 'MsgType')?.text.trim() ?? '',
    textEncoding: addInfo ? firstChild(addInfo, 'IsText')?.attributes.Encode : undefined,
    signed: firstChild(msg, 'Signature') !== undefined,
  };
  return { ok: true, value: { transInfo, data } };
}
