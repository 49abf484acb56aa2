import type { Repositories } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import { recordEvidence } from '../evidence';
import {
  type PrepareContext,
  type PreparedTransaction,
  prepareTransaction,
  type TransactionInput,
} from './prepare-transaction';
import { procurementError } from './procurement.errors';
import { type ProcurementDeps, plainJson, requirePermission, sha256Hex } from './procurement-access';
import type { TransactionRow } from './transactions.repository';

/** Most transactions one batch registration may carry (market systems upload a day's sales). */
export const MAX_TRANSACTIONS_PER_BATCH = 500;

/** 交易登记: a supplier or operator registers one sale made in a market cluster zone. */
export async function registerTransaction(
  deps: ProcurementDeps,
  actor: Actor,
  input: TransactionInput,
  options: { idempotencyKey?: string | undefined } = {},
): Promise<TransactionRow> {
  const [row] = await registerTransactions(deps, actor, { transactions: [input] }, '', options);
  if (!row) throw new Error('registration returned nothing');
  return row;
}

/**
 * Registers a batch of transactions, all or nothing: every one is validated exactly as a single
 * registration is, then rows, status events, attachments, audit and evidence are written in one
 * database transaction with one statement per table.
 */
export async function registerTransactions(
  deps: ProcurementDeps,
  actor: Actor,
  input: { transactions: readonly TransactionInput[] },
  fieldPrefix = '/transactions',
  options: { idempotencyKey?: string | undefined } = {},
): Promise<TransactionRow[]> {
  requirePermission(actor, 'procurement:register');
  if (input.transactions.length > MAX_TRANSACTIONS_PER_BATCH) {
    const field = fieldPrefix || '/';
    const reason = `at most ${MAX_TRANSACTIONS_PER_BATCH} transactions per call`;
    throw commonError(
      'VALIDATION_FAILED',
      { field, reason, reasonZh: `每次最多 ${MAX_TRANSACTIONS_PER_BATCH} 笔` },
      { field },
    );
  }
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const replay = await replayed(repos, actor, options.idempotencyKey, input);
    if (replay) return replay;
    const ctx: PrepareContext = {
      repos,
      actor,
      now,
      hsRules: await repos.procurement.catalogue.activeHsRules(),
      cache: new Map(),
    };
    const prepared: PreparedTransaction[] = [];
    for (const [index, transaction] of input.transactions.entries()) {
      prepared.push(await prepareTransaction(ctx, transaction, fieldPrefix ? `${fieldPrefix}/${index}` : ''));
    }
    await writeRegistered(repos, deps, actor, now, prepared);
    if (options.idempotencyKey) {
      await repos.procurement.transactions.saveIdempotencyKey({
        org_id: actor.orgId ?? actor.id,
        idempotency_key: options.idempotencyKey,
        request_sha256: sha256Hex(JSON.stringify(input)),
        transaction_ids: prepared.map((p) => p.transaction.id),
        created_at: now,
      });
    }
    return prepared.map((p) => p.transaction);
  });
}

/**
 * A retried request (same organisation, same Idempotency-Key) gets the transactions the first one
 * registered; the same key with a different body is refused. The key is claimed under a lock, so
 * two concurrent retries register once.
 */
async function replayed(
  repos: Repositories,
  actor: Actor,
  key: string | undefined,
  input: unknown,
): Promise<TransactionRow[] | undefined> {
  if (!key) return undefined;
  const earlier = await repos.procurement.transactions.claimIdempotencyKey(actor.orgId ?? actor.id, key);
  if (!earlier) return undefined;
  if (earlier.request_sha256 !== sha256Hex(JSON.stringify(input))) {
    throw procurementError('IDEMPOTENCY_KEY_REUSED', { key }, { field: 'header:idempotency-key' });
  }
  const rows = await repos.procurement.transactions.getTransactions(earlier.transaction_ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return earlier.transaction_ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

async function writeRegistered(
  repos: Repositories,
  deps: ProcurementDeps,
  actor: Actor,
  now: Date,
  prepared: readonly PreparedTransaction[],
): Promise<void> {
  const tx = repos.procurement.transactions;
  await tx.insertTransactions(
    prepared.map((p) => p.transaction),
    prepared.flatMap((p) => p.lines),
  );
  await tx.insertEvents(
    prepared.map((p) => ({
      transaction_id: p.transaction.id,
      from_status: null,
      to_status: 'registered' as const,
      at: now,
      actor_id: actor.id,
      org_id: actor.orgId,
      reference: null,
    })),
  );
  await repos.procurement.catalogue.insertAttachments(prepared.flatMap((p) => p.attachments));
  await repos.audit.recordMany(
    prepared.map((p) => ({
      at: now,
      actor,
      action: 'procurement.transaction.registered',
      targetType: 'procurement_transaction',
      targetId: p.transaction.id,
    })),
  );
  await recordEvidence(
    { evidence: repos.evidence, vault: deps.vault },
    prepared.map((p) => ({
      kind: 'procurement.transaction.registered' as const,
      subject: { type: 'procurement_transaction', id: p.transaction.id },
      actor,
      at: now,
      partyIds: [p.transaction.supplier_id, p.transaction.operator_id, p.transaction.purchaser_id],
      document: plainJson({
        transaction: p.transaction,
        lines: p.lines,
        attachments: p.attachments.map((a) => ({ id: a.id, fileName: a.file_name, sha256: a.sha256 })),
      }),
    })),
  );
}
