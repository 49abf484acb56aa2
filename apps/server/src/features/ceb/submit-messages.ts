/**
 * The intake use-case: a BATCH of CEB messages (from one or many enterprise requests) in one
 * transaction — format check, sender check, idempotency by guid, every unit through its handler
 * (matching, limits, tax, lifecycle), receipts, audit and evidence written in bulk at the end.
 * Dry run: the same work inside a transaction that is rolled back, reporting every problem.
 */
import type { CebBodyFormat, CebDeclarationType } from '@kouan/domain/ceb';
import { chinaYear } from '@kouan/domain/retail-import';
import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import { findPartiesByCustomsCode } from '../parties';
import { BatchContext, type BatchReadAhead, type CebDeps } from './batch-context';
import { type NumberClaim, str, type UnitSpec } from './ceb-units';
import type { SetUnit } from './checks';
import { type DecodedMessage, decodeMessage, type FormatFailure } from './decode-message';
import { assignNumbers } from './import-set';
import { type PartyLookup, partyLookup } from './party-lookup';
import { processUnit, type UnitResult } from './process-unit';
import { buyerHashOf, finding } from './store-document';

/** Most messages one transaction takes (each up to 100 units). */
export const MAX_MESSAGES_PER_BATCH = 200;
const DEADLOCK_RETRIES = 3;

export interface CebSubmission {
  readonly actor: Actor;
  readonly body: Uint8Array;
  readonly format: CebBodyFormat;
}

export type SignatureCheck = (input: {
  decoded: DecodedMessage;
  body: Uint8Array;
  senderPartyId: string | null;
  at: Date;
}) => Promise<SignatureVerdict> | SignatureVerdict;

export type SignatureVerdict =
  | { readonly ok: true; readonly details?: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly code: string;
      readonly zh: string;
      readonly en: string;
      readonly details?: Record<string, unknown>;
    };

export interface CebIntakeDeps extends CebDeps {
  readonly store: Store;
  readonly verifySignature?: SignatureCheck;
}

export interface CebSubmissionResult {
  readonly outcome: 'format_error' | 'replayed' | 'processed' | 'sender_refused';
  readonly messageType: string;
  readonly receiptType: string;
  readonly xml: string;
  readonly json: unknown;
  readonly units: readonly UnitResult[];
  readonly formatProblems: FormatFailure['problems'];
  readonly signature: SignatureVerdict | null;
}

class DryRunRollback extends Error {
  constructor(readonly results: CebSubmissionResult[]) {
    super('dry run: rolled back');
  }
}

interface Prepared {
  readonly item: CebSubmission;
  readonly decoded: DecodedMessage;
  readonly copCode: string;
  readonly senderRefusal: { zh: string; en: string } | null;
  readonly signature: SignatureVerdict | null;
}

function units(decoded: DecodedMessage): SetUnit[] {
  return decoded.view.units.map((u) => ({
    head: u.head as unknown as SetUnit['head'],
    lists: u.lists as unknown as SetUnit['lists'],
  }));
}

function senderRefusal(
  actor: Actor,
  copCode: string,
  lookup: PartyLookup,
): { zh: string; en: string } | null {
  if (actor.type === 'system') return null;
  if (actor.scope.kind !== 'enterprise' || !actor.scope.partyId) {
    return { zh: '报文须由已备案企业的系统提交', en: 'messages must come from a filed enterprise system' };
  }
  const problem = lookup.problem(copCode);
  if (problem) return problem;
  if (lookup.active(copCode)?.id !== actor.scope.partyId) {
    return {
      zh: `报文传输企业 copCode ${copCode} 与 API 密钥所属企业不符，没有权限进行操作`,
      en: `BaseTransfer.copCode ${copCode} is not the enterprise the API key belongs to`,
    };
  }
  return null;
}

export async function submitCebMessages(
  deps: CebIntakeDeps,
  items: readonly CebSubmission[],
  options: { dryRun?: boolean } = {},
): Promise<CebSubmissionResult[]> {
  if (items.length > MAX_MESSAGES_PER_BATCH)
    throw new Error(`batch of ${items.length} > ${MAX_MESSAGES_PER_BATCH}`);
  const now = deps.clock.now();
  const decoded = items.map((item) => decodeMessage(item.body, item.format, now));
  const codes = new Set<string>();
  for (const d of decoded) {
    if (!d.ok) continue;
    codes.add(d.view.baseTransfer.copCode);
    for (const u of units(d)) for (const c of d.spec.parties(u.head)) codes.add(c);
  }
  const lookup = partyLookup(await findPartiesByCustomsCode(deps.store.repos, [...codes]));
  const results: (CebSubmissionResult | Prepared)[] = [];
  for (const [i, d] of decoded.entries()) {
    const item = items[i] as CebSubmission;
    if (!d.ok) {
      results.push(formatResult(d));
      continue;
    }
    const copCode = d.view.baseTransfer.copCode;
    const refusal = senderRefusal(item.actor, copCode, lookup);
    const signature = deps.verifySignature
      ? await deps.verifySignature({
          decoded: d,
          body: item.body,
          senderPartyId: lookup.active(copCode)?.id ?? null,
          at: now,
        })
      : null;
    results.push({ item, decoded: d, copCode, senderRefusal: refusal, signature });
  }
  const run = () =>
    deps.store.transaction(async (repos) => {
      const ctx = new BatchContext(repos, deps, now, options.dryRun === true);
      for (const code of codes) {
        const party = lookup.active(code);
        if (party) ctx.partyIdsByCode.set(code, party.id);
      }
      const out = await processBatch(ctx, results, lookup);
      await ctx.flush();
      if (options.dryRun) throw new DryRunRollback(out);
      return out;
    });
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (error instanceof DryRunRollback) return error.results;
      const code = (error as { code?: string }).code;
      if ((code === '40P01' || code === '40001') && attempt < DEADLOCK_RETRIES) continue;
      throw error;
    }
  }
}

function formatResult(d: FormatFailure): CebSubmissionResult {
  return {
    outcome: 'format_error',
    messageType: 'Unknown',
    receiptType: 'CEB900Message',
    xml: d.xml,
    json: d.json,
    units: [],
    formatProblems: d.problems,
    signature: null,
  };
}

async function processBatch(
  ctx: BatchContext,
  prepared: readonly (CebSubmissionResult | Prepared)[],
  lookup: PartyLookup,
): Promise<CebSubmissionResult[]> {
  const work = prepared.filter((p): p is Prepared => 'decoded' in p);
  const orderNos = work
    .flatMap((p) => units(p.decoded).map((u) => p.decoded.spec.orderNo(u.head)))
    .filter((n): n is string => n !== null && n !== '');
  await ctx.repos.ceb.lockSets(orderNos);
  await ctx.readAhead(readAheadOf(work));
  await ctx.loadUsage(buyersOf(ctx, work));
  const replays = new Map<string, CebSubmissionResult>();
  const byOrg = new Map<string, string[]>();
  for (const p of work) {
    if (p.senderRefusal || !p.item.actor.orgId) continue;
    byOrg.set(p.item.actor.orgId, [...(byOrg.get(p.item.actor.orgId) ?? []), p.decoded.view.guid]);
  }
  for (const [orgId, guids] of byOrg) {
    for (const row of await ctx.repos.ceb.findMessagesByGuid(orgId, guids)) {
      replays.set(`${orgId}|${row.guid}`, {
        outcome: 'replayed',
        messageType: row.message_type,
        receiptType: row.receipt_type,
        xml: row.xml,
        json: row.json,
        units: [],
        formatProblems: [],
        signature: null,
      });
    }
  }
  const totalUnits = work.reduce((n, p) => n + p.decoded.view.units.length, 0);
  const serials = await ctx.repos.ceb.nextSerials(totalUnits);
  let next = 0;
  const out: CebSubmissionResult[] = [];
  for (const p of prepared) {
    if (!('decoded' in p)) {
      out.push(p);
      continue;
    }
    const replayKey = `${p.item.actor.orgId}|${p.decoded.view.guid}`;
    const replay = replays.get(replayKey);
    if (replay && !p.senderRefusal) {
      out.push(replay);
      continue;
    }
    const unitSerials = p.decoded.view.units.map(() => serials[next++] ?? 0);
    const result = await processMessage(ctx, p, unitSerials, lookup);
    if (result.outcome === 'processed') replays.set(replayKey, { ...result, outcome: 'replayed' });
    out.push(result);
  }
  return out;
}

/**
 * The buyers whose annual usage the batch may count: those of its inventories and of the stored
 * inventories of its orders (a set may complete when its last document arrives).
 */
function buyersOf(ctx: BatchContext, work: readonly Prepared[]): { buyerHash: string; year: number }[] {
  const year = chinaYear(ctx.now);
  const out: { buyerHash: string; year: number }[] = [];
  for (const p of work) {
    if (p.senderRefusal || p.decoded.spec.kind !== 'inventory') continue;
    for (const u of units(p.decoded)) {
      const hash = buyerHashOf(ctx, u.head);
      if (hash) out.push({ buyerHash: hash, year });
    }
  }
  for (const inv of ctx.readInventories())
    if (inv.status === '2') out.push({ buyerHash: inv.buyer_hash, year });
  return out;
}

/** The documents, orders and number claims the batch's units will look up. */
function readAheadOf(work: readonly Prepared[]): BatchReadAhead {
  const docKeys: string[] = [];
  const orderNos: string[] = [];
  const claims: NumberClaim[] = [];
  for (const p of work) {
    if (p.senderRefusal) continue;
    const spec = p.decoded.spec;
    for (const u of units(p.decoded)) {
      const h = u.head;
      docKeys.push(spec.key(h));
      const orderNo = spec.orderNo(h);
      if (orderNo && spec.direction === 'import') orderNos.push(orderNo);
      if (spec.kind === 'inventory') {
        docKeys.push(`order:${str(h, 'ebpCode')}:${str(h, 'orderNo')}`);
        docKeys.push(`waybill:${str(h, 'logisticsCode')}:${str(h, 'logisticsNo')}`);
      }
      const claim = str(h, 'appType') === '1' ? spec.claim?.(h) : undefined;
      if (claim) claims.push(claim);
    }
  }
  return { docKeys, orderNos, claims };
}

async function processMessage(
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
  const refusal: { code?: string; zh: string; en: string } | null = p.senderRefusal ?? signatureRefusal(p);
  const results: UnitResult[] = [];
  if (refusal) {
    for (const [i, u] of list.entries()) {
      const numbers = assignNumbers(ctx.now, str(u.head, 'customsCode') || '0000', 'I', serials[i] ?? 0);
      const f = finding(
        refusal.code ?? spec.codes.noPermission,
        'BaseTransfer.copCode',
        refusal.zh,
        refusal.en,
      );
      results.push({
        returnStatus: f.code,
        returnInfo: `[${f.code}] ${f.zh}`,
        findings: [f],
        docKey: spec.key(u.head),
        ...numbers,
      });
    }
  } else {
    ctx.messages.push({
      id: messageId,
      guid: decoded.view.guid,
      sender_org_id: item.actor.orgId ?? '',
      sender_party_id: lookup.active(copCode)?.id ?? null,
      cop_code: copCode,
      message_type: decoded.view.type,
      direction: spec.direction,
      format: decoded.format,
      unit_count: list.length,
      received_at: ctx.now,
      body_enc: ctx.deps.vault.encrypt(Buffer.from(item.body).toString('base64')),
      body_sha256: decoded.bodySha256,
      receipt_id: receiptId,
    });
    for (const [i, unit] of list.entries()) {
      results.push(
        await processUnit(ctx, {
          spec,
          unit,
          messageId,
          copCode,
          actor: item.actor,
          serial: serials[i] ?? 0,
          parties: lookup,
        }),
      );
    }
  }
  const recipients = [...new Set([copCode, ...list.flatMap((u) => spec.parties(u.head))])];
  const receiptUnits = list.map((u, i) => {
    const r = results[i] as UnitResult;
    return spec.receiptUnit(u.head, {
      returnStatus: r.returnStatus,
      returnInfo: r.returnInfo,
      returnTime: ctx.now,
      preNo: r.preNo,
      invtNo: r.invtNo,
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
      details: { guid: decoded.view.guid, messageType: decoded.view.type, units: list.length },
    });
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

function signatureRefusal(p: Prepared): { code?: string; zh: string; en: string } | null {
  if (!p.signature || p.signature.ok) return null;
  return { code: p.signature.code, zh: p.signature.zh, en: p.signature.en };
}
