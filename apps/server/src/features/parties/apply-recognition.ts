import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import { newId } from '../../lib/ids';
import type { PiiVault } from '../../lib/pii';
import { partyError } from './parties.errors';
import type { PartyView } from './party-view';
import { transitionParty } from './transition-party';

/** A market-procurement trade operator applies for recognition (认定) by the commerce department. */
export async function applyRecognition(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  input: { partyId: string; statement: string },
): Promise<PartyView> {
  if (!can(actor, 'parties:recognition:apply') && !can(actor, 'parties:recognition:decide')) {
    throw commonError('FORBIDDEN', { permission: 'parties:recognition:apply' });
  }
  const now = deps.clock.now();
  const applicationId = newId('recog', now.getTime());
  return transitionParty(deps, actor, {
    partyId: input.partyId,
    action: 'recognition.applied',
    evidenceKind: 'party.recognition.applied',
    reason: null,
    details: { applicationId, statement: input.statement },
    change: async (row, repos) => {
      if (row.kind !== 'trade_operator') throw partyError('RECOGNITION_NOT_APPLICABLE', { kind: row.kind });
      if (row.status !== 'active') throw partyError('PARTY_INACTIVE', { id: row.id, status: row.status });
      if (row.recognition === 'pending') throw partyError('RECOGNITION_ALREADY_PENDING');
      if (row.recognition === 'recognised') throw partyError('RECOGNITION_ALREADY_GRANTED');
      await repos.parties.insertRecognition({
        id: applicationId,
        party_id: row.id,
        status: 'pending',
        applied_at: now,
        applied_by: actor.id,
        statement: input.statement,
        decided_at: null,
        decided_by: null,
        reason: null,
      });
      return { recognition: 'pending' };
    },
  });
}
