/** One message of a batch: its units through their handlers, its receipt, evidence and audit. */
import type { CebDeclarationType } from '@kouan/domain/ceb';
import type { SignatureVerdict } from '@kouan/domain/xmldsig/failures';
import { newId } from '../../lib/ids';
import type { BatchContext, IssuedReceipt } from './batch-context';
import { str, type UnitSpec } from './ceb-units';
import type { SetUnit } from './checks';
import type { DecodedMessage } from './decode-message';
import { rememberMessageUnits, setUnitsOf } from './documents';
import { assignNumbers } from './import-set';
import { type PartyLookup, senderPartyId } from './party-lookup';
import { processUnit, type UnitResult } from './process-unit';
import { finding } from './store-document';
import type { CebSubmission, CebSubmissionResult } from './submit-messages';
import { ownPreNo } from './unit-spec';

/** Why a whole message is refused, and the field it is about (the sender, or the signature). */
type Refusal = { code?: string; field: string; zh: string; en: string };

/** A decoded message with what was checked outside the transaction (sender, signature). */
export interface Prepared {
  readonly item: CebSubmission;
  readonly decoded: DecodedMessage;
  readonly copCode: string;
  readonly senderRefusal: { zh: string; en: string } | null;
  readonly signature: SignatureVerdict | null;
  /** The body sealed for storage (PiiVault.sealBody); null in a dry run, which stores nothing. */
  readonly sealedBody: Buffer | null;
}

export function units(decoded: DecodedMessage): SetUnit[] {
  return setUnitsOf(decoded.view);
}

/** Every unit of a refused message answers the refusal; nothing is stored. */
function refusedUnits(
  ctx: BatchContext,
  spec: UnitSpec,
  list: readonly SetUnit[],
  serials: readonly number[],
  refusal: Refusal,
): UnitResult[] {
  const results: UnitResult[] = [];
  for (const [i, u] of list.entries()) {
    // Never accepted: answered with the message's own numbers — its preNo (one is issued when it has
    // none: the receipts require it) and invtNo (or none; CEB604, which requires one, an empty one).
    const preNo =
      ownPreNo(u.head) ??
      assignNumbers(ctx.now, str(u.head, 'customsCode') || '0000', 'I', serials[i] ?? 0).preNo;
    const f = finding(refusal.code ?? spec.codes.noPermission, refusal.field, refusal.zh, refusal.en);
    results.push({
      returnStatus: f.code,
      returnInfo: `[${f.code}] ${f.zh}`,
      findings: [f],
      docKey: spec.key(u.head),
      preNo,
    });
  }
  return results;
}

/** Queues the accepted message (inserted at flush) and puts each of its units through its handler. */
async function acceptUnits(
  ctx: BatchContext,
  p: Prepared,
  input: { list: readonly SetUnit[]; messageId: string; receiptId: string; serials: readonly number[] },
  lookup: PartyLookup,
): Promise<UnitResult[]> {
  const { decoded, item, copCode } = p;
  const spec: UnitSpec = decoded.spec;
  const { list, messageId, receiptId, serials } = input;
  const results: UnitResult[] = [];
  ctx.messages.push({
    id: messageId,
    guid: decoded.view.guid,
    sender_org_id: item.actor.orgId ?? '',
    sender_party_id: senderPartyId(item.actor, copCode, lookup),
    cop_code: copCode,
    message_type: decoded.view.type,
    direction: spec.direction,
    format: decoded.format,
    unit_count: list.length,
    received_at: ctx.now,
    body: p.sealedBody ?? ctx.deps.vault.sealBody(item.body),
    body_enc: null,
    body_sha256: decoded.bodySha256,
    receipt_id: receiptId,
  });
  // Its documents' units, for later batches of this process (a dry run stores nothing to read).
  if (!ctx.dryRun) rememberMessageUnits(messageId, list);
  for (const [i, unit] of list.entries()) {
    results.push(
      await processUnit(ctx, {
        spec,
        unit,
        messageId,
        copCode,
        actor: item.actor,
        serial: serials[i] ?? 0,
        unitIndex: i,
        parties: lookup,
      }),
    );
  }
  return results;
}

/** The evidence entry (holding the receipt) and the audit entry of an accepted message. */
function recordAccepted(
  ctx: BatchContext,
  p: Prepared,
  input: {
    messageId: string;
    recipients: readonly string[];
    results: readonly UnitResult[];
    receipt: IssuedReceipt;
    unitCount: number;
  },
): void {
  const { decoded, item, copCode } = p;
  const { messageId, recipients, results, receipt } = input;
  const partyIds = ctx.partyIds(recipients);
  ctx.evidence.push({
    kind: 'message.accepted',
    subject: { type: 'ceb_message', id: messageId },
    actor: item.actor,
    at: ctx.now,
    partyIds,
    document: {
      guid: decoded.view.guid,
      messageType: decoded.view.type,
      copCode,
      bodySha256: decoded.bodySha256,
      units: results.map((r) => ({ key: r.docKey, returnStatus: r.returnStatus })),
      receipt: receipt.evidence,
    },
  });
  ctx.audit.push({
    at: ctx.now,
    actor: item.actor,
    action: 'ceb.message.accepted',
    targetType: 'ceb_message',
    targetId: messageId,
    details: { guid: decoded.view.guid, messageType: decoded.view.type, units: input.unitCount },
  });
}

/**
 * Who may read a message's receipt and its evidence entry: the sender, and the parties that every
 * unit names. The receipt holds each unit's returnInfo; a party named in one unit only (one order's
 * payment enterprise) must not read the others'. It gets the receipts about its own unit later, as
 * status changes of that unit alone.
 */
function messageRecipients(copCode: string, list: readonly SetUnit[], spec: UnitSpec): string[] {
  const [first, ...rest] = list.map((u) => new Set(spec.parties(u.head)));
  const common = first ? [...first].filter((code) => rest.every((named) => named.has(code))) : [];
  return [...new Set([copCode, ...common])];
}

export async function processMessage(
  ctx: BatchContext,
  p: Prepared,
  serials: readonly number[],
  lookup: PartyLookup,
): Promise<CebSubmissionResult> {
  const { decoded, item, copCode } = p;
  const spec: UnitSpec = decoded.spec;
  const list = units(decoded);
  const messageId = newId('cebmsg', ctx.now.getTime());
  const receiptId = newId('rcpt', ctx.now.getTime());
  const refusal: Refusal | null = p.senderRefusal
    ? { ...p.senderRefusal, field: 'BaseTransfer.copCode' }
    : signatureRefusal(p);
  const results = refusal
    ? refusedUnits(ctx, spec, list, serials, refusal)
    : await acceptUnits(ctx, p, { list, messageId, receiptId, serials }, lookup);
  const recipients = messageRecipients(copCode, list, spec);
  const receiptUnits = list.map((u, i) => {
    const r = results[i] as UnitResult;
    return spec.receiptUnit(u.head, {
      returnStatus: r.returnStatus,
      returnInfo: r.returnInfo,
      returnTime: ctx.now,
      preNo: r.preNo,
      invtNo: r.invtNo,
      sumNo: r.sumNo,
    });
  });
  const receipt = ctx.issueReceipt({
    inEvidenceOf: 'caller',
    type: spec.receiptType,
    units: receiptUnits,
    actor: item.actor,
    messageId: refusal ? null : messageId,
    docKey: null,
    recipientCodes: recipients,
    id: receiptId,
  });
  if (refusal) {
    // Nothing of a refused message is kept: its receipt is answered, not stored.
    ctx.receipts.pop();
  } else {
    recordAccepted(ctx, p, { messageId, recipients, results, receipt, unitCount: list.length });
  }
  return {
    outcome: refusal ? 'sender_refused' : 'processed',
    messageType: decoded.view.type as CebDeclarationType,
    receiptType: receipt.type,
    xml: receipt.xml,
    json: receipt.json,
    units: results,
    formatProblems: [],
    signature: p.signature,
  };
}

function signatureRefusal(p: Prepared): Refusal | null {
  if (!p.signature || p.signature.ok) return null;
  return { code: p.signature.code, field: 'Signature', zh: p.signature.zh, en: p.signature.en };
}
