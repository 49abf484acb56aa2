/**
 * The intake use-case: a BATCH of CEB messages (from one or many enterprise requests) in one
 * transaction — format check, sender check, idempotency by guid, every unit through its handler
 * (matching, limits, tax, lifecycle), receipts, audit and evidence written in bulk at the end.
 * Dry run: the same work inside a transaction that is rolled back, reporting every problem.
 */
import type { CebBodyFormat } from '@kouan/domain/ceb';
import type { SignatureVerdict } from '@kouan/domain/xmldsig/failures';
import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { findPartiesByCustomsCode } from '../parties';
import { BatchContext, type CebDeps } from './batch-context';
import type { DecodedMessage, FormatFailure } from './decode-message';
import { decodeMessages } from './decode-messages';
import { type PartyLookup, partyLookup, senderPartyId } from './party-lookup';
import { processBatch } from './process-batch';
import { type Prepared, units } from './process-message';
import type { UnitResult } from './process-unit';

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
  /** Check a message that declares nothing (appStatus 1) as if it declared (the conformance check). */
  asDeclared?: boolean;
}) => Promise<SignatureVerdict> | SignatureVerdict;

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
  // Answered with the message type's own no-permission code (-621016 for an inventory …).
  if (problem) return { zh: problem.zh, en: problem.en };
  if (!lookup.isActiveParty(copCode, actor.scope.partyId)) {
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
  // Decoding and sealing the bodies as received (kept for accepted messages) run on worker threads
  // for a batch of many, side by side. A dry run stores nothing, so seals nothing.
  const [decoded, sealed] = await Promise.all([
    decodeMessages(items, now),
    options.dryRun ? [] : deps.vault.sealBodies(items.map((item) => item.body)),
  ]);
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
          senderPartyId: senderPartyId(item.actor, copCode, lookup),
          at: now,
          asDeclared: options.dryRun === true,
        })
      : null;
    results.push({
      item,
      decoded: d,
      copCode,
      senderRefusal: refusal,
      signature,
      sealedBody: sealed[i] ?? null,
    });
  }
  const run = () =>
    deps.store.transaction(async (repos) => {
      const ctx = new BatchContext(repos, deps, now, options.dryRun === true);
      for (const code of codes) ctx.partyIdsByCode.set(code, lookup.activeIds(code));
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
