import type { Repositories, Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import type { PiiVault } from '../../lib/pii';
import { type EvidenceKind, recordEvidence } from '../evidence';
import { partyError } from './parties.errors';
import type { PartyRow } from './parties.repository';
import { type PartyView, partySnapshot, toPartyView } from './party-view';

export interface Transition {
  readonly partyId: string;
  readonly action: string;
  readonly evidenceKind: EvidenceKind;
  readonly reason: string | null;
  /** Checks the current row and returns the changes; throws a DomainError to refuse. */
  readonly change: (row: PartyRow, repos: Repositories) => Promise<Partial<PartyRow>>;
  readonly details?: Record<string, unknown>;
}

/**
 * One state change of a party, with its history (before/after), audit entry and evidence entry in
 * the same transaction. The row is locked while the change is decided.
 */
export async function transitionParty(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  transition: Transition,
): Promise<PartyView> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const row = await repos.parties.getPartyForUpdate(transition.partyId, actor.scope);
    if (!row) throw partyError('PARTY_NOT_FOUND', { id: transition.partyId });
    const changes = await transition.change(row, repos);
    const after: PartyRow = { ...row, ...changes, updated_at: now, version: row.version + 1 };
    const updated = await repos.parties.updateParty(row.id, row.version, { ...changes, updated_at: now });
    if (!updated)
      throw commonError('CONFLICT', {
        reason: 'the party changed meanwhile; retry',
        reasonZh: '主体已被修改，请重试',
      });
    await repos.parties.appendHistory({
      partyId: row.id,
      at: now,
      action: transition.action,
      actorType: actor.type,
      actorId: actor.id,
      orgId: actor.orgId,
      requestId: actor.requestId,
      reason: transition.reason,
      before: partySnapshot(row),
      after: partySnapshot(after),
    });
    await repos.audit.record({
      at: now,
      actor,
      action: `party.${transition.action}`,
      targetType: 'party',
      targetId: row.id,
      details: { reason: transition.reason, ...transition.details },
    });
    await recordEvidence({ evidence: repos.evidence, vault: deps.vault }, [
      {
        kind: transition.evidenceKind,
        subject: { type: 'party', id: row.id },
        actor,
        at: now,
        partyIds: [row.id],
        document: {
          action: transition.action,
          reason: transition.reason,
          before: partySnapshot(row),
          after: partySnapshot(after),
          ...transition.details,
        },
      },
    ]);
    return toPartyView(after, { vault: deps.vault, unmasked: can(actor, 'pii:unmasked') });
  });
}
