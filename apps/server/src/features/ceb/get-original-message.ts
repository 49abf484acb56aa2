/**
 * A message exactly as its sender sent it: the bytes the signature covers and the SHA-256 the
 * evidence ledger committed to when it was accepted. Only for its sending enterprise and for
 * regulators who may see personal information unmasked (the body holds it in clear); every
 * download is audited. Bytes that no longer match the ledger are never returned.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { PiiVault } from '../../lib/pii';
import { findCommittedDocument } from '../evidence';
import { cebError } from './ceb.errors';
import { openStoredBody } from './documents';

export interface OriginalMessage {
  readonly id: string;
  readonly guid: string;
  readonly messageType: string;
  readonly format: 'xml' | 'json';
  readonly body: Buffer;
  readonly sha256: string;
  /** The ledger entry (message.accepted) that commits to these bytes; null if it has none. */
  readonly evidenceIndex: number | null;
}

/** Whether the actor may download this message's original: its sender, or an unmasked regulator. */
export function mayReadOriginal(actor: Actor, senderOrgId: string): boolean {
  if (actor.scope.kind === 'enterprise') return actor.orgId === senderOrgId;
  return (actor.scope.kind === 'all' || actor.scope.kind === 'district') && can(actor, 'pii:unmasked');
}

/**
 * The bodySha256 the ledger's message.accepted entry holds for the message: undefined when there is
 * no entry or its document was purged; a document that no longer matches its entry refuses the check.
 */
async function ledgerSha256(
  deps: { store: Store; vault: PiiVault },
  messageId: string,
  stored: string,
): Promise<{ index: number; sha256: string | undefined } | undefined> {
  const found = await findCommittedDocument(deps, {
    subjectType: 'ceb_message',
    subjectId: messageId,
    kind: 'message.accepted',
  });
  if (!found) return undefined;
  if (found.document && !found.document.ok) {
    throw cebError('CEB_ORIGINAL_ALTERED', {
      id: messageId,
      expected: `(entry ${found.index}: its document ${found.document.problem})`,
      actual: stored,
    });
  }
  const document =
    found.document && (JSON.parse(found.document.bytes.toString('utf8')) as { bodySha256?: unknown });
  const sha256 = document?.bodySha256;
  return { index: found.index, sha256: typeof sha256 === 'string' ? sha256 : undefined };
}

export async function getOriginalMessage(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  id: string,
): Promise<OriginalMessage> {
  const repos = deps.store.repos;
  const row = await repos.ceb.getMessage(id);
  if (!row || !mayReadOriginal(actor, row.sender_org_id)) {
    // Another enterprise's message is not there at all for the caller, as everywhere in CEB.
    if (!row || actor.scope.kind === 'enterprise')
      throw cebError('CEB_NOT_FOUND', { what: 'message', whatZh: '报文', id });
    throw cebError('CEB_ORIGINAL_UNMASKED_ONLY');
  }
  let body: Buffer;
  try {
    body = openStoredBody(deps.vault, row);
  } catch {
    throw cebError('CEB_ORIGINAL_ALTERED', { id, expected: row.body_sha256, actual: 'cannot be decrypted' });
  }
  const actual = createHash('sha256').update(body).digest('hex');
  const ledger = await ledgerSha256(deps, id, actual);
  // The ledger's hash when the ledger still holds its document, else the row's (same transaction).
  const expected = ledger?.sha256 ?? row.body_sha256;
  if (actual !== expected || actual !== row.body_sha256) {
    throw cebError('CEB_ORIGINAL_ALTERED', { id, expected, actual });
  }
  await repos.audit.record({
    at: deps.clock.now(),
    actor,
    action: 'ceb.message.original.read',
    targetType: 'ceb_message',
    targetId: id,
    details: { guid: row.guid, messageType: row.message_type, sha256: actual },
  });
  return {
    id,
    guid: row.guid,
    messageType: row.message_type,
    format: row.format,
    body,
    sha256: actual,
    evidenceIndex: ledger?.index ?? null,
  };
}
