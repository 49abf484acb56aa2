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
import { type ProcurementDeps, plainJson, requirePermission } from './procurement-access';
import type { TransactionRow } from './transactions.repository';

/** Most transactions one batch registration may carry (market systems upload a day's sales). */
export const MAX_TRANSACTIONS_PER_BATCH = 500;

/** 交易登记: a supplier or operator registers one sale made in a market cluster zone. */
export async function registerTransaction(
  deps: ProcurementDeps,
  actor: Actor,
  input: TransactionInput,
): Promise<TransactionRow> {
  const [row] = await registerTransactions(deps, actor, { transactions: [input] }, '');
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
    return prepared.map((p) => p.transaction);
  });
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
